// bench:search times "save to searchable" by saving annotations into the shared benchmark library. They
// were left there: twenty documents gained twenty annotations per run (after 25 runs their files held
// twice what was generated), so every later run saved larger files and the figure crept up. The
// benchmark now takes its annotations out again, those of earlier runs included.
import type { Annotation } from '../../shared/model';
import type { LibraryStore } from '../../main/services/library/store';

/** The id prefix of annotations the benchmark saves. */
export const BENCH_SAVE_PREFIX = 'bench-save-';

/** An annotation saved by the benchmark on a document, holding a word no generated text has. */
export function benchAnnotation(documentId: string, i: number, word: string): Annotation {
  const now = new Date().toISOString();
  return {
    id: `${BENCH_SAVE_PREFIX}${i}-${Date.now()}`,
    documentId,
    created: now,
    modified: now,
    target: { selector: [{ type: 'TextQuoteSelector', exact: `A passage about ${word}`, prefix: '', suffix: '' }] },
    body: { color: 'yellow', note: 'saved during the benchmark', tags: [], principles: [], actors: [] },
  };
}

/** Deletes every annotation the benchmark saved (through the store, as a user's delete); returns how many. */
export async function removeBenchSaves(store: LibraryStore): Promise<number> {
  let removed = 0;
  for (const annotation of await store.allAnnotations()) {
    if (!annotation.id.startsWith(BENCH_SAVE_PREFIX)) continue;
    await store.deleteAnnotation(annotation.documentId, annotation.id);
    removed++;
  }
  return removed;
}
