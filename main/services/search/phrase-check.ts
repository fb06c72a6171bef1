// Whether a phrase's words stand in order in an entry (its words' positions, its stop-word map), and
// -words and -"phrases". A phrase of frequent words ("norms security", "security that") checks tens of
// thousands of entries for its exact total, so the check reads positions and stop-word maps where they
// were decoded, without making a view per entry.
import { stopId } from './analyzer';
import type { ResolvedToken } from './clauses';
import type { Segment } from './segment';
import { StopMapReader } from './stop-map';
import { TermPostings, type DocIterator } from './term-postings';

/** Whether the words of a phrase, positioned on an entry, stand in one of its fields in order. */
export class PhraseCheck {
  private readonly words: { ordinal: number; iterator: DocIterator; term: TermPostings | null }[];
  private readonly stops: { ordinal: number; id: number }[];
  /** Per word, the array holding its positions in the field being checked, where they start and end, and how far the walk has got. */
  private readonly data: Int32Array[] = [];
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private readonly cursor: Int32Array;
  /** Per stop word of the phrase, a reader of the entry's stop-word map (each reads ascending positions). */
  private readonly stopReaders: StopMapReader[];

  constructor(
    private readonly segment: Segment,
    tokens: readonly ResolvedToken[],
    iterators: readonly DocIterator[],
  ) {
    const words = tokens.filter((t) => t.stop === null);
    this.words = words.map((t, k) => {
      const iterator = iterators[k]!;
      return { ordinal: t.ordinal, iterator, term: iterator instanceof TermPostings ? iterator : null };
    });
    this.stops = tokens.filter((t) => t.stop !== null).map((t) => ({ ordinal: t.ordinal, id: stopId(t.stop!) }));
    this.stopReaders = this.stops.map(() => new StopMapReader());
    this.from = new Int32Array(words.length);
    this.to = new Int32Array(words.length);
    this.cursor = new Int32Array(words.length);
  }

  /** Sets word k's positions in field f (data, from, to); false when it has none there. */
  private place(k: number, f: number): boolean {
    const word = this.words[k]!;
    if (word.term) {
      this.from[k] = word.term.positionSpan(f);
      this.to[k] = word.term.spanEnd;
      this.data[k] = word.term.positionData;
    } else {
      const p = word.iterator.positions(f);
      this.data[k] = p;
      this.from[k] = 0;
      this.to[k] = p.length;
    }
    this.cursor[k] = this.from[k]!;
    return this.to[k]! > this.from[k]!;
  }

  matches(d: number): boolean {
    const { words, stops, data, to, cursor, stopReaders, segment } = this;
    const firstOrdinal = words[0]!.ordinal;
    for (let f = 0; f < segment.fieldCount; f++) {
      let present = true;
      for (let k = 0; k < words.length && present; k++) present = this.place(k, f);
      if (!present) continue;
      const starts = data[0]!;
      let mapped = false;
      for (let i = this.from[0]!; i < to[0]!; i++) {
        const start = starts[i]! - firstOrdinal;
        let fits = true;
        // Starts ascend, so each word's wanted position does too: its cursor only moves forward.
        for (let k = 1; k < words.length && fits; k++) {
          const want = start + words[k]!.ordinal;
          const at = data[k]!;
          const end = to[k]!;
          let c = cursor[k]!;
          while (c < end && at[c]! < want) c++;
          cursor[k] = c;
          fits = c < end && at[c] === want;
        }
        if (fits && stops.length && !mapped) {
          const bytes = segment.stopsSpan(d, f);
          for (const reader of stopReaders) reader.reset(bytes, segment.stopsFrom, segment.stopsTo);
          mapped = true;
        }
        for (let s = 0; s < stops.length && fits; s++) fits = stopReaders[s]!.at(start + stops[s]!.ordinal) === stops[s]!.id;
        if (fits) return true;
      }
    }
    return false;
  }
}

/** A -word or -"phrase": whether it matches an entry (entries are asked in ascending order). */
export class Exclusion {
  constructor(
    private readonly iterators: DocIterator[],
    private readonly phrase: PhraseCheck | null,
  ) {}

  excludes(d: number): boolean {
    for (const it of this.iterators) {
      if (it.doc < d) it.advance(d);
      if (it.doc !== d) return false;
    }
    return this.phrase ? this.phrase.matches(d) : true;
  }
}
