import { describe, expect, it } from 'vitest';
import { AnnotationLists } from './annotation-lists';

const list = (...ids: string[]) => ids.map((id) => ({ id }));

describe('the annotations the store holds in memory', () => {
  it('keeps the lists used lately within its budget, and every id', () => {
    const lists = new AnnotationLists(3);
    lists.set('d1', list('a', 'b'));
    lists.set('d2', list('c'));
    lists.get('d1'); // used: d2 is now the least recently used
    lists.set('d3', list('d', 'e'));
    expect(lists.get('d2')).toBeUndefined();
    expect(lists.heldAnnotations).toBeLessThanOrEqual(3);
    expect(lists.owner('c')).toBe('d2');
    expect(lists.count()).toBe(5);
    // A list longer than the budget is still held while it is the one in use.
    lists.set('d4', list('f', 'g', 'h', 'i'));
    expect(lists.get('d4')).toHaveLength(4);
  });

  it('never keeps a list read from disk while a change to it landed (it would undo that change)', () => {
    const lists = new AnnotationLists();
    lists.known('d1', ['a']);
    const before = lists.version('d1');
    lists.set('d1', list('a', 'b')); // written while the file was being read
    expect(lists.loaded('d1', list('a'), before)).toBe(false);
    expect(lists.get('d1')).toEqual(list('a', 'b'));
    expect(lists.loaded('d1', list('a', 'b'), lists.version('d1'))).toBe(true);
  });

  it('forgets a deleted document and its annotations', () => {
    const lists = new AnnotationLists();
    lists.set('d1', list('a'));
    lists.delete('d1');
    expect(lists.owner('a')).toBeUndefined();
    expect(lists.count()).toBe(0);
  });
});
