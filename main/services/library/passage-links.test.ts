// Links between passages in the store: written through atomically and read back, checked at open (a
// damaged file or bad entries go to the quarantine, one by one, the rest is kept), gone with a deleted
// highlight and back with its Undo, and a link to a highlight removed outside Apostil reported, not dropped.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import type { LibraryChange } from '../../../shared/library-changes';
import { linkEditSchema } from '../../../shared/links/edit';
import { sampleAnnotation, sampleDocument } from '../../test-support/fixtures';
import { useTempDir } from '../../test-support/temp';
import { LibraryStore } from './store';

const open = (dir: string) => LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });
const edit = (raw: unknown) => linkEditSchema.parse(raw);

/** Two documents with a highlight each, linked: the first contradicts the second. */
async function linkedLibrary(dir: string) {
  const store = await open(dir);
  const one = await store.addDocument(sampleDocument());
  const two = await store.addDocument(sampleDocument({ contentHash: 'b'.repeat(64), metadata: { ...sampleDocument().metadata, title: 'Second' } }));
  await store.saveAnnotation(sampleAnnotation(one.id, { id: 'a-one' }));
  await store.saveAnnotation(sampleAnnotation(two.id, { id: 'a-two' }));
  const state = await store.links.edit(
    edit({ op: 'create', from: { documentId: one.id, annotationId: 'a-one' }, to: { documentId: two.id, annotationId: 'a-two' }, relation: 'contradicts', note: 'Not the same norm' }),
  );
  return { store, one, two, link: state.links[0]! };
}

const quarantined = (dir: string) => readdir(path.join(dir, 'quarantine')).catch(() => [] as string[]);

