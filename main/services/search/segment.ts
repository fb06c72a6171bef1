// One index segment: an immutable inverted index over a set of entries, in one file. Opening reads a
// small JSON header and the resident sections (the term dictionary and the columns filters, facets and
// scoring read for every match); postings, positions, stop-word maps, texts and the facts only hits need
// stay in the file and are read a region or a page at a time when a query needs them, through the
// process's bounded cache (region-cache.ts). A segment just built is held in memory until it is saved,
// then reads its file like the others. Entries deleted after the segment was built are masked.
//
// The byte layout is in segment-format.ts, a term's postings in postings-format.ts.
import { closeSync, openSync, readSync } from 'node:fs';
import { HIGHLIGHT_COLORS, STANCES } from '../../../shared/model';
import { PackedStrings } from './packed-strings';
import { FIELDS, annotationEntryId, passageEntryId, type EntryKind, type EntryMeta } from './entries';
import { fuzzyWords } from './fuzzy';
import { DocumentAggregates } from './document-aggregates';
import { valuePostings } from './value-postings';
import { decodeFactGroup, FACT, FACT_GROUP, factSlots, stopsSlot } from './entry-facts';
import { regionCache } from './region-cache';
import { expansionCache } from './expansions';
import { readResident } from './segment-file';
import {
  RESIDENT_SECTIONS,
  checkResident,
  CorruptSegmentError,
  readHeader,
  views,
  type ResidentSections,
  type SegmentHeader,
  type StoredName,
} from './segment-format';

export { CorruptSegmentError, encodeSegment, SEGMENT_FORMAT_VERSION, type Sections } from './segment-format';
export { canonicalCodes } from './document-aggregates';

const decoder = new TextDecoder();
/** Columns and byte sections are read in pages of this size. */
const PAGE = 1 << 16;

/** Where the stored sections are: the segment's bytes in memory, or its open file. */
type Storage = { data: Uint8Array; fd: -1 } | { data: null; fd: number; dataStart: number };

let nextUid = 1;

export class Segment {
  /** Names the segment's regions in the shared cache. */
  readonly uid = nextUid++;
  readonly kind: EntryKind;
  readonly n: number;
  readonly fieldCount: number;
  readonly docs: string[];
  readonly codes: string[];
  readonly terms: PackedStrings;
  readonly words: PackedStrings;
  readonly fieldLenSum: number[];
  readonly r: ResidentSections;
  /** Entries deleted since the segment was built (1 = deleted). */
  readonly deleted: Uint8Array;
  deletedCount = 0;
  /** The index generation at which each entry's copy was placed (set by SegmentedIndex). */
  readonly placed: Uint32Array;
  private readonly header: SegmentHeader;
  private storage: Storage;
  private wholeBytes: Uint8Array | null;
  private docIndex: Map<string, number> | null = null;
  private lastPage = new Map<StoredName, { page: number; bytes: Uint8Array; u32: Uint32Array | null }>();
  private metaPostings: Map<string, number[]> | null = null;
  private closed = false;
  /** Per document, live entries and (annotations) entries per code and stance: see aggregates(). */
  private docAggregates: DocumentAggregates | null = null;
  /** The entry facts group last decoded. */
  private factGroup = -1;
  private readonly factSlots: number;
  private readonly factValues: Float64Array;
  private readonly stopsAt: number;
  /** Stop-word map offsets of the fact groups decoded so far (stopsSpan). */
  private stopStarts: { starts: Uint32Array; decoded: Uint8Array } | null = null;
  /** Where the map stopsSpan found is in the bytes it returned. */
  stopsFrom = 0;
  stopsTo = 0;

  private constructor(header: SegmentHeader, resident: Uint8Array, storage: Storage, bytes: Uint8Array | null) {
    this.header = header;
    this.kind = header.kind;
    this.n = header.n;
    this.fieldCount = FIELDS[header.kind]?.length ?? 0;
    this.docs = header.docs;
    this.codes = header.codes;
    this.fieldLenSum = header.fieldLenSum;
    this.storage = storage;
    this.wholeBytes = bytes;
    this.r = views(RESIDENT_SECTIONS, header, resident, 0) as unknown as ResidentSections;
    this.terms = new PackedStrings(this.r.termOffsets, this.r.termBytes);
    this.words = new PackedStrings(this.r.wordOffsets, this.r.wordBytes);
    const F = this.fieldCount;
    const n = this.n;
    const T = this.terms.length;
    const r = this.r;
    if (
      !F ||
      !Array.isArray(this.docs) ||
      !Array.isArray(this.codes) ||
      r.termOffsets.length < 1 ||
      r.wordOffsets.length < 1 ||
      r.termDf.length !== T ||
      r.termPost.length !== T + 1 ||
      r.termPos.length !== T + 1 ||
      r.wordTerm.length !== this.words.length ||
      r.norms.length !== n * F ||
      r.docIdx.length !== n ||
      r.docFirst.length !== this.docs.length + 1 ||
      (this.kind === 'annotation' && r.codeStart.length !== n + 1) ||
      this.sectionLength('postings') !== r.termPost[T] ||
      this.sectionLength('positions') !== r.termPos[T]
    ) {
      throw new CorruptSegmentError('inconsistent sizes');
    }
    this.deleted = new Uint8Array(n);
    this.placed = new Uint32Array(n);
    this.factSlots = factSlots(this.kind, F);
    this.factValues = new Float64Array(FACT_GROUP * this.factSlots);
    this.stopsAt = stopsSlot(this.kind);
  }

