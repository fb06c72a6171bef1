// Iterating an in-memory ascending list of entries: a filter's entries (execute.ts: ListIterator) and the
// matches of a word with many terms, scored at once (clauses.ts: DenseUnion). Both move through their list
// the same way; they differ in what an entry scores and in their block bounds.
import { NO_MORE } from './term-postings';

/** nextDoc and advance over an ascending list of entries (advance bisects the rest of the list). */
export abstract class SortedDocs {
  doc = -1;
  readonly cost: number;
  /** The index of the current entry in `docs`. */
  protected i = -1;

  constructor(protected readonly docs: Int32Array) {
    this.cost = docs.length;
  }

  nextDoc(): number {
    return (this.doc = ++this.i < this.cost ? this.docs[this.i]! : NO_MORE);
  }

  /** The first entry at or after target. */
  advance(target: number): number {
    const { docs } = this;
    let lo = this.i + 1;
    let hi = this.cost;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (docs[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    this.i = lo;
    return (this.doc = lo < this.cost ? docs[lo]! : NO_MORE);
  }
}
