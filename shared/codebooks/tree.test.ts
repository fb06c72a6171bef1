import { describe, expect, it } from 'vitest';
import type { Principle } from '../model';
import { applyCodebookEdit } from './operations';
import { dropPlace, keyboardMove, principlePath, principlesInTreeOrder, type TreePlace } from './tree';

const p = (id: string, parentId: string | null = null): Principle => ({ id, name: id.toUpperCase(), parentId, description: '', color: '#2f7fc1', whenToUse: '', whenNotToUse: '', example: '' });
// a > (a1 > a11), a2 ; b
const principles = [p('a'), p('a1', 'a'), p('a11', 'a1'), p('a2', 'a'), p('b')];
const tree = (list: Principle[]) => principlesInTreeOrder(list).map(({ principle, depth }) => `${'.'.repeat(depth)}${principle.id}`).join(' ');

/** Applies a place with the real move operation, to see where the principle ends up. */
function moved(id: string, place: TreePlace | null): string {
  if (!place) return 'impossible';
  const codebook = { version: 1 as const, principles, actors: [], colorByPrinciple: false };
  return tree(applyCodebookEdit(codebook, [], { kind: 'principle.move', id, ...place }).codebook.principles);
}

describe('the principle tree', () => {
  it('lists parents before children, siblings in order, with depth and path', () => {
    expect(tree(principles)).toBe('a .a1 ..a11 .a2 b');
    expect(principlePath(principles, 'a11')).toEqual(['A', 'A1', 'A11']);
  });

  it('moves by keyboard: up, down, indent, outdent', () => {
    expect(moved('a2', keyboardMove(principles, 'a2', 'up'))).toBe('a .a2 .a1 ..a11 b');
    expect(moved('a1', keyboardMove(principles, 'a1', 'down'))).toBe('a .a2 .a1 ..a11 b');
    expect(moved('a2', keyboardMove(principles, 'a2', 'indent'))).toBe('a .a1 ..a11 ..a2 b');
    expect(moved('a11', keyboardMove(principles, 'a11', 'outdent'))).toBe('a .a1 .a11 .a2 b');
    expect(moved('a1', keyboardMove(principles, 'a1', 'outdent'))).toBe('a .a2 a1 .a11 b');
    expect(keyboardMove(principles, 'a', 'up')).toBeNull();
    expect(keyboardMove(principles, 'b', 'down')).toBeNull();
    expect(keyboardMove(principles, 'a1', 'indent')).toBeNull();
    expect(keyboardMove(principles, 'b', 'outdent')).toBeNull();
  });

  it('places a drop before, after or inside a principle, never inside itself', () => {
    expect(moved('b', dropPlace(principles, 'b', 'a2', 'before'))).toBe('a .a1 ..a11 .b .a2');
    expect(moved('a1', dropPlace(principles, 'a1', 'a2', 'after'))).toBe('a .a2 .a1 ..a11 b');
    expect(moved('b', dropPlace(principles, 'b', 'a11', 'inside'))).toBe('a .a1 ..a11 ...b .a2');
    expect(moved('a2', dropPlace(principles, 'a2', 'a', 'before'))).toBe('a2 a .a1 ..a11 b');
    expect(dropPlace(principles, 'a', 'a11', 'inside')).toBeNull();
    expect(dropPlace(principles, 'a', 'a', 'after')).toBeNull();
  });
});