  /** A segment held in memory (just built). */
  static fromBytes(bytes: Uint8Array): Segment {
    if (bytes.byteOffset % 8) bytes = bytes.slice();
    const read = readHeader(bytes);
    if ('needed' in read) throw new CorruptSegmentError('truncated header');
    const data = bytes.subarray(read.dataStart);
    if (data.byteLength !== read.header.dataLength) throw new CorruptSegmentError('truncated');
    const resident = data.subarray(0, read.header.storedFrom);
    checkResident(read.header, resident);
    return new Segment(read.header, resident, { data, fd: -1 }, bytes);
  }

  /** A segment from its file: the header and the resident sections are read now, the rest when needed. */
  static async open(file: string): Promise<Segment> {
    const fd = openSync(file, 'r');
    try {
      const { header, dataStart, resident } = readResident(fd);
      return new Segment(header, resident, { data: null, fd, dataStart }, null);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** The whole segment, while it is only in memory (to be saved). */
  get bytes(): Uint8Array | null {
    return this.wholeBytes;
  }

  /** The segment was saved to `file`: read it from there from now on, and let go of the bytes. */
  attachFile(file: string): void {
    if (this.closed || this.storage.fd !== -1) return;
    const fd = openSync(file, 'r');
    try {
      const { header } = readResident(fd);
      if (header.dataLength !== this.header.dataLength || header.residentCrc !== this.header.residentCrc) {
        throw new CorruptSegmentError('the saved file differs');
      }
      const dataStart = this.wholeBytes!.byteLength - header.dataLength;
      this.storage = { data: null, fd, dataStart };
      this.wholeBytes = null;
      this.lastPage.clear();
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** No longer part of the index: its file is closed and its cached regions dropped. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.storage.fd !== -1) closeSync(this.storage.fd);
    regionCache.forget(`${this.uid}:`);
    expansionCache.forget(`${this.uid}:`);
    this.lastPage.clear();
  }

  get live(): number {
    return this.n - this.deletedCount;
  }

  markDeleted(ordinal: number): void {
    if (this.deleted[ordinal]) return;
    this.deleted[ordinal] = 1;
    this.deletedCount++;
    this.docAggregates?.remove(this, ordinal);
  }

  // ---- Stored sections ----------------------------------------------------------------------------

  private sectionLength(name: StoredName): number {
    const [, length] = this.header.sections[name];
    return length;
  }

  /** Bytes [from, to) of a stored section (byte offsets), aligned as the section is; cached whole. */
  region(name: StoredName, from: number, to: number): Uint8Array {
    const [offset, length] = this.header.sections[name];
    const size = length * (name === 'postings' || name === 'positions' || name === 'stops' || name === 'idBytes' || name === 'facts' ? 1 : 4);
    if (!(from >= 0 && to >= from && to <= size)) throw new CorruptSegmentError(`a region of ${name} is out of bounds`);
    const storage = this.storage;
    if (storage.data) return storage.data.subarray(offset + from, offset + to);
    const key = `${this.uid}:${name}:${from}`;
    const cached = regionCache.get(key);
    if (cached && cached.byteLength === to - from) return cached;
    const bytes = new Uint8Array(to - from);
    this.readAt(bytes, storage.dataStart + offset + from);
    regionCache.set(key, bytes);
    return bytes;
  }

  private readAt(bytes: Uint8Array, position: number): void {
    if (this.closed) throw new Error('The search index segment was closed.');
    const storage = this.storage as { fd: number };
    let done = 0;
    while (done < bytes.byteLength) {
      const read = readSync(storage.fd, bytes, done, bytes.byteLength - done, position + done);
      if (read === 0) throw new CorruptSegmentError('truncated');
      done += read;
    }
  }

  private page(name: StoredName, page: number): { page: number; bytes: Uint8Array; u32: Uint32Array | null } {
    const last = this.lastPage.get(name);
    if (last && last.page === page) return last;
    const [, length] = this.header.sections[name];
    const size = name === 'stops' || name === 'idBytes' || name === 'facts' ? length : length * 4;
    const from = page * PAGE;
    const bytes = this.region(name, from, Math.min(size, from + PAGE));
    const entry = { page, bytes, u32: null };
    this.lastPage.set(name, entry);
    return entry;
  }

  /** One value of a stored u32 column. */
  u32(name: StoredName, index: number): number {
    const page = this.page(name, Math.floor((index * 4) / PAGE));
    const u32 = (page.u32 ??= new Uint32Array(page.bytes.buffer, page.bytes.byteOffset, page.bytes.byteLength >> 2));
    const value = u32[index - (page.page * PAGE) / 4];
    if (value === undefined) throw new CorruptSegmentError(`${name} is out of bounds`);
    return value;
  }

  /** Bytes [from, to) of a stored byte section, through its pages. */
  private bytesOf(name: 'stops' | 'idBytes' | 'facts', from: number, to: number): Uint8Array {
    const first = Math.floor(from / PAGE);
    if (Math.floor(Math.max(from, to - 1) / PAGE) === first) {
      const page = this.page(name, first);
      return page.bytes.subarray(from - first * PAGE, to - first * PAGE);
    }
    return this.region(name, from, to).slice();
  }

  // ---- Entries ------------------------------------------------------------------------------------

  documentId(ordinal: number): string {
    return this.docs[this.r.docIdx[ordinal]!]!;
  }

  annotationId(ordinal: number): string {
    return decoder.decode(this.bytesOf('idBytes', this.u32('idOffsets', ordinal), this.u32('idOffsets', ordinal + 1)));
  }

  entryId(ordinal: number): string {
    return this.kind === 'annotation'
      ? annotationEntryId(this.annotationId(ordinal))
      : passageEntryId(this.documentId(ordinal), this.fact(ordinal, FACT.block));
  }

  /** The index of a document in this segment, or -1. */
  documentIndex(documentId: string): number {
    this.docIndex ??= new Map(this.docs.map((id, i) => [id, i]));
    return this.docIndex.get(documentId) ?? -1;
  }

  /** The ordinal of an entry id (deleted or not), or -1. */
  ordinalOf(entryId: string): number {
    if (this.kind === 'passage') {
      const match = /^p:(.*):(\d+)$/.exec(entryId);
      if (!match) return -1;
      const d = this.documentIndex(match[1]!);
      if (d < 0) return -1;
      const block = Number(match[2]);
      for (let o = this.r.docFirst[d]!; o < this.r.docFirst[d + 1]!; o++) if (this.fact(o, FACT.block) === block) return o;
      return -1;
    }
    if (!entryId.startsWith('a:')) return -1;
    const id = entryId.slice(2);
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.annotationId(this.u32('idOrder', mid)) < id) lo = mid + 1;
      else hi = mid;
    }
    if (lo < this.n) {
      const o = this.u32('idOrder', lo);
      if (this.annotationId(o) === id) return o;
    }
    return -1;
  }

