// Document variables in the store: a plain JSON file written through atomically, read back, checked at
// open (a damaged file and bad values go to the quarantine, the rest is kept), kept across a trash and
// an Undo, and published as 'variables.changed' after each write.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import type { LibraryChange } from '../../../shared/library-changes';
import { variableEditSchema } from '../../../shared/variables';
import { sampleDocument } from '../../test-support/fixtures';
import { useTempDir } from '../../test-support/temp';
import { LibraryStore } from './store';

const open = (dir: string) => LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
const edit = (raw: unknown) => variableEditSchema.parse(raw);

/** Two documents, a list "Country" and a number "Pages", set on both. */
async function libraryWithVariables(dir: string) {
  const store = await open(dir);
  const one = await store.addDocument(sampleDocument());
  const two = await store.addDocument(sampleDocument({ contentHash: 'b'.repeat(64), metadata: { ...sampleDocument().metadata, title: 'Second' } }));
  let state = await store.variables.edit(edit({ op: 'create', name: 'Country', type: 'choice', choices: ['France', 'Kenya'] }));
  const country = state.variables[0]!.id;
  state = await store.variables.edit(edit({ op: 'create', name: 'Pages', type: 'number', choices: [] }));
  const pages = state.variables[1]!.id;
  await store.variables.edit(edit({ op: 'set', variableId: country, documentIds: [one.id, two.id], value: 'France' }));
  await store.variables.edit(edit({ op: 'setDocument', documentId: two.id, values: { [country]: 'Kenya', [pages]: 12 } }));
  return { store, one, two, country, pages };
}

describe('document variables in the library', () => {
  const tempDir = useTempDir();

  it('are one plain JSON file, written through at once and read back at open', async () => {
    const dir = await tempDir();
    const { store, one, two, country, pages } = await libraryWithVariables(dir);
    await store.close();
    const file = await readJson(path.join(dir, 'document-variables.json'));
    expect(file).toMatchObject({
      version: 1,
      variables: [{ id: country, name: 'Country', type: 'choice', choices: ['France', 'Kenya'] }, { id: pages, type: 'number' }],
      values: { [one.id]: { [country]: 'France' }, [two.id]: { [country]: 'Kenya', [pages]: 12 } },
    });
    const again = await open(dir);
    expect(again.variables.get().values[two.id]).toEqual({ [country]: 'Kenya', [pages]: 12 });
    expect((await again.health()).issues).toEqual([]);
    await again.close();
  });

  it('publishes each change after its write, and changes nothing when an edit is refused', async () => {
    const dir = await tempDir();
    const { store, one, country, pages } = await libraryWithVariables(dir);
    const seen: LibraryChange[] = [];
    store.changes.subscribe((change) => seen.push(change));
    const before = await readFile(path.join(dir, 'document-variables.json'), 'utf8');
    await expect(store.variables.edit(edit({ op: 'set', variableId: country, documentIds: [one.id], value: 'Narnia' }))).rejects.toThrow(
      '“Country” takes one of: France, Kenya: “Narnia” does not fit.',
    );
    await expect(store.variables.edit(edit({ op: 'set', variableId: pages, documentIds: ['no-such-document'], value: 3 }))).rejects.toThrow(/no longer in the library/);
    await expect(store.variables.edit(edit({ op: 'update', id: country, name: 'Country', choices: ['France'] }))).rejects.toThrow(
      'Documents still have “Kenya” (1 document): give them another value first.',
    );
    expect(seen).toEqual([]);
    expect(await readFile(path.join(dir, 'document-variables.json'), 'utf8')).toBe(before);
    const cleared = await store.variables.edit(edit({ op: 'set', variableId: country, documentIds: [one.id], value: null }));
    expect(seen).toEqual([{ kind: 'variables.changed', variables: cleared }]);
    expect(cleared.values[one.id]).toBeUndefined();
    await store.close();
  });

  it('leaves memory and file as they were when the write fails', async () => {
    const dir = await tempDir();
    const { store, one, pages } = await libraryWithVariables(dir);
    const before = store.variables.get();
    // A folder where the temporary file of the atomic write goes makes the write fail.
    const file = path.join(dir, 'document-variables.json');
    await rm(file);
    await mkdir(file);
    await expect(store.variables.edit(edit({ op: 'set', variableId: pages, documentIds: [one.id], value: 7 }))).rejects.toThrow();
    expect(store.variables.get()).toBe(before);
    await store.close();
  });

  it('keeps a trashed document’s values, so Undo brings them back', async () => {
    const dir = await tempDir();
    const { store, two, country } = await libraryWithVariables(dir);
    await store.deleteDocument(two.id);
    await expect(store.variables.edit(edit({ op: 'set', variableId: country, documentIds: [two.id], value: 'France' }))).rejects.toThrow(/no longer/);
    await store.restoreDocuments([two.id]);
    expect(store.variables.get().values[two.id]?.[country]).toBe('Kenya');
    await store.close();
  });

  it('deleting a variable takes every document’s value for it', async () => {
    const dir = await tempDir();
    const { store, one, two, country, pages } = await libraryWithVariables(dir);
    const state = await store.variables.edit(edit({ op: 'delete', id: country }));
    expect(state.variables.map((v) => v.name)).toEqual(['Pages']);
    expect(state.values).toEqual({ [two.id]: { [pages]: 12 } });
    expect(state.values[one.id]).toBeUndefined();
    await store.close();
  });
});

