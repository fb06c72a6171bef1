// Sets of characters as sorted, disjoint [start, end) spans: what each coder coded with one code in
// one document. Agreement is counted on these with interval arithmetic, never one array cell per
// character, so a book-length document costs as much as its number of passages.

export interface Span {
  start: number;
  end: number;
}

/**
 * The spans as a set: clipped to [0, length), empty ones dropped, sorted, overlapping and touching
 * ones merged. Every other function here expects spans in this form.
 */
export function normalizeSpans(spans: readonly Span[], length: number): Span[] {
  const clipped = spans
    .map((s) => ({ start: Math.max(0, Math.min(s.start, length)), end: Math.max(0, Math.min(s.end, length)) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const span of clipped) {
    const last = out[out.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else out.push({ ...span });
  }
  return out;
}

/** Characters in the set. */
export function spanLength(spans: readonly Span[]): number {
  let total = 0;
  for (const s of spans) total += s.end - s.start;
  return total;
}

/** Characters in both sets (one merge-like walk over the two lists). */
export function intersectionLength(a: readonly Span[], b: readonly Span[]): number {
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]!.start, b[j]!.start);
    const end = Math.min(a[i]!.end, b[j]!.end);
    if (end > start) total += end - start;
    if (a[i]!.end < b[j]!.end) i++;
    else j++;
  }
  return total;
}

/** The characters of `a` that are not in `b`, as maximal spans. */
export function subtractSpans(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let j = 0;
  for (const span of a) {
    let start = span.start;
    while (j < b.length && b[j]!.end <= start) j++;
    let k = j;
    while (k < b.length && b[k]!.start < span.end) {
      if (b[k]!.start > start) out.push({ start, end: b[k]!.start });
      start = Math.max(start, b[k]!.end);
      k++;
    }
    if (start < span.end) out.push({ start, end: span.end });
  }
  return out;
}
