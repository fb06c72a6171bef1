// One index segment: an immutable inverted index over a set of entries, in typed arrays inside one byte
// buffer that is also its file. Loading reads a small JSON header and the "core" sections (postings and
// the entries' facts as columns: no object per entry); positions, stop-word maps and texts are read from
// the file when first needed (phrases, snippets, merges), so start-up reads a fraction of the index.
// Entries deleted after the segment was built are masked.
//
// The byte layout is in segment-format.ts.
import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import lunr from 'lunr';
import { HIGHLIGHT_COLORS, STANCES } from '../../../shared/model';
import { PackedStrings } from './packed-strings';
import { FIELDS, annotationEntryId, passageEntryId, type EntryKind, type EntryMeta } from './entries';
import {
  CORE_SECTIONS,
  CorruptSegmentError,
  LAZY_SECTIONS,
  readHeader,
  views,
  type CoreSections,
  type LazySections,
  type SegmentHeader,
} from './segment-format';

export { CorruptSegmentError, encodeSegment, SEGMENT_FORMAT_VERSION, type Sections } from './segment-format';

const decoder = new TextDecoder();

/** Where the lazy sections come from: bytes in memory, or the segment's file. */
type LazySource = { bytes: Uint8Array } | { file: string; offset: number; length: number };

export class Segment {
  readonly kind: EntryKind;
  readonly n: number;
  readonly fieldCount: number;
  readonly docs: string[];
  readonly annotationIds: PackedStrings;
  readonly codes: string[];
  readonly terms: PackedStrings;
  readonly words: PackedStrings;
  readonly fieldLenSum: number[];
  readonly s: CoreSections;
  /** The whole segment, for a segment built in this process (null for one loaded from a file). */
  readonly bytes: Uint8Array | null;
  /** Entries deleted since the segment was built (1 = deleted). */
  readonly deleted: Uint8Array;
  deletedCount = 0;
  /** The index generation at which each entry's copy was placed (set by SegmentedIndex). */
  readonly placed: Uint32Array;
  private lazySource: LazySource;
  private lazySections: LazySections | null = null;
  private readonly header: SegmentHeader;
  private idMap: Map<string, number> | null = null;
  private tokenSet: lunr.TokenSet | null = null;
  private metaPostings: Map<string, number[]> | null = null;
  private byDocument: Map<string, number[]> | null = null;

  private constructor(header: SegmentHeader, core: Uint8Array, lazy: LazySource, bytes: Uint8Array | null) {
    this.header = header;
    this.kind = header.kind;
    this.n = header.n;
    this.fieldCount = FIELDS[header.kind]?.length ?? 0;
    this.docs = header.docs;
    this.codes = header.codes;
    this.fieldLenSum = header.fieldLenSum;
    this.bytes = bytes;
    this.lazySource = lazy;
    this.s = views(CORE_SECTIONS, header, core, 0) as unknown as CoreSections;
    this.terms = new PackedStrings(this.s.termOffsets, this.s.termBytes);
    this.words = new PackedStrings(this.s.wordOffsets, this.s.wordBytes);
    this.annotationIds = new PackedStrings(this.s.idOffsets, this.s.idBytes);
    const F = this.fieldCount;
    const n = this.n;
    if (
      !F ||
      !Array.isArray(this.docs) ||
      !Array.isArray(this.codes) ||
      this.s.termOffsets.length < 1 ||
      this.s.wordOffsets.length < 1 ||
      this.s.idOffsets.length < 1 ||
      (this.kind === 'annotation' && this.annotationIds.length !== n) ||
      this.s.termStart.length !== this.terms.length + 1 ||
      this.s.wordTerm.length !== this.words.length ||
      this.s.fieldLen.length !== n * F ||
      this.s.textStart.length !== n * F + 1 ||
      this.s.docIdx.length !== n ||
      this.s.start.length !== n ||
      (this.kind === 'annotation' && this.s.codeStart.length !== n + 1)
    ) {
      throw new CorruptSegmentError('inconsistent sizes');
    }
    this.deleted = new Uint8Array(n);
    this.placed = new Uint32Array(n);
  }

  /** A segment held in memory (just built). */
  static fromBytes(bytes: Uint8Array): Segment {
    const read = readHeader(bytes);
    if ('needed' in read) throw new CorruptSegmentError('truncated header');
    const data = bytes.subarray(read.dataStart);
    const lazyFrom = read.header.lazyFrom;
    return new Segment(read.header, data.subarray(0, lazyFrom), { bytes: data.subarray(lazyFrom) }, bytes);
  }

