// Which rows of the document table are selected, as a file manager does it: a click selects one,
// Ctrl/Cmd+click adds or removes one, Shift+click selects the range from the anchor, arrows move the
// focus (with Shift they extend the range), Ctrl/Cmd+A selects every row shown. Pure.

export interface TableSelection {
  /** Selected document ids. */
  selected: ReadonlySet<string>;
  /** The row with the keyboard focus (the one Enter opens), or null. */
  focus: string | null;
  /** Where a Shift range starts. */
  anchor: string | null;
}

export const NO_SELECTION: TableSelection = { selected: new Set(), focus: null, anchor: null };

export interface Modifiers {
  shift: boolean;
  /** Ctrl on Windows and Linux, Cmd on macOS. */
  toggle: boolean;
}

function range(order: readonly string[], from: string | null, to: string): Set<string> {
  const a = from === null ? -1 : order.indexOf(from);
  const b = order.indexOf(to);
  if (a < 0 || b < 0) return new Set([to]);
  return new Set(order.slice(Math.min(a, b), Math.max(a, b) + 1));
}

export function clickRow(selection: TableSelection, order: readonly string[], id: string, modifiers: Modifiers): TableSelection {
  if (modifiers.shift) {
    const anchor = selection.anchor ?? id;
    const extended = range(order, anchor, id);
    if (modifiers.toggle) for (const s of selection.selected) extended.add(s);
    return { selected: extended, focus: id, anchor };
  }
  if (modifiers.toggle) {
    const selected = new Set(selection.selected);
    if (selected.has(id)) selected.delete(id);
    else selected.add(id);
    return { selected, focus: id, anchor: id };
  }
  return { selected: new Set([id]), focus: id, anchor: id };
}

/** Arrow keys, Home and End: moves the focus by `by` rows (clamped), selecting it or extending the range. */
export function moveFocus(selection: TableSelection, order: readonly string[], by: number, extend: boolean): TableSelection {
  if (order.length === 0) return selection;
  const at = selection.focus === null ? -1 : order.indexOf(selection.focus);
  // With no focus yet, Down starts at the first row, Up at the last, End and Home at their ends.
  const from = at >= 0 ? at : by > 0 ? -1 : order.length;
  const to = order[Math.max(0, Math.min(order.length - 1, from + by))]!;
  if (extend) {
    const anchor = selection.anchor ?? selection.focus ?? to;
    return { selected: range(order, anchor, to), focus: to, anchor };
  }
  return { selected: new Set([to]), focus: to, anchor: to };
}

export function selectAll(selection: TableSelection, order: readonly string[]): TableSelection {
  return { selected: new Set(order), focus: selection.focus ?? order[0] ?? null, anchor: selection.anchor ?? order[0] ?? null };
}

/**
 * The selection after the rows shown changed (a filter, a collection chosen, documents deleted):
 * rows no longer shown are let go, so an action never reaches documents the user cannot see.
 */
export function keepShown(selection: TableSelection, order: readonly string[]): TableSelection {
  const shown = new Set(order);
  const selected = [...selection.selected].filter((id) => shown.has(id));
  const focus = selection.focus !== null && shown.has(selection.focus) ? selection.focus : null;
  const anchor = selection.anchor !== null && shown.has(selection.anchor) ? selection.anchor : null;
  if (selected.length === selection.selected.size && focus === selection.focus && anchor === selection.anchor) return selection;
  return { selected: new Set(selected), focus, anchor };
}

/** The selected ids in the order the table shows them. */
export function selectedInOrder(selection: TableSelection, order: readonly string[]): string[] {
  return order.filter((id) => selection.selected.has(id));
}
