// The window of text a search result shows around its first match, cut at whole words.

const RADIUS = 90;

/** The text around the first mark (all of it when short), with the marks that fall inside, shifted to it. */
export function windowAround(text: string, marks: readonly [number, number][]): { text: string; marks: [number, number][] } {
  if (text.length <= 2 * RADIUS) return { text, marks: [...marks] };
  const at = marks[0]?.[0] ?? 0;
  let from = Math.max(0, Math.min(at - RADIUS, text.length - 2 * RADIUS));
  let to = Math.min(text.length, from + 2 * RADIUS);
  // Whole words only, without the spaces at either end.
  while (from > 0 && /\S/.test(text[from - 1]!)) from--;
  while (to < text.length && /\S/.test(text[to]!)) to++;
  const end = to;
  while (from < to && /\s/.test(text[from]!)) from++;
  while (to > from && /\s/.test(text[to - 1]!)) to--;
  const lead = from > 0 ? '…' : '';
  const shift = lead.length - from;
  return {
    text: lead + text.slice(from, to) + (end < text.length ? '…' : ''),
    marks: marks.filter(([s, e]) => s >= from && e <= to).map(([s, e]) => [s + shift, e + shift]),
  };
}
