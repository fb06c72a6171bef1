// The search benchmark leaves the shared library as it found it: the annotations it saves to time "save
// to searchable" are deleted again, those left by earlier runs included, and nothing else is touched.
import { describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../shared/codebooks';
import { LibraryStore } from '../../main/services/library/store';
import { sampleAnnotation, sampleDocument } from '../../main/test-support/fixtures';
import { useTempDir } from '../../main/test-support/temp';
import { benchAnnotation, removeBenchSaves } from './search-saves';

const tempDir = useTempDir();

describe('bench:search saves', () => {
  it('are removed again, and only they', async () => {
    const store = await LibraryStore.open(await tempDir(), { defaultCodebook: PARIS_CALL_CODEBOOK });
    try {
      const document = await store.addDocument(sampleDocument());
      await store.saveAnnotation(sampleAnnotation(document.id, { id: 'a-user-annotation' }));
      for (let i = 0; i < 3; i++) await store.saveAnnotation(benchAnnotation(document.id, i, `benchmarkmarker${i}x`));
      expect(await store.listAnnotations(document.id)).toHaveLength(4);
      expect(await removeBenchSaves(store)).toBe(3);
      expect((await store.listAnnotations(document.id)).map((a) => a.id)).toEqual(['a-user-annotation']);
      expect(await removeBenchSaves(store)).toBe(0);
    } finally {
      await store.close();
    }
  });
});
