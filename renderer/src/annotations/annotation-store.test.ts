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
});
