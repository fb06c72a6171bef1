// What the index remembers of each document it indexed: which version of its file (the content hash)
// and which version of its annotations file (the hash the library's check record has of it). At the next
// start, a different file means the passages are stale, a different annotations file that the annotations
// are. Hashes, not file times: a library copied, restored from a backup or touched by a sync tool has new
// times on every file, and re-indexing its 100,000 annotations for that took minutes and half a gigabyte.
import type { LibraryStore } from '../library/store';

export function documentStamp(store: LibraryStore, documentId: string): string {
  let contentHash = 'gone';
  try {
    contentHash = store.getDocument(documentId).contentHash;
  } catch {
    // deleted meanwhile: the stamp will not match anything
  }
  return `${contentHash}:${store.annotationsHash(documentId) ?? 'missing'}`;
}

export function stampIsOfFile(stamp: string, contentHash: string): boolean {
  return stamp.startsWith(`${contentHash}:`);
}