  /** An entry's facts as an object (for results and merges; queries read the columns). */
  meta(ordinal: number): EntryMeta {
    const { r } = this;
    const common = { documentId: this.documentId(ordinal), start: this.fact(ordinal, FACT.start), end: this.fact(ordinal, FACT.end) };
    if (this.kind === 'passage') {
      const page = this.fact(ordinal, FACT.page);
      return { ...common, block: this.fact(ordinal, FACT.block), page: page === 0 ? null : page - 1 };
    }
    const principles: string[] = [];
    const actors: [string, (typeof STANCES)[number]][] = [];
    const tags: string[] = [];
    let coder: string | null = null;
    for (let i = r.codeStart[ordinal]!; i < r.codeStart[ordinal + 1]!; i++) {
      const [field, value] = this.codes[r.codeIds[i]!]!.split('\u0000') as [string, string];
      if (field === 'principle') principles.push(value);
      else if (field === 'actor') actors.push([value, STANCES[r.codeStance[i]! - 1] ?? 'mentions']);
      else if (field === 'coder') coder = value;
      else tags.push(value);
    }
    return {
      ...common,
      annotationId: this.annotationId(ordinal),
      color: HIGHLIGHT_COLORS[r.color[ordinal]!] ?? 'yellow',
      principles,
      actors,
      tags,
      coder,
      modified: new Date(r.modified[ordinal]!).toISOString(),
    };
  }

