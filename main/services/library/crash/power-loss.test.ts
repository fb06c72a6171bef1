// The proof of the fsync ordering (SECURITY.md, "Power loss"): every change the library code makes to
// the file system goes through a model of what a disk keeps through a power loss (power-loss.ts). A
// series of changes (annotations saved, edited, imported and deleted, documents imported, retitled,
// replaced, filed in a collection, tagged, deleted and restored, the codebook changed, passages linked and a linked highlight deleted and brought back) runs on a library; then, for every moment of it, what a
// power loss would leave, both with only what was fsynced and with folder changes written ahead of file
// contents, is written out as a real folder and opened as a library. Each must open with nothing to
// repair but an unfinished import or replacement, and hold every change acknowledged before that moment,
// and the change in flight whole or not at all.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../../shared/codebooks';
import type { Annotation } from '../../../../shared/model';
import { sampleAnnotation, sampleDocument, sampleText } from '../../../test-support/fixtures';
import { useTempDir } from '../../../test-support/temp';
import { LibraryStore } from '../store';
import { annotationKey, diffStates, emptyState, memoKey, type LibraryState } from './ops';
import { DiskModel, materialize, treeKey, type PowerLossView, type Tree } from './power-loss';

const recording = vi.hoisted(() => ({ model: null as DiskModel | null }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const { recordingFileSystem } = await import('./power-loss');
  return recordingFileSystem(await importOriginal(), () => recording.model);
});

const open = (dir: string) => LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });

async function readState(store: LibraryStore): Promise<LibraryState> {
  const state = emptyState();
  for (const document of store.listDocuments()) {
    state.documents.set(document.id, { title: document.metadata.title, hash: document.contentHash });
    state.annotations.set(document.id, new Map((await store.listAnnotations(document.id)).map((a) => [a.id, annotationKey(a)])));
  }
  for (const actor of store.getCodebook().actors) state.actors.add(actor.id);
  // Collections (with their documents) and document tags compared as actors are: present or not.
  for (const c of store.collections.list()) state.actors.add(`collection ${c.name}: ${[...c.documentIds].sort().join(',')}`);
  for (const [id, tags] of Object.entries(store.collections.documentTags())) state.actors.add(`tags of ${id}: ${[...tags].sort().join(',')}`);
  for (const memo of store.memos.list()) state.memos.set(memo.id, memoKey(memo));
  // Links compared as actors are: each as listed (its ends, relation and whether it is live).
  for (const l of (await store.links.list()).links) state.actors.add(`link ${l.from.annotationId}>${l.to.annotationId} ${l.relation} ${l.status}`);
  return state;
}

/** One change made to the library: the model's change count when it began and when it was acknowledged. */
interface Step {
  name: string;
  begin: number;
  ack: number;
  /** The library as read back once the change was acknowledged. */
  after: LibraryState;
}

/** What a power loss could leave, from the first moment it was possible to the next distinct one. */
interface Moment {
  view: PowerLossView;
  at: number;
  tree: Tree;
}

