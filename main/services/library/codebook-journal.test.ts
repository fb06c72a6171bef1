import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import { codebookEditSchema, type CodebookEditInput } from '../../../shared/codebooks/edits';
import { applyCodebookEdit } from '../../../shared/codebooks/operations';
import { sampleAnnotation, sampleDocument } from '../../test-support/fixtures';
import { useTempDir } from '../../test-support/temp';
import { beginCodebookChange } from './codebook-journal';
import { libraryPaths } from './files';
import { LibraryStore } from './store';

const open = (dir: string) => LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });

describe('a codebook change, journalled', () => {
  const tempDir = useTempDir();

  /** Three documents, each with a passage linked to France. */
  async function library() {
    const dir = await tempDir();
    const store = await open(dir);
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const document = await store.addDocument(sampleDocument({ contentHash: String(n).repeat(64) }));
      await store.saveAnnotation(sampleAnnotation(document.id, { id: `ann-${n}` }));
      ids.push(document.id);
    }
    return { dir, store, ids, paths: libraryPaths(dir) };
  }

  const change = async (store: LibraryStore, input: CodebookEditInput) =>
    applyCodebookEdit(store.getCodebook(), await store.allAnnotations(), codebookEditSchema.parse(input));

  it('writes the codebook and the recoded passages of every document, leaving no journal or copies', async () => {
    const { dir, store, ids, paths } = await library();
    const merge = await change(store, { kind: 'actor.merge', sourceId: 'france', targetId: 'germany' });
    expect(merge.annotations).toHaveLength(3);
    const stored = await store.changeCodebook(merge);
    expect(stored.annotations.every((a) => a.modified !== '2026-01-01T00:00:00.000Z')).toBe(true);
    await store.close();
    await expect(readFile(paths.codebookJournal)).rejects.toThrow(/ENOENT/);
    expect(await readdir(paths.journalCopies).catch(() => [])).toEqual([]);

    const reopened = await open(dir);
    expect((await reopened.health()).issues).toEqual([]);
    expect(reopened.getCodebook().actors.some((a) => a.id === 'france')).toBe(false);
    expect(reopened.getCodebook().actors.find((a) => a.id === 'germany')!.aliases).toContain('France');
    for (const id of ids) expect((await reopened.listAnnotations(id))[0]!.body.actors).toEqual([{ actorId: 'germany', stance: 'supports' }]);
    await reopened.close();
  });

  it('refuses a change that leaves a link dangling or names an annotation the library lacks, changing nothing', async () => {
    const { store, ids } = await library();
    const codebook = store.getCodebook();
    const dropped = { ...codebook, actors: codebook.actors.filter((a) => a.id !== 'france') };
    await expect(store.changeCodebook({ codebook: dropped, annotations: [] })).rejects.toThrow(/france \(3 annotations\)/);
    const stranger = sampleAnnotation(ids[0]!, { id: 'not-there' });
    await expect(store.changeCodebook({ codebook, annotations: [stranger] })).rejects.toThrow(/no annotation not-there/);
    const moved = { ...sampleAnnotation(ids[1]!, { id: 'ann-1' }) };
    await expect(store.changeCodebook({ codebook, annotations: [moved] })).rejects.toThrow(/belongs to another document/);
    expect(store.getCodebook()).toBe(codebook);
    await store.close();
  });

  it('undoes at the next open a change a crash cut short: the codebook and every passage as before', async () => {
    const { dir, store, ids, paths } = await library();
    const before = { codebook: await readFile(paths.codebookFile, 'utf8'), annotations: await Promise.all(ids.map((id) => readFile(paths.document(id).annotations, 'utf8'))) };
    const merge = await change(store, { kind: 'actor.merge', sourceId: 'france', targetId: 'germany' });
    await store.close();
    // As if the process died half-way: journal written, two of three documents recoded, codebook not yet.
    await beginCodebookChange(paths, [paths.codebookFile, ...ids.map((id) => paths.document(id).annotations)], 'crash');
    for (const a of merge.annotations.slice(0, 2)) await writeFile(paths.document(a.documentId).annotations, JSON.stringify({ version: 1, annotations: [a] }));

    const reopened = await open(dir);
    expect((await reopened.health()).issues).toEqual([
      expect.objectContaining({ kind: 'interrupted-codebook-change', action: expect.stringMatching(/put back as they were before/) }),
    ]);
    expect(await readFile(paths.codebookFile, 'utf8')).toBe(before.codebook);
    for (const [i, id] of ids.entries()) expect(await readFile(paths.document(id).annotations, 'utf8')).toBe(before.annotations[i]);
    expect(reopened.getCodebook().actors.some((a) => a.id === 'france')).toBe(true);
    await reopened.close();
    await expect(readFile(paths.codebookJournal)).rejects.toThrow(/ENOENT/);
    expect(await readdir(paths.journalCopies)).toEqual([]);

    const again = await open(dir);
    expect((await again.health()).issues).toEqual([]);
    await again.close();
  });

  it('sets a damaged journal and its copies aside, and opens the library as it is', async () => {
    const { dir, store, ids, paths } = await library();
    await store.close();
    await beginCodebookChange(paths, [paths.codebookFile, paths.document(ids[0]!).annotations], 'crash');
    await writeFile(paths.codebookJournal, JSON.stringify({ backup: '../../etc', files: [] }));
    const reopened = await open(dir);
    const [issue] = (await reopened.health()).issues;
    expect(issue).toMatchObject({ kind: 'interrupted-codebook-change', keptAt: expect.stringMatching(/^quarantine\//) });
    expect((await reopened.health()).quarantine.map((q) => q.originalPath).sort()).toEqual(['codebook-change.json', 'journal']);
    await reopened.close();
  });

  it('leaves no copies behind when the change finished but the copies were not yet removed', async () => {
    const { dir, store, paths } = await library();
    await store.close();
    await beginCodebookChange(paths, [paths.codebookFile], 'done');
    await rm(paths.codebookJournal);
    const reopened = await open(dir);
    expect((await reopened.health()).issues).toEqual([]);
    await reopened.close();
    expect(await readdir(paths.journalCopies)).toEqual([]);
  });
});
