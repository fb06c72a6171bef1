// The texts of the passages hits showed lately. Each passage hit reads its few hundred bytes from the
// document's text.json (passage-text.ts): four system calls, which under load cost more than the
// query's evaluation, and the best passages of frequent words come back query after query. A document's
// text changes only when it is added, replaced, deleted or restored: such a published change drops
// what was kept (one source of change).
import type { LibraryChange } from '../../../shared/library-changes';

/** Characters kept: the passages of a few hundred queries. */
const KEPT_CHARS = 2 << 20;

export class HitPassages {
  /** Least recently used first. */
  private readonly kept = new Map<string, string>();
  private keptChars = 0;

  /** The text kept under this key, else what `read` gives (then kept). */
  get(key: string, read: () => string): string {
    let text = this.kept.get(key);
    if (text !== undefined) this.kept.delete(key);
    else {
      text = read();
      this.keptChars += text.length;
    }
    this.kept.set(key, text);
    for (const [k, old] of this.kept) {
      if (this.keptChars <= KEPT_CHARS || k === key) break;
      this.kept.delete(k);
      this.keptChars -= old.length;
    }
    return text;
  }

  follow(change: LibraryChange): void {
    if (change.kind === 'document.added' || change.kind === 'document.replaced' || change.kind === 'document.deleted' || change.kind === 'document.restored') {
      this.kept.clear();
      this.keptChars = 0;
    }
  }
}