describe('power loss', () => {
  const tempDir = useTempDir();

  it('leaves, at every moment, a library that opens and holds every acknowledged change (fsync ordering)', { timeout: 600_000 }, async () => {
    const dir = await tempDir();
    const setup = await open(dir);
    const first = await setup.addDocument(sampleDocument());
    await setup.saveAnnotation(sampleAnnotation(first.id));
    await setup.close();

    // From here, every change is seen by the model, and after each one what a power loss would leave.
    const moments: Moment[] = [];
    const lastKey: Record<PowerLossView, string> = { synced: '', reordered: '' };
    const model: DiskModel = new DiskModel(dir, () => look());
    // After every change, and again once each step is acknowledged (the same files must then hold more).
    const look = (acknowledged = false) => {
      for (const view of ['synced', 'reordered'] as const) {
        const tree = model.view(view);
        // The lock is not the library's data (a stale lock is taken over at the next open).
        for (const name of [...tree.keys()]) if (name.startsWith('apostil.lock')) tree.delete(name);
        const key = treeKey(tree);
        if (key !== lastKey[view] || acknowledged) moments.push({ view, at: model.changes, tree });
        lastKey[view] = key;
      }
    };
    look();
    const steps: Step[] = [];
    let store: LibraryStore | null = null;
    const step = async (name: string, change: () => Promise<unknown>) => {
      const begin = model.changes;
      await change();
      const ack = model.changes;
      look(true);
      recording.model = null;
      const after = store ? await readState(store) : (steps.at(-1)?.after ?? emptyState());
      recording.model = model;
      steps.push({ name, begin, ack, after });
    };

    const initial = await (async () => {
      recording.model = null;
      const s = await open(dir);
      const state = await readState(s);
      await s.close();
      recording.model = model;
      return state;
    })();
    steps.push({ name: 'start', begin: 0, ack: 0, after: initial });
    await step('open', async () => (store = await open(dir)));
    const s = () => store!;
    const codebook = PARIS_CALL_CODEBOOK;
    await step('annotation saved', () => s().saveAnnotation(sampleAnnotation(first.id, { id: 'ann-2' })));
    await step('annotation edited', () => s().saveAnnotation(sampleAnnotation(first.id, { id: 'ann-2', body: { ...sampleAnnotation(first.id).body, note: 'edited' } })));
    let second = first;
    await step('document imported', async () => (second = await s().addDocument(sampleDocument({ contentHash: 'b'.repeat(64) }))));
    await step('document retitled', () => s().updateMetadata(second.id, { ...second.metadata, title: 'Retitled' }));
    await step('annotations imported', () =>
      s().addAnnotations(second.id, ['imp-1', 'imp-2', 'imp-3'].map((id) => sampleAnnotation(second.id, { id }))),
    );
    await step('file replaced', async () => {
      const text = sampleText();
      const bytes = new TextEncoder().encode(`${text.text}\n`);
      await s().replaceFile(first.id, {
        originalName: 'sample-2.txt',
        bytes,
        contentHash: 'c'.repeat(64),
        text,
        pageCount: null,
        warnings: [],
        annotations: (current) => current,
      });
    });
    await step('annotation deleted', () => s().deleteAnnotation(first.id, 'ann-1'));
    await step('codebook changed', () =>
      s().saveCodebook({ ...codebook, actors: [...codebook.actors, { id: 'new-actor', name: 'New actor', kind: 'company', aliases: [] }] }),
    );
    await step('collection made', () => s().collections.edit({ op: 'create', name: 'Treaties', parentId: null }));
    await step('document filed', () => s().collections.edit({ op: 'addDocuments', id: s().collections.list()[0]!.id, documentIds: [second.id] }));
    await step('document tagged', () => s().collections.editTags({ op: 'add', documentIds: [second.id], tags: ['draft'] }));
    let memoId = '';
    await step('memo written', async () => (memoId = (await s().memos.edit({ op: 'create', title: 'Why', body: 'Because.', target: { kind: 'document', documentId: second.id } })).id));
    await step('memo rewritten', () => s().memos.edit({ op: 'update', id: memoId, title: 'Why', body: 'Because, at length.', target: { kind: 'project' } }));
    await step('second memo written', () => s().memos.edit({ op: 'create', title: 'Open questions', body: '- one', target: { kind: 'project' } }));
    await step('memo deleted', () => s().memos.edit({ op: 'delete', id: memoId }));
    // A link, gone with a deleted highlight (links.json written first), and back with its Undo (after).
    const end = (documentId: string, annotationId: string) => ({ documentId, annotationId });
    await step('passages linked', () => s().links.edit({ op: 'create', from: end(first.id, 'ann-2'), to: end(second.id, 'imp-1'), relation: 'contradicts' }));
    let unlinked: Annotation | null = null;
    await step('linked highlight deleted', async () => (unlinked = await s().deleteAnnotation(second.id, 'imp-1')));
    await step('linked highlight restored', () => s().saveAnnotation(unlinked!));
    await step('document deleted', () => s().deleteDocument(second.id));
    await step('document restored', () => s().restoreDocuments([second.id]));
    await step('document deleted again', () => s().deleteDocument(second.id));
    await step('closed', () => s().close());
    store = null;
    recording.model = null;

    expect(steps.length).toBeGreaterThan(10);
    const failures: string[] = [];
    let opened = 0;
    for (const moment of moments) {
      // Acknowledged: every step whose ack came at or before this moment. In flight: the one after.
      const done = steps.filter((st) => st.ack <= moment.at);
      const expected = done.at(-1)!.after;
      const inFlight = steps.find((st) => st.begin < moment.at && moment.at < st.ack);
      const where = `${moment.view} view after change ${moment.at} (${inFlight ? `during "${inFlight.name}"` : `after "${done.at(-1)!.name}"`})`;
      const folder = mkdtempSync(path.join(tmpdir(), 'apostil-power-loss-'));
      try {
        materialize(moment.tree, folder);
        const library = await open(folder);
        opened++;
        try {
          const damage = (await library.health()).issues.filter((i) => i.kind !== 'unfinished-import' && i.kind !== 'interrupted-replace');
          if (damage.length) failures.push(`${where}: the check found ${damage.map((d) => `${d.kind} (${d.message})`).join('; ')}`);
          const actual = await readState(library);
          const differences = diffStates(actual, expected);
          if (differences.length && !(inFlight && diffStates(actual, inFlight.after).length === 0)) {
            failures.push(`${where}: ${differences.slice(0, 3).join('; ')}`);
          }
        } finally {
          await library.close();
        }
      } catch (error) {
        failures.push(`${where}: the library did not open: ${(error as Error).message}`);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    }
    console.log(`power loss: ${steps.length} steps, ${model.changes} file-system changes, ${moments.length} distinct states opened (${opened} opened)`);
    expect(failures.slice(0, 8)).toEqual([]);
    expect(opened).toBeGreaterThan(50);
  });
});
