// Splits a block of text into runs where the set of covering highlights is constant, so overlapping
// highlights draw correctly: each run knows every highlight over it.

export interface HighlightRange {
  id: string;
  start: number;
  end: number;
}

export interface Segment {
  start: number;
  end: number;
  /** Highlights covering this run, in the order given (later ones drawn on top). */
  ids: string[];
}

export function segmentRange(start: number, end: number, highlights: HighlightRange[]): Segment[] {
  const inside = highlights.filter((h) => h.end > start && h.start < end && h.end > h.start);
  const cuts = new Set<number>([start, end]);
  for (const h of inside) {
    cuts.add(Math.max(start, h.start));
    cuts.add(Math.min(end, h.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    const ids = inside.filter((h) => h.start <= from && h.end >= to).map((h) => h.id);
    segments.push({ start: from, end: to, ids });
  }
  return segments;
}