  /** Where a passage's text is in its document's text.json (passage-text.ts). */
  passageSource(ordinal: number): { size: number; rawStart: number; rawEnd: number } {
    const size = this.header.textFileSizes?.[this.r.docIdx[ordinal]!];
    return { size: typeof size === 'number' ? size : -1, rawStart: this.fact(ordinal, FACT.rawStart), rawEnd: this.fact(ordinal, FACT.rawEnd) };
  }

  /**
   * The stop-word map of an entry's field (stop-map.ts), in place: the bytes holding it, from stopsFrom to
   * stopsTo (phrases read tens of thousands: no view per entry). Phrases with stop words ask for the maps
   * of every entry holding their words, and the same frequent words come back query after query: each
   * group's map offsets, once decoded, are kept (4 bytes per entry and field).
   */
  stopsSpan(ordinal: number, field: number): Uint8Array {
    const F = this.fieldCount;
    const group = Math.floor(ordinal / FACT_GROUP);
    this.stopStarts ??= { starts: new Uint32Array(this.n * F + 1), decoded: new Uint8Array(Math.ceil(this.n / FACT_GROUP)) };
    const { starts, decoded } = this.stopStarts;
    if (!decoded[group]) {
      const last = Math.min(this.n, (group + 1) * FACT_GROUP) - 1;
      for (let o = group * FACT_GROUP; o <= last; o++) for (let f = 0; f <= F; f++) starts[o * F + f] = this.fact(o, this.stopsAt + f);
      decoded[group] = 1;
    }
    const k = ordinal * F + field;
    const from = starts[k]!;
    const to = starts[k + 1]!;
    const first = Math.floor(from / PAGE);
    if (to > from && Math.floor((to - 1) / PAGE) === first) {
      this.stopsFrom = from - first * PAGE;
      this.stopsTo = to - first * PAGE;
      return this.page('stops', first).bytes;
    }
    const bytes = this.bytesOf('stops', from, to);
    this.stopsFrom = 0;
    this.stopsTo = bytes.length;
    return bytes;
  }

  /** One of an entry's facts (entry-facts.ts: FACT), from its decoded group. */
  fact(ordinal: number, slot: number): number {
    const group = Math.floor(ordinal / FACT_GROUP);
    if (group !== this.factGroup) {
      const from = this.u32('factStart', group);
      const to = this.u32('factStart', group + 1);
      const count = Math.min(FACT_GROUP, this.n - group * FACT_GROUP);
      decodeFactGroup(this.kind, this.fieldCount, this.bytesOf('facts', from, to), count, this.factValues);
      this.factGroup = group;
    }
    const value = this.factValues[(ordinal - group * FACT_GROUP) * this.factSlots + slot];
    if (value === undefined) throw new CorruptSegmentError('an entry is out of range');
    return value;
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
    for (; lo < this.words.length && this.words.get(lo).startsWith(prefix); lo++) found.add(this.r.wordTerm[lo]!);
    return [...found];
  }

  /** Terms of the indexed words within `distance` edits of `word` (fuzzy.ts). */
  fuzzyTerms(word: string, distance: number): number[] {
    const found = new Set<number>();
    for (const i of fuzzyWords(this.words, word, distance)) found.add(this.r.wordTerm[i]!);
    return [...found];
  }

  /** A term's postings and positions regions. */
  postings(term: number): Uint8Array {
    return this.region('postings', this.r.termPost[term]!, this.r.termPost[term + 1]!);
  }

  positions(term: number): Uint8Array {
    return this.region('positions', this.r.termPos[term]!, this.r.termPos[term + 1]!);
  }

  // ---- Documents and filters ----------------------------------------------------------------------

  /** Ordinals of a document's entries (deleted ones included): one range, as entries are grouped. */
  ordinalsOfDocument(documentId: string): readonly number[] {
    const d = this.documentIndex(documentId);
    if (d < 0) return [];
    const out: number[] = [];
    for (let o = this.r.docFirst[d]!; o < this.r.docFirst[d + 1]!; o++) out.push(o);
    return out;
  }

  /**
   * Entries with a value, e.g. metaKey('principle', 'cyber-hygiene'), ascending: in-memory posting lists
   * built once per segment on first use, so a query made only of filters never touches the text index.
   */
  withValue(key: string): readonly number[] {
    if (key.startsWith('doc\u0000')) return this.ordinalsOfDocument(key.slice(4));
    this.metaPostings ??= valuePostings(this);
    return this.metaPostings.get(key) ?? [];
  }

  /** Per document: live entries, and for annotations live entries per code and per stance. */
  aggregates(): DocumentAggregates {
    this.docAggregates ??= new DocumentAggregates(this);
    return this.docAggregates;
  }
}

export { foldCode } from './document-aggregates';
export { metaKey } from './value-postings';