describe('the check at open, for document variables', () => {
  const tempDir = useTempDir();

  it('moves a file that is not JSON into the quarantine and opens without variables', async () => {
    const dir = await tempDir();
    const { store } = await libraryWithVariables(dir);
    await store.close();
    await writeFile(path.join(dir, 'document-variables.json'), '{"version": 1, "variables": [');
    const again = await open(dir);
    expect(again.variables.get()).toEqual({ variables: [], values: {} });
    const health = await again.health();
    expect(health.issues).toMatchObject([{ kind: 'unreadable-variables', path: 'document-variables.json', message: 'document-variables.json is not valid JSON.' }]);
    const [folder] = await readdir(path.join(dir, 'quarantine'));
    expect(await readFile(path.join(dir, 'quarantine', folder!, 'document-variables.json'), 'utf8')).toBe('{"version": 1, "variables": [');
    await again.close();
  });

  it('sets aside only the bad variables and values, one by one, and rewrites the file once they are safe', async () => {
    const dir = await tempDir();
    const { store, one, two, country, pages } = await libraryWithVariables(dir);
    await store.close();
    const file = path.join(dir, 'document-variables.json');
    const json = await readJson(file);
    const variables = json.variables as Record<string, unknown>[];
    json.variables = [...variables, { id: 'bad', name: 'Empty list', type: 'choice', choices: [], created: '' }, { ...variables[0], id: 'twin' }];
    json.values = {
      [one.id]: { [country]: 'Atlantis', [pages]: 4 },
      [two.id]: { [country]: 'Kenya', [pages]: 'twelve', gone: 'x' },
      '../escape': { [pages]: 1 },
    };
    await writeFile(file, JSON.stringify(json));

    const again = await open(dir);
    expect(again.variables.get().variables.map((v) => v.id)).toEqual([country, pages]);
    expect(again.variables.get().values).toEqual({ [one.id]: { [pages]: 4 }, [two.id]: { [country]: 'Kenya' } });
    const issues = (await again.health()).issues;
    expect(issues).toMatchObject([{ kind: 'invalid-variables', path: 'document-variables.json' }]);
    expect(issues[0]!.message).toMatch(/held 6 entries that are not valid/);
    const [folder] = await readdir(path.join(dir, 'quarantine'));
    const setAside = await readFile(path.join(dir, 'quarantine', folder!, 'document-variables.json'), 'utf8');
    expect(setAside).toContain('Atlantis');
    expect(setAside).toContain('twelve');
    await again.close();
    const third = await open(dir);
    expect((await third.health()).issues).toEqual([]);
    await third.close();
  });
});
