import { describe, expect, it } from 'vitest';
import type { Annotation, Codebook } from '../model';
import { reverse, stepOf } from './history';
import { applyCodebookEdit } from './operations';

const codebook: Codebook = {
  version: 1,
  colorByPrinciple: false,
  principles: [],
  actors: [
    { id: 'usa', name: 'USA', kind: 'state', aliases: [] },
    { id: 'united-states', name: 'United States', kind: 'state', aliases: [] },
  ],
};
const annotation = (id: string, actorId: string, note = ''): Annotation => ({
  id,
  documentId: `doc-${id}`,
  created: 't',
  modified: 't',
  target: { selector: [{ type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' }] },
  body: { color: 'yellow', note, tags: [], principles: [], actors: [{ actorId, stance: 'supports' }] },
});

function merged() {
  const before = [annotation('a', 'usa'), annotation('b', 'usa'), annotation('c', 'france')];
  const change = applyCodebookEdit(codebook, before, { kind: 'actor.merge', sourceId: 'usa', targetId: 'united-states' });
  const step = stepOf(change.summary, codebook, change.codebook, change.annotations, new Map(before.map((a) => [a.id, a])));
  return { change, step };
}

describe('undo and redo of codebook changes', () => {
  it('undoes a merge: the old codebook, and the old links on each recoded passage, keeping later notes', () => {
    const { change, step } = merged();
    const edited = { ...change.annotations[0]!, body: { ...change.annotations[0]!.body, note: 'written after the merge' } };
    const undone = reverse(step, 'undo', { codebook: change.codebook, annotations: new Map([[edited.id, edited], [change.annotations[1]!.id, change.annotations[1]!]]) });
    expect(undone.codebook).toBe(codebook);
    expect(undone.annotations.map((a) => [a.id, a.body.actors[0]!.actorId, a.body.note])).toEqual([
      ['a', 'usa', 'written after the merge'],
      ['b', 'usa', ''],
    ]);
    const redone = reverse(step, 'redo', { codebook, annotations: new Map(undone.annotations.map((a) => [a.id, a])) });
    expect(redone.codebook).toBe(change.codebook);
    expect(redone.annotations.every((a) => a.body.actors[0]!.actorId === 'united-states')).toBe(true);
  });

  it('skips passages deleted since, and refuses when the codebook or a passage was recoded since', () => {
    const { change, step } = merged();
    expect(reverse(step, 'undo', { codebook: change.codebook, annotations: new Map() }).annotations).toEqual([]);
    expect(() => reverse(step, 'undo', { codebook, annotations: new Map() })).toThrow(/codebook has changed since “Merged “USA” into “United States”: 2 passages recoded\.”/);
    const recoded = { ...change.annotations[0]!, body: { ...change.annotations[0]!.body, actors: [] } };
    expect(() => reverse(step, 'undo', { codebook: change.codebook, annotations: new Map([[recoded.id, recoded]]) })).toThrow(/1 passage that .* has been recoded since/);
  });
});
