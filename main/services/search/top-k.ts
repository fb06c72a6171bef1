// The best k matches of a query, kept in a min-heap on score.
import type { Match } from './execute';

/** Keeps the best k matches (a min-heap on score). */
export class TopK {
  private heap: Match[] = [];
  constructor(private readonly k: number) {}

  /** True once k matches are kept: only a better score gets in. */
  full(): boolean {
    return this.k > 0 && this.heap.length >= this.k;
  }

  /** The score to beat once full. */
  threshold(): number {
    return this.heap[0]?.score ?? -Infinity;
  }

  /** Whether a match of this score would be kept (checked before making the match object). */
  accepts(score: number): boolean {
    return this.k > 0 && (this.heap.length < this.k || score > this.heap[0]!.score);
  }

  push(m: Match): void {
    const h = this.heap;
    if (h.length < this.k) {
      h.push(m);
      let i = h.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (h[parent]!.score <= h[i]!.score) break;
        [h[parent], h[i]] = [h[i]!, h[parent]!];
        i = parent;
      }
    } else if (this.k > 0 && m.score > h[0]!.score) {
      h[0] = m;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let min = i;
        if (l < h.length && h[l]!.score < h[min]!.score) min = l;
        if (r < h.length && h[r]!.score < h[min]!.score) min = r;
        if (min === i) break;
        [h[min], h[i]] = [h[i]!, h[min]!];
        i = min;
      }
    }
  }

  sorted(): Match[] {
    return [...this.heap].sort((a, b) => b.score - a.score);
  }
}
