import { describe, expect, it } from 'vitest';
import { clickRow, keepShown, moveFocus, NO_SELECTION, selectAll, selectedInOrder } from './selection';

const order = ['a', 'b', 'c', 'd', 'e'];
const plain = { shift: false, toggle: false };
const ids = (s: { selected: ReadonlySet<string> }) => [...s.selected].sort();

describe('table selection', () => {
  it('click selects one, Ctrl+click toggles, Shift+click selects the range from the anchor', () => {
    let s = clickRow(NO_SELECTION, order, 'b', plain);
    expect(ids(s)).toEqual(['b']);
    s = clickRow(s, order, 'd', { shift: true, toggle: false });
    expect(ids(s)).toEqual(['b', 'c', 'd']);
    s = clickRow(s, order, 'a', { shift: true, toggle: false }); // the anchor stays at b
    expect(ids(s)).toEqual(['a', 'b']);
    s = clickRow(s, order, 'e', { shift: false, toggle: true });
    expect(ids(s)).toEqual(['a', 'b', 'e']);
    s = clickRow(s, order, 'a', { shift: false, toggle: true });
    expect(ids(s)).toEqual(['b', 'e']);
  });

  it('arrows move the focus and select it; with Shift they extend from the anchor', () => {
    let s = moveFocus(NO_SELECTION, order, 1, false);
    expect(s.focus).toBe('a');
    s = moveFocus(s, order, 1, false);
    expect(ids(s)).toEqual(['b']);
    s = moveFocus(s, order, 2, true);
    expect(ids(s)).toEqual(['b', 'c', 'd']);
    s = moveFocus(s, order, 100, false);
    expect(s.focus).toBe('e');
    expect(moveFocus(NO_SELECTION, order, -1, false).focus).toBe('e');
    // End and Home before any row has the focus.
    expect(moveFocus(NO_SELECTION, order, order.length, false).focus).toBe('e');
    expect(moveFocus(NO_SELECTION, order, -order.length, false).focus).toBe('a');
    expect(moveFocus(NO_SELECTION, [], 1, false)).toBe(NO_SELECTION);
  });

  it('Ctrl+A selects every row shown; rows filtered away are let go', () => {
    const all = selectAll(NO_SELECTION, order);
    expect(ids(all)).toEqual(order);
    const narrowed = keepShown(all, ['b', 'd']);
    expect(ids(narrowed)).toEqual(['b', 'd']);
    expect(narrowed.focus).toBeNull();
    expect(keepShown(narrowed, ['b', 'd'])).toBe(narrowed);
    expect(selectedInOrder(clickRow(clickRow(NO_SELECTION, order, 'd', plain), order, 'a', { shift: false, toggle: true }), order)).toEqual(['a', 'd']);
  });
});