  /** A segment from its file: the header and the core are read now, the rest when first needed. */
  static async open(file: string): Promise<Segment> {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const prefix = new Uint8Array(Math.min(size, 1 << 16));
      await handle.read(prefix, 0, prefix.byteLength, 0);
      let read = readHeader(prefix);
      if ('needed' in read) {
        if (read.needed > size) throw new CorruptSegmentError('truncated header');
        const whole = new Uint8Array(read.needed);
        await handle.read(whole, 0, read.needed, 0);
        read = readHeader(whole);
        if ('needed' in read) throw new CorruptSegmentError('truncated header');
      }
      const { header, dataStart } = read;
      const lazyFrom = header.lazyFrom;
      if (!(lazyFrom >= 0 && dataStart + lazyFrom <= size)) throw new CorruptSegmentError('truncated');
      // An ArrayBuffer of its own, so the typed-array views are aligned.
      const core = new Uint8Array(lazyFrom);
      await handle.read(core, 0, lazyFrom, dataStart);
      return new Segment(header, core, { file, offset: dataStart + lazyFrom, length: size - dataStart - lazyFrom }, null);
    } finally {
      await handle.close();
    }
  }

  get live(): number {
    return this.n - this.deletedCount;
  }

  markDeleted(ordinal: number): void {
    if (this.deleted[ordinal]) return;
    this.deleted[ordinal] = 1;
    this.deletedCount++;
  }

  // ---- Entries ------------------------------------------------------------------------------------

  documentId(ordinal: number): string {
    return this.docs[this.s.docIdx[ordinal]!]!;
  }

  entryId(ordinal: number): string {
    return this.kind === 'annotation'
      ? annotationEntryId(this.annotationIds.get(ordinal))
      : passageEntryId(this.documentId(ordinal), this.s.block[ordinal]!);
  }

  /** The ordinal of an entry id (deleted or not), or -1. */
  ordinalOf(entryId: string): number {
    if (!this.idMap) {
      this.idMap = new Map();
      for (let o = 0; o < this.n; o++) this.idMap.set(this.entryId(o), o);
    }
    return this.idMap.get(entryId) ?? -1;
  }

  /** An entry's facts as an object (for results and merges; queries read the columns). */
  meta(ordinal: number): EntryMeta {
    const { s } = this;
    const common = { documentId: this.documentId(ordinal), start: s.start[ordinal]!, end: s.end[ordinal]! };
    if (this.kind === 'passage') {
      const page = s.page[ordinal]!;
      return { ...common, block: s.block[ordinal]!, page: page === 0 ? null : page - 1 };
    }
    const principles: string[] = [];
    const actors: [string, (typeof STANCES)[number]][] = [];
    const tags: string[] = [];
    for (let i = s.codeStart[ordinal]!; i < s.codeStart[ordinal + 1]!; i++) {
      const [field, value] = this.codes[s.codeIds[i]!]!.split('\u0000') as [string, string];
      if (field === 'principle') principles.push(value);
      else if (field === 'actor') actors.push([value, STANCES[s.codeStance[i]! - 1] ?? 'mentions']);
      else tags.push(value);
    }
    return {
      ...common,
      annotationId: this.annotationIds.get(ordinal),
      color: HIGHLIGHT_COLORS[s.color[ordinal]!] ?? 'yellow',
      principles,
      actors,
      tags,
      modified: new Date(s.modified[ordinal]!).toISOString(),
    };
  }

  // ---- Terms --------------------------------------------------------------------------------------

  /** The index of a term, or -1. */
  findTerm(term: string): number {
    return this.terms.indexOf(term);
  }

  /** Terms of the indexed words starting with `prefix` (folded), each once. */
  prefixTerms(prefix: string): number[] {
    let lo = this.words.lowerBound(prefix);
    const found = new Set<number>();
    for (; lo < this.words.length && this.words.get(lo).startsWith(prefix); lo++) found.add(this.s.wordTerm[lo]!);
    return [...found];
  }

  /** Terms of the indexed words within `distance` edits of `word`, through lunr's TokenSet automaton. */
  fuzzyTerms(word: string, distance: number): number[] {
    // lunr's TokenSet statics are missing from @types/lunr.
    const TokenSet = lunr.TokenSet as unknown as TokenSetStatics;
    const tokenSet = (this.tokenSet ??= TokenSet.fromArray(this.words.all()));
    const found = new Set<number>();
    for (const w of tokenSet.intersect(TokenSet.fromFuzzyString(word, distance)).toArray()) {
      const i = this.words.indexOf(w);
      if (i !== -1) found.add(this.s.wordTerm[i]!);
    }
    return [...found];
  }

  /** The posting of a term for one entry and field, or -1. */
  findPosting(term: number, ordinal: number, field: number): number {
    let lo = this.s.termStart[term]!;
    const end = this.s.termStart[term + 1]!;
    let hi = end;
    const { pDoc, pField } = this.s;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const d = pDoc[mid]!;
      if (d < ordinal || (d === ordinal && pField[mid]! < field)) lo = mid + 1;
      else hi = mid;
    }
    return lo < end && pDoc[lo] === ordinal && pField[lo] === field ? lo : -1;
  }

  // ---- The lazy part ------------------------------------------------------------------------------

  /** Positions, stop-word maps and texts; read from the file on first use. */
  lazy(): LazySections {
    if (!this.lazySections) this.setLazy(this.readLazySync());
    return this.lazySections!;
  }

  /** Builds lunr's automaton of the segment's words now, so the first word~1 query does not wait for it. */
  warmFuzzy(): void {
    const TokenSet = lunr.TokenSet as unknown as TokenSetStatics;
    this.tokenSet ??= TokenSet.fromArray(this.words.all());
  }

  /** Reads the lazy part in the background, so the first phrase query does not wait for it. */
  async prefetch(): Promise<void> {
    if (this.lazySections || !('file' in this.lazySource)) return;
    const { file, offset, length } = this.lazySource;
    const bytes = new Uint8Array(length);
    const handle = await open(file, 'r');
    try {
      await handle.read(bytes, 0, length, offset);
    } finally {
      await handle.close();
    }
    if (!this.lazySections) this.setLazy(bytes);
  }

  private readLazySync(): Uint8Array {
    if ('bytes' in this.lazySource) return this.lazySource.bytes;
    const { file, offset, length } = this.lazySource;
    const bytes = new Uint8Array(length);
    const fd = openSync(file, 'r');
    try {
      readSync(fd, bytes, 0, length, offset);
    } finally {
      closeSync(fd);
    }
    return bytes;
  }

  private setLazy(bytes: Uint8Array): void {
    const lazy = views(LAZY_SECTIONS, this.header, bytes, this.header.lazyFrom) as unknown as LazySections;
    if (lazy.pPos.length !== this.s.pDoc.length + 1 || lazy.ordStart.length !== this.n * this.fieldCount + 1) {
      throw new CorruptSegmentError('inconsistent sizes');
    }
    this.lazySections = lazy;
    this.lazySource = { bytes };
  }

  /** The text of one field of an entry. */
  text(ordinal: number, field: number): string {
    const k = ordinal * this.fieldCount + field;
    const from = this.s.textStart[k]!;
    const to = this.s.textStart[k + 1]!;
    if (this.lazySections || 'bytes' in this.lazySource) return decoder.decode(this.lazy().textBytes.subarray(from, to));
    // One entry's text from the file, without reading the whole lazy part.
    const { file, offset } = this.lazySource;
    const textOffset = this.header.sections.textBytes[0] - this.header.lazyFrom;
    const bytes = new Uint8Array(to - from);
    const fd = openSync(file, 'r');
    try {
      readSync(fd, bytes, 0, bytes.byteLength, offset + textOffset + from);
    } finally {
      closeSync(fd);
    }
    return decoder.decode(bytes);
  }

  /** The stop word number at a word position of an entry's field (0: another word or out of range). */
  stopAt(ordinal: number, field: number, position: number): number {
    const { ordStart, ordStops } = this.lazy();
    const k = ordinal * this.fieldCount + field;
    const at = ordStart[k]! + position;
    return position >= 0 && at < ordStart[k + 1]! ? ordStops[at]! : 0;
  }

  /** Ordinals of a document's entries (deleted ones included), from one scan of the docIdx column. */
  ordinalsOfDocument(documentId: string): readonly number[] {
    if (!this.byDocument) {
      const lists: number[][] = this.docs.map(() => []);
      const { docIdx } = this.s;
      for (let o = 0; o < this.n; o++) lists[docIdx[o]!]!.push(o);
      this.byDocument = new Map(this.docs.map((id, i) => [id, lists[i]!]));
    }
    return this.byDocument.get(documentId) ?? [];
  }

  /**
   * Entries with a value, e.g. metaKey('principle', 'cyber-hygiene') or metaKey('doc', id): in-memory
   * posting lists built once per segment on first use, so a query made only of filters never touches
   * the text index.
   */
  withValue(key: string): readonly number[] {
    if (key.startsWith('doc\u0000')) return this.ordinalsOfDocument(key.slice(4));
    if (!this.metaPostings) {
      const map = new Map<string, number[]>();
      const add = (k: string, o: number) => {
        const list = map.get(k);
        if (!list) map.set(k, [o]);
        else if (list[list.length - 1] !== o) list.push(o);
      };
      const { s } = this;
      for (let o = 0; o < this.n && this.kind === 'annotation'; o++) {
        add(metaKey('color', HIGHLIGHT_COLORS[s.color[o]!] ?? 'yellow'), o);
        for (let i = s.codeStart[o]!; i < s.codeStart[o + 1]!; i++) {
          const code = this.codes[s.codeIds[i]!]!;
          // Tags match whatever their case.
          add(code.startsWith('tag\u0000') ? code.toLowerCase() : code, o);
          if (s.codeStance[i]) add(metaKey('stance', STANCES[s.codeStance[i]! - 1]!), o);
        }
      }
      this.metaPostings = map;
    }
    return this.metaPostings.get(key) ?? [];
  }
}

interface TokenSetStatics {
  fromArray(words: string[]): lunr.TokenSet;
  fromFuzzyString(word: string, distance: number): lunr.TokenSet;
}

export const metaKey = (field: string, value: string) => `${field}\u0000${value}`;