describe('links between passages in the library', () => {
  const tempDir = useTempDir();

  it('keeps a link with its relation, note and the quotes of both ends, across a reopen', async () => {
    const dir = await tempDir();
    const { store, one, two, link } = await linkedLibrary(dir);
    expect(link).toMatchObject({ relation: 'contradicts', note: 'Not the same norm', status: 'live', from: { documentId: one.id, quote: 'norms' }, to: { documentId: two.id } });
    await store.close();
    const again = await open(dir);
    const state = await again.links.list();
    expect(state.links.map((l) => [l.id, l.status, l.relation])).toEqual([[link.id, 'live', 'contradicts']]);
    expect(state.relations).toContain('translation of');
    expect((await again.health()).issues).toEqual([]);
    await again.close();
  });

  it('refuses a link to a highlight that is not there, to itself, twice, or with an unknown relation, changing nothing', async () => {
    const dir = await tempDir();
    const { store, one, two } = await linkedLibrary(dir);
    const a = { documentId: one.id, annotationId: 'a-one' };
    const b = { documentId: two.id, annotationId: 'a-two' };
    await expect(store.links.edit(edit({ op: 'create', from: a, to: { documentId: two.id, annotationId: 'nope' }, relation: 'supports' }))).rejects.toThrow(/no longer in the library/);
    await expect(store.links.edit(edit({ op: 'create', from: a, to: a, relation: 'supports' }))).rejects.toThrow(/itself/);
    await expect(store.links.edit(edit({ op: 'create', from: b, to: a, relation: 'Contradicts' }))).rejects.toThrow(/already linked/);
    await expect(store.links.edit(edit({ op: 'create', from: a, to: b, relation: 'refutes' }))).rejects.toThrow(/no relation “refutes”/);
    await expect(store.links.edit(edit({ op: 'setRelations', relations: ['supports'] }))).rejects.toThrow(/“contradicts” is the relation of 1 link/);
    expect((await store.links.list()).links).toHaveLength(1);
    await store.close();
  });

  it('renames a relation in the list and in the links that use it', async () => {
    const dir = await tempDir();
    const { store } = await linkedLibrary(dir);
    const state = await store.links.edit(edit({ op: 'renameRelation', from: 'contradicts', to: 'disputes' }));
    expect(state.relations).toContain('disputes');
    expect(state.links[0]!.relation).toBe('disputes');
    await store.close();
  });

  it('takes a link away with a deleted highlight and brings it back when the highlight is saved again (Undo)', async () => {
    const dir = await tempDir();
    const { store, two, link } = await linkedLibrary(dir);
    const changes: LibraryChange[] = [];
    store.changes.subscribe((c) => changes.push(c));
    const removed = await store.deleteAnnotation(two.id, 'a-two');
    expect((await store.links.list()).links).toEqual([]);
    const linkChanges = changes.filter((c) => c.kind === 'links.changed');
    expect(linkChanges).toHaveLength(1);
    expect(linkChanges[0]).toMatchObject({ state: { links: [] } });
    // On disk the link is kept, marked as gone with its highlight: no orphan at the next open.
    const file = JSON.parse(await readFile(path.join(dir, 'links.json'), 'utf8')) as { links: { detached?: boolean }[] };
    expect(file.links[0]!.detached).toBe(true);
    await store.close();
    const reopened = await open(dir);
    expect((await reopened.health()).issues).toEqual([]);
    expect((await reopened.links.list()).links).toEqual([]);

    await reopened.saveAnnotation(removed);
    const back = await reopened.links.list();
    expect(back.links.map((l) => [l.id, l.status])).toEqual([[link.id, 'live']]);
    const file2 = JSON.parse(await readFile(path.join(dir, 'links.json'), 'utf8')) as { links: { detached?: boolean }[] };
    expect(file2.links[0]!.detached).toBeUndefined();
    await reopened.close();
  });

  it('hides the links of a trashed document and shows them again when it is restored', async () => {
    const dir = await tempDir();
    const { store, one } = await linkedLibrary(dir);
    await store.deleteDocument(one.id);
    expect((await store.links.list()).links).toEqual([]);
    await store.restoreDocuments([one.id]);
    expect((await store.links.list()).links.map((l) => l.status)).toEqual(['live']);
    await store.close();
  });

  it('reports a link whose highlight was removed outside Apostil, and keeps it, listed as orphaned', async () => {
    const dir = await tempDir();
    const { store, two, link } = await linkedLibrary(dir);
    await store.close();
    await writeFile(path.join(dir, 'documents', two.id, 'annotations.json'), JSON.stringify({ version: 1, annotations: [] }));
    const again = await open(dir);
    const issues = (await again.health()).issues;
    expect(issues.map((i) => i.kind)).toEqual(['orphaned-links']);
    expect(issues[0]!.message).toContain('a-two');
    const state = await again.links.list();
    expect(state.links.map((l) => [l.id, l.status, l.to.quote])).toEqual([[link.id, 'orphaned', null]]);
    // The user may delete it.
    expect((await again.links.edit(edit({ op: 'delete', id: link.id }))).links).toEqual([]);
    await again.close();
  });

  it('sets bad entries aside one by one and keeps the rest; a file that is not JSON is moved aside whole', async () => {
    const dir = await tempDir();
    const { store, link } = await linkedLibrary(dir);
    await store.close();
    const file = path.join(dir, 'links.json');
    const content = JSON.parse(await readFile(file, 'utf8')) as { relations: unknown[]; links: unknown[] };
    content.links.push({ id: 'bad', from: 'nowhere' }, { ...(content.links[0] as object) });
    content.relations.push(42);
    await writeFile(file, JSON.stringify(content));
    const again = await open(dir);
    const kinds = (await again.health()).issues.map((i) => i.kind);
    expect(kinds).toEqual(['invalid-links']);
    expect((await again.links.list()).links.map((l) => l.id)).toEqual([link.id]);
    expect(await quarantined(dir)).toHaveLength(1);
    const kept = JSON.parse(await readFile(file, 'utf8')) as { links: unknown[] };
    expect(kept.links).toHaveLength(1);
    await again.close();

    await writeFile(file, '{"version": 1, "links": [');
    const third = await open(dir);
    expect((await third.health()).issues.map((i) => i.kind)).toEqual(['unreadable-links']);
    expect((await third.links.list()).links).toEqual([]);
    expect(await quarantined(dir)).toHaveLength(2);
    await third.close();
  });

  it('adds a relation a link uses but the list lacks (a hand edit), keeping a copy of the file', async () => {
    const dir = await tempDir();
    const { store } = await linkedLibrary(dir);
    await store.close();
    const file = path.join(dir, 'links.json');
    const content = JSON.parse(await readFile(file, 'utf8')) as { relations: string[] };
    content.relations = ['supports'];
    await writeFile(file, JSON.stringify(content));
    const again = await open(dir);
    expect((await again.health()).issues.map((i) => i.kind)).toEqual(['repaired-links']);
    expect((await again.links.list()).relations).toEqual(['supports', 'contradicts']);
    await again.close();
  });
});
