import { describe, expect, it } from 'vitest';
import type { Annotation, AnnotationBody, Selector } from '../../../shared/model';
import { AnnotationStore, type AnnotationPersistence } from './annotation-store';

const body: AnnotationBody = { color: 'yellow', note: '', tags: [], principles: [], actors: [] };
const selectors: Selector[] = [
  { type: 'TextQuoteSelector', exact: 'norms', prefix: 'cyber ', suffix: ' matter' },
  { type: 'TextPositionSelector', start: 6, end: 11 },
];

function fakeDisk() {
  const saved = new Map<string, Annotation>();
  let fail = false;
  const persistence: AnnotationPersistence = {
    async save(a) {
      if (fail) throw new Error('disk full');
      const stored = { ...a, modified: 'stored' };
      saved.set(a.id, stored);
      return stored;
    },
    async remove(_doc, id) {
      if (fail) throw new Error('disk full');
      saved.delete(id);
    },
  };
  return { saved, persistence, failNext: (value: boolean) => (fail = value) };
}

function makeStore(disk = fakeDisk(), errors: string[] = []) {
  let n = 0;
  const store = new AnnotationStore('doc', [], disk.persistence, (m) => errors.push(m), () => `a${++n}`);
  return { store, disk, errors };
}

describe('AnnotationStore', () => {
  it('saves a new highlight at once', async () => {
    const { store, disk } = makeStore();
    const created = store.create(selectors, body);
    expect(store.getSnapshot()).toHaveLength(1);
    await store.flush();
    expect(disk.saved.get(created.id)?.body.color).toBe('yellow');
    expect(store.get(created.id)?.modified).toBe('stored');
  });

  it('knows while a change is still on its way to the library, so closing can warn', async () => {
    const { store, disk } = makeStore();
    expect(store.hasUnsavedChanges()).toBe(false);
    const a = store.create(selectors, body);
    expect(store.hasUnsavedChanges()).toBe(true);
    await store.flush();
    expect(store.hasUnsavedChanges()).toBe(false);
    store.remove(a.id);
    store.undo();
    expect(store.hasUnsavedChanges()).toBe(true);
    await store.flush();
    expect(store.hasUnsavedChanges()).toBe(false);
    expect(disk.saved.has(a.id)).toBe(true);
    disk.failNext(true);
    store.update(a.id, { color: 'blue' });
    await store.flush();
    expect(store.hasUnsavedChanges()).toBe(false);
  });

  it('undoes and redoes create, edit and delete, saving each step', async () => {
    const { store, disk } = makeStore();
    const a = store.create(selectors, body);
    await store.flush();
    store.update(a.id, { color: 'blue' });
    await store.flush();
    expect(disk.saved.get(a.id)?.body.color).toBe('blue');
    store.remove(a.id);
    await store.flush();
    expect(disk.saved.has(a.id)).toBe(false);

    expect(store.undo()).toBe('deletion');
    await store.flush();
    expect(disk.saved.get(a.id)?.body.color).toBe('blue');
    expect(store.undo()).toBe('edit');
    await store.flush();
    expect(disk.saved.get(a.id)?.body.color).toBe('yellow');
    expect(store.redo()).toBe('edit');
    await store.flush();
    expect(disk.saved.get(a.id)?.body.color).toBe('blue');
  });

  it('merges a burst of edits to one annotation into one undo step', async () => {
    const { store } = makeStore();
    const a = store.create(selectors, body);
    store.update(a.id, { note: 'N' });
    store.update(a.id, { note: 'No' });
    store.update(a.id, { note: 'Not binding' });
    store.undo();
    expect(store.get(a.id)?.body.note).toBe('');
  });

  it('rolls back and reports a change that could not be saved', async () => {
    const { store, disk, errors } = makeStore();
    const a = store.create(selectors, body);
    await store.flush();
    disk.failNext(true);
    store.update(a.id, { note: 'lost?' });
    await store.flush();
    expect(store.get(a.id)?.body.note).toBe('');
    expect(errors[0]).toMatch(/could not be saved: disk full/);
  });

  it('re-attaches an annotation to new selectors as an undoable step, or silently when asked', async () => {
    const { store, disk } = makeStore();
    const a = store.create(selectors, body);
    await store.flush();
    const moved: Selector[] = [{ type: 'TextQuoteSelector', exact: 'matter', prefix: 'norms ', suffix: '' }];
    store.retarget(a.id, moved, { record: true });
    await store.flush();
    expect(disk.saved.get(a.id)?.target.selector).toEqual(moved);
    expect(store.undo()).toBe('re-attachment');
    await store.flush();
    expect(disk.saved.get(a.id)?.target.selector).toEqual(selectors);

    store.retarget(a.id, moved, { record: false });
    await store.flush();
    expect(disk.saved.get(a.id)?.target.selector).toEqual(moved);
    expect(store.undo()).toBe('highlight'); // the silent change left no step of its own
  });

  describe('changes made elsewhere', () => {
    const elsewhere = (id: string, note: string, modified = '2026-02-01T00:00:00.000Z'): Annotation => ({
      id,
      documentId: 'doc',
      created: modified,
      modified,
      target: { selector: selectors },
      body: { ...body, note },
    });

    it('shows annotations imported, changed or deleted elsewhere at once, and not those of other documents', () => {
      const { store } = makeStore();
      const seen: number[] = [];
      store.subscribe(() => seen.push(store.getSnapshot().length));
      store.applyLibraryChange({ kind: 'annotations.changed', documentId: 'doc', added: [elsewhere('x', 'one'), elsewhere('y', 'two')], updated: [], removed: [] });
      store.applyLibraryChange({ kind: 'annotations.changed', documentId: 'other', added: [{ ...elsewhere('z', 'no'), documentId: 'other' }], updated: [], removed: [] });
      expect(store.getSnapshot().map((a) => a.id)).toEqual(['x', 'y']);
      store.applyLibraryChange({ kind: 'annotations.changed', documentId: 'doc', added: [], updated: [elsewhere('x', 'edited', '2026-02-02T00:00:00.000Z')], removed: ['y'] });
      expect(store.getSnapshot().map((a) => [a.id, a.body.note])).toEqual([['x', 'edited']]);
      const recoded = { ...elsewhere('x', 'edited', '2026-02-03T00:00:00.000Z'), body: { ...body, note: 'edited', principles: ['merged'] } };
      store.applyLibraryChange({ kind: 'codebook.changed', codebook: { principles: [], actors: [] } as never, recoded: [recoded] });
      expect(store.get('x')?.body.principles).toEqual(['merged']);
      // What is already shown changes nothing (and draws nothing again).
      store.applyLibraryChange({ kind: 'annotations.changed', documentId: 'doc', added: [], updated: [recoded], removed: [] });
      store.applyLibraryChange({ kind: 'document.deleted', documentId: 'other' });
      expect(seen).toEqual([2, 1, 1]);
      expect(store.canUndo()).toBe(false);
    });

    it('keeps its own newer edit when the echo of an earlier save arrives, during the save or after it', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const saved: Annotation[] = [];
      const persistence: AnnotationPersistence = {
        async save(a) {
          await gate;
          const stored = { ...a, modified: `2026-03-0${saved.length + 1}T00:00:00.000Z` };
          saved.push(stored);
          return stored;
        },
        async remove() {},
      };
      const store = new AnnotationStore('doc', [], persistence, () => undefined, () => 'mine');
      const a = store.create(selectors, body);
      store.update(a.id, { note: 'typed on' });
      // The first save's event arrives while the second is still under way: the screen keeps "typed on".
      store.applyLibraryChange({ kind: 'annotations.changed', documentId: 'doc', added: [{ ...a, modified: '2026-03-01T00:00:00.000Z' }], updated: [], removed: [] });
      expect(store.get('mine')?.body.note).toBe('typed on');
      release();
      await store.flush();
      expect(store.get('mine')).toEqual(saved[1]);
      // Both echoes arrive late, in order: the older is not shown over the newer, the newer changes nothing.
      store.applyLibraryChange({ kind: 'annotations.changed', documentId: 'doc', added: [saved[0]!], updated: [], removed: [] });
      expect(store.get('mine')?.body.note).toBe('typed on');
      store.applyLibraryChange({ kind: 'annotations.changed', documentId: 'doc', added: [], updated: [saved[1]!], removed: [] });
      expect(store.get('mine')).toEqual(saved[1]);
    });
  });
});
