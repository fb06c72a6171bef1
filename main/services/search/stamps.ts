// What the index remembers of each document it indexed: which version of its file (the content hash)
// and which version of its annotations file (time and size). At the next start, a different file
// means the passages are stale, a different annotations file that the annotations are.
import { stat } from 'node:fs/promises';
import type { LibraryStore } from '../library/store';

export async function documentStamp(store: LibraryStore, documentId: string): Promise<string> {
  let contentHash = 'gone';
  try {
    contentHash = store.getDocument(documentId).contentHash;
  } catch {
    // deleted meanwhile: the stamp will not match anything
  }
  try {
    const info = await stat(store.paths.document(documentId).annotations);
    return `${contentHash}:${info.mtimeMs}:${info.size}`;
  } catch {
    return `${contentHash}:missing`;
  }
}

export function stampIsOfFile(stamp: string, contentHash: string): boolean {
  return stamp.startsWith(`${contentHash}:`);
}
