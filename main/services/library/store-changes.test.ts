// The store's change events: exactly one per change that was written, none for a refused one, in the
// order of the writes, published only once the change is on disk and in memory.
import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import type { LibraryChange } from '../../../shared/library-changes';
import { useTempDir } from '../../test-support/temp';
import { sampleAnnotation, sampleDocument } from '../../test-support/fixtures';
import { ReferenceShelf } from '../references/shelf';
import { LibraryStore } from './store';

const open = (dir: string) => LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });

function record(store: LibraryStore): LibraryChange[] {
  const seen: LibraryChange[] = [];
  store.changes.subscribe((change) => seen.push(change));
  return seen;
}

describe('LibraryStore change events', () => {
  const tempDir = useTempDir();

  it('publishes one event per change, in order, carrying what changed', async () => {
    const store = await open(await tempDir());
    const seen = record(store);
    const doc = await store.addDocument(sampleDocument());
    const renamed = await store.updateMetadata(doc.id, { ...doc.metadata, title: 'Renamed' });
    const first = await store.saveAnnotation(sampleAnnotation(doc.id));
    const edited = await store.saveAnnotation({ ...first, body: { ...first.body, note: 'edited' } });
    const imported = [sampleAnnotation(doc.id, { id: 'imp-1' }), sampleAnnotation(doc.id, { id: 'imp-2' })];
    await store.addAnnotations(doc.id, imported);
    await store.deleteAnnotation(doc.id, 'imp-1');
    const text = 'A new version about norms.';
    const replaced = await store.replaceFile(doc.id, {
      originalName: 'v2.txt',
      bytes: new TextEncoder().encode(text),
      contentHash: 'b'.repeat(64),
      text: { text, blocks: [{ type: 'p', start: 0, end: text.length }], pages: null },
      pageCount: null,
      warnings: [],
      annotations: () => [edited],
    });
    const codebook = await store.saveCodebook({ ...PARIS_CALL_CODEBOOK, principles: PARIS_CALL_CODEBOOK.principles.map((p) => ({ ...p, name: `${p.name}!` })) });
    await store.deleteDocument(doc.id);

    expect(seen).toEqual([
      { kind: 'document.added', document: doc },
      { kind: 'document.metadataChanged', document: renamed },
      { kind: 'annotations.changed', documentId: doc.id, added: [first], updated: [], removed: [] },
      { kind: 'annotations.changed', documentId: doc.id, added: [], updated: [edited], removed: [] },
      { kind: 'annotations.changed', documentId: doc.id, added: imported, updated: [], removed: [] },
      { kind: 'annotations.changed', documentId: doc.id, added: [], updated: [], removed: ['imp-1'] },
      { kind: 'document.replaced', document: replaced, annotations: [edited] },
      { kind: 'codebook.changed', codebook, recoded: [] },
      { kind: 'document.deleted', documentId: doc.id },
    ]);
    await store.close();
  });

  it('publishes nothing for a change that was refused or failed, and nothing for no change', async () => {
    const store = await open(await tempDir());
    const doc = await store.addDocument(sampleDocument());
    const saved = await store.saveAnnotation(sampleAnnotation(doc.id));
    const seen = record(store);
    await expect(store.saveAnnotation({ ...saved, id: 'x', body: { ...saved.body, principles: ['made-up'] } })).rejects.toThrow(/made-up/);
    await expect(store.deleteAnnotation(doc.id, 'no-such')).rejects.toThrow(/no annotation/);
    await expect(store.addAnnotations(doc.id, [saved])).rejects.toThrow(/already in the library/);
    await expect(store.saveCodebook({ ...PARIS_CALL_CODEBOOK, principles: [] })).rejects.toThrow(/cannot drop/);
    await expect(store.updateMetadata('no-such', doc.metadata)).rejects.toThrow(/no document/);
    await expect(store.deleteDocument('no-such')).rejects.toThrow(/no document/);
    expect(await store.addAnnotations(doc.id, [])).toEqual([]);
    expect(seen).toEqual([]);
    await store.close();
  });

  it('publishes after the write: a follower finds the change on disk and in the store', async () => {
    const store = await open(await tempDir());
    const checks: Promise<void>[] = [];
    store.changes.subscribe((change) => {
      if (change.kind !== 'annotations.changed') return;
      checks.push(
        store.listAnnotations(change.documentId).then((list) => {
          expect(list).toContainEqual(change.added[0]);
        }),
      );
      checks.push(
        readFile(store.paths.document(change.documentId).annotations, 'utf8').then((file) => {
          expect(JSON.parse(file).annotations).toContainEqual(change.added[0]);
        }),
      );
    });
    const doc = await store.addDocument(sampleDocument());
    await store.saveAnnotation(sampleAnnotation(doc.id));
    expect(checks).toHaveLength(2);
    await Promise.all(checks);
    await store.close();
  });

  it('keeps the order of writes started together, and a failing follower stops neither the write nor the others', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const store = await open(await tempDir());
    const doc = await store.addDocument(sampleDocument());
    const unsubscribe = store.changes.subscribe(() => {
      throw new Error('follower broke');
    });
    const seen = record(store);
    const writes = Array.from({ length: 12 }, (_, i) => store.saveAnnotation(sampleAnnotation(doc.id, { id: `a${i}`, body: { ...sampleAnnotation(doc.id).body, note: `${i}` } })));
    await Promise.all(writes);
    expect(seen.map((c) => (c.kind === 'annotations.changed' ? c.added[0]!.id : c.kind))).toEqual(Array.from({ length: 12 }, (_, i) => `a${i}`));
    expect(errors).toHaveBeenCalledTimes(12);
    expect(errors).toHaveBeenCalledWith('A follower of library changes failed on annotations.changed: follower broke');
    errors.mockRestore();
    unsubscribe();
    await store.deleteAnnotation(doc.id, 'a0');
    expect(seen).toHaveLength(13);
    expect((await store.listAnnotations(doc.id)).map((a) => a.id)).toHaveLength(11);
    await store.close();
  });

  it('publishes exactly one event per successful change, whatever the sequence (random operations)', async () => {
    const operation = fc.oneof(
      fc.record({ op: fc.constant('save' as const), id: fc.integer({ min: 0, max: 5 }), bad: fc.boolean() }),
      fc.record({ op: fc.constant('delete' as const), id: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ op: fc.constant('import' as const), ids: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }) }),
      fc.record({ op: fc.constant('rename' as const), title: fc.string({ minLength: 1, maxLength: 20 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 12 }), async (operations) => {
        const store = await open(await tempDir());
        const doc = await store.addDocument(sampleDocument());
        const seen = record(store);
        let succeeded = 0;
        for (const o of operations) {
          const attempt =
            o.op === 'save'
              ? store.saveAnnotation(sampleAnnotation(doc.id, { id: `a${o.id}`, body: { ...sampleAnnotation(doc.id).body, principles: o.bad ? ['nope'] : [] } }))
              : o.op === 'delete'
                ? store.deleteAnnotation(doc.id, `a${o.id}`)
                : o.op === 'import'
                  ? store.addAnnotations(doc.id, o.ids.map((id) => sampleAnnotation(doc.id, { id: `a${id}` })))
                  : store.updateMetadata(doc.id, { ...doc.metadata, title: o.title });
          const ok = await attempt.then(
            () => true,
            () => false,
          );
          if (ok && !(o.op === 'import' && o.ids.length === 0)) succeeded++;
        }
        expect(seen).toHaveLength(succeeded);
        // Replaying the events gives the store's annotations.
        const replayed = new Map<string, string>();
        for (const change of seen) {
          if (change.kind !== 'annotations.changed') continue;
          for (const a of [...change.added, ...change.updated]) replayed.set(a.id, a.modified);
          for (const id of change.removed) replayed.delete(id);
        }
        expect(new Map((await store.listAnnotations(doc.id)).map((a) => [a.id, a.modified]))).toEqual(replayed);
        await store.close();
      }),
      { numRuns: 15 },
    );
  });

  it('the reference shelf publishes its changes on the same feed', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    const seen = record(store);
    const shelf = await ReferenceShelf.open(dir, store.listDocuments(), store.changes);
    const waiting = await shelf.add({ ...sampleDocument().metadata, title: 'A book' }, 'refs.bib');
    await shelf.remove(waiting.id);
    expect(seen).toEqual([
      { kind: 'references.changed', references: [waiting] },
      { kind: 'references.changed', references: [] },
    ]);
    await store.close();
  });
});
