// The services as every transport sees them: through the validating dispatcher, on a real library.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../../shared/errors';
import { describeRange } from '../../shared/anchoring';
import { listingOf, type Annotation, type LibraryDocument } from '../../shared/model';
import { createDispatcher } from '../api/dispatch';
import { readCorpus } from '../test-support/corpus';
import { useTempDir } from '../test-support/temp';
import { openApp } from './app';
import { createHandlers } from './handlers';
import { openHostSettings } from './settings';

function value<T>(result: ApiResult<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('library services through the dispatcher', () => {
  const tempDir = useTempDir();

  async function start(libraryPath: string) {
    const app = await openApp({ libraryPath, settings: openHostSettings(await tempDir()) });
    return { app, dispatch: createDispatcher(createHandlers(app)) };
  }

  it('imports the corpus, keeps a linked annotation across a reopen, and finds it by search', async () => {
    const libraryPath = await tempDir();
    let { app, dispatch } = await start(libraryPath);
    const corpus = readCorpus();
    for (const file of corpus) {
      const outcome = value<{ status: string }>(
        await dispatch('documents.import', { name: file.name, bytes: await readFile(file.path).then((b) => new Uint8Array(b)) }),
      );
      expect(outcome.status).toBe('imported');
    }
    const documents = value<LibraryDocument[]>(await dispatch('documents.list', {}));
    expect(documents).toHaveLength(corpus.length + 1); // and the welcome document

    const target = documents.find((d) => d.originalName === corpus[0]!.name)!;
    const opened = { text: value<{ text: string }>(await dispatch('documents.text', { id: target.id })) };
    // The list carries what the list needs; the whole record (hash, size, warnings…) comes with the opened document.
    const { document } = value<{ document: LibraryDocument }>(await dispatch('documents.open', { id: target.id }));
    expect(target).toEqual(listingOf(document));
    for (const key of ['contentHash', 'size', 'modifiedAt', 'warnings']) expect(target).not.toHaveProperty(key);
    const at = opened.text.text.indexOf('Paris Call');
    const annotation: Annotation = {
      id: 'a1',
      documentId: target.id,
      created: new Date().toISOString(),
      modified: new Date().toISOString(),
      target: { selector: describeRange(opened.text.text, at, at + 'Paris Call'.length) },
      body: {
        color: 'blue',
        note: 'multistakeholder ambitions',
        tags: ['followup'],
        principles: ['international-norms'],
        actors: [{ actorId: 'france', stance: 'supports' }],
      },
    };
    value(await dispatch('annotations.save', { annotation }));
    await app.close();

    ({ app, dispatch } = await start(libraryPath));
    const reopened = value<{ annotations: Annotation[] }>(await dispatch('documents.open', { id: target.id }));
    expect(reopened.annotations.map((a) => a.body)).toEqual([annotation.body]);
    const results = value<{ annotations: { annotationId: string }[] }>(await dispatch('search.query', { query: 'multistakeholder' }));
    expect(results.annotations.map((h) => h.annotationId)).toEqual(['a1']);
    await app.close();
  });

  it('opens a document without its text, which documents.text gives apart; an unknown id is refused in words by both', async () => {
    const { app, dispatch } = await start(await tempDir());
    const bytes = new TextEncoder().encode('A short note on cyber norms.\n\nIt has two paragraphs.');
    const { document } = value<{ document: LibraryDocument }>(await dispatch('documents.import', { name: 'note.txt', bytes }));
    const opened = value<Record<string, unknown>>(await dispatch('documents.open', { id: document.id }));
    expect(Object.keys(opened).sort()).toEqual(['annotations', 'document']);
    expect(opened.document).toEqual(document);
    const text = value<{ text: string; blocks: unknown[]; pages: unknown }>(await dispatch('documents.text', { id: document.id }));
    expect(text.text).toBe('A short note on cyber norms.\n\nIt has two paragraphs.');
    expect(text.blocks).toHaveLength(2);
    for (const call of ['documents.open', 'documents.text'] as const) {
      const result = await dispatch(call, { id: 'no-such-document' });
      expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
      expect(await dispatch(call, { id: '../escape' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    await app.close();
  });

  it('says when a file is already in the library', async () => {
    const { app, dispatch } = await start(await tempDir());
    const bytes = new TextEncoder().encode('A short note on cyber norms.\n\nIt has two paragraphs.');
    expect(value<{ status: string }>(await dispatch('documents.import', { name: 'note.txt', bytes })).status).toBe('imported');
    const again = value<{ status: string; document: LibraryDocument }>(await dispatch('documents.import', { name: 'copy.txt', bytes }));
    expect(again.status).toBe('duplicate');
    expect(again.document.originalName).toBe('note.txt');
    await app.close();
  });

  it('refuses a bad file with a message naming it, and leaves the library as it was', async () => {
    const libraryPath = await tempDir();
    const { app, dispatch } = await start(libraryPath);
    const before = value<LibraryDocument[]>(await dispatch('documents.list', {}));
    const bad = [
      { name: 'empty.txt', bytes: new Uint8Array() },
      { name: 'photo.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]) },
      { name: 'broken.pdf', bytes: new TextEncoder().encode('%PDF-1.7\n1 0 obj <<') },
      { name: 'program.txt', bytes: new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0]) },
    ];
    for (const file of bad) {
      const result = await dispatch('documents.import', file);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toContain(file.name);
    }
    expect(value<LibraryDocument[]>(await dispatch('documents.list', {}))).toEqual(before);
    await app.close();
  });

  it('keeps only the base name of an imported file', async () => {
    const { app, dispatch } = await start(await tempDir());
    const result = value<{ document: LibraryDocument }>(
      await dispatch('documents.import', { name: '../../etc/evil\u0007name.txt', bytes: new TextEncoder().encode('Some text.') }),
    );
    expect(result.document.originalName).toBe('evilname.txt');
    expect(path.basename(app.store.paths.document(result.document.id).dir)).toBe(result.document.id);
    await app.close();
  });
});
