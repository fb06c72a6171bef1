// A small library on disk for the tests of opening one (what the open reads, what it trusts).
import { PARIS_CALL_CODEBOOK } from '../../shared/codebooks';
import type { LibraryDocument } from '../../shared/model';
import { LibraryStore } from '../services/library/store';
import { sampleAnnotation, sampleDocument } from './fixtures';

export const openLibrary = (dir: string): Promise<LibraryStore> => LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });

/** A closed library of three documents (hashes a…, b…, c…) with an annotation each (ann-a, ann-b, ann-c), in order. */
export async function closedLibraryOfThree(dir: string): Promise<LibraryDocument[]> {
  const store = await openLibrary(dir);
  const documents: LibraryDocument[] = [];
  for (const hash of ['a', 'b', 'c']) {
    const document = await store.addDocument(sampleDocument({ contentHash: hash.repeat(64) }));
    await store.saveAnnotation(sampleAnnotation(document.id, { id: `ann-${hash}` }));
    documents.push(document);
  }
  await store.close();
  return documents;
}
