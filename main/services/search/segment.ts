// One index segment: an immutable lunr-style inverted index over a set of entries, held as typed arrays
// in one byte buffer that is also its file, so loading a segment is reading a file and making views on it
// (nothing to parse but a small JSON header). Entries deleted after the segment was built are masked.
//
// Layout: "APSG", format version (u32), header length (u32), header JSON, then 4-byte-aligned sections:
//   termStart  u32[T+1]  postings of term t are [termStart[t], termStart[t+1])
//   termDf     u32[T]    documents containing term t (in any field)
//   pDoc       u32[P]    entry ordinal of each posting; postings of a term are sorted by (entry, field)
//   pField     u8[P]     field of each posting
//   pTf        u32[P]    term frequency
//   pPos       u32[P+1]  positions of posting p are positions[pPos[p] .. pPos[p+1])
//   positions  u32[]     word ordinals (stop words counted) where the term occurs
//   fieldLen   u32[n*F]  indexed terms per entry field (BM25's field length)
//   wordTerm   u32[W]    term of each indexed word (words are folded surface forms, sorted)
//   textStart  u32[n*F+1], textBytes u8[]  the fields' texts, UTF-8, for snippets and phrase checks
import lunr from 'lunr';
import { FIELDS, type EntryKind, type EntryMeta } from './entries';

export const SEGMENT_FORMAT_VERSION = 1;
const MAGIC = 0x47535041; // "APSG" little-endian

export interface SegmentHeader {
  kind: EntryKind;
  n: number;
  ids: string[];
  meta: EntryMeta[];
  terms: string[];
  words: string[];
  /** Sum of field lengths per field, for the average BM25 needs. */
  fieldLenSum: number[];
  sections: Record<SectionName, [offset: number, length: number]>;
}

export const SECTION_TYPES = {
  termStart: Uint32Array,
  termDf: Uint32Array,
  pDoc: Uint32Array,
  pField: Uint8Array,
  pTf: Uint32Array,
  pPos: Uint32Array,
  positions: Uint32Array,
  fieldLen: Uint32Array,
  wordTerm: Uint32Array,
  textStart: Uint32Array,
  textBytes: Uint8Array,
} as const;
export type SectionName = keyof typeof SECTION_TYPES;
export type Sections = { [K in SectionName]: K extends 'pField' | 'textBytes' ? Uint8Array : Uint32Array };

export class CorruptSegmentError extends Error {}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

export function encodeSegment(header: Omit<SegmentHeader, 'sections'>, sections: Sections): Uint8Array {
  const names = Object.keys(SECTION_TYPES) as SectionName[];
  const placed = {} as SegmentHeader['sections'];
  let offset = 0;
  for (const name of names) {
    placed[name] = [offset, sections[name].length];
    offset += align(sections[name].byteLength);
  }
  const json = encoder.encode(JSON.stringify({ ...header, sections: placed }));
  const start = align(12 + json.byteLength);
  const bytes = new Uint8Array(start + offset);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, SEGMENT_FORMAT_VERSION, true);
  view.setUint32(8, json.byteLength, true);
  bytes.set(json, 12);
  for (const name of names) {
    const section = sections[name];
    bytes.set(new Uint8Array(section.buffer, section.byteOffset, section.byteLength), start + placed[name][0]);
  }
  return bytes;
}

function align(n: number): number {
  return (n + 3) & ~3;
}

export class Segment {
  readonly kind: EntryKind;
  readonly n: number;
  readonly fieldCount: number;
  readonly ids: string[];
  readonly meta: EntryMeta[];
  readonly terms: string[];
  readonly words: string[];
  readonly fieldLenSum: number[];
  readonly s: Sections;
  /** Entries deleted since the segment was built (1 = deleted). */
  readonly deleted: Uint8Array;
  deletedCount = 0;
  private tokenSet: lunr.TokenSet | null = null;
  private metaPostings: Map<string, number[]> | null = null;

  constructor(readonly bytes: Uint8Array) {
    if (bytes.byteLength < 12 || bytes.byteOffset % 4 !== 0) throw new CorruptSegmentError('too short or misaligned');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0, true) !== MAGIC) throw new CorruptSegmentError('not a segment');
    if (view.getUint32(4, true) !== SEGMENT_FORMAT_VERSION) throw new CorruptSegmentError('another format version');
    const jsonLength = view.getUint32(8, true);
    if (12 + jsonLength > bytes.byteLength) throw new CorruptSegmentError('truncated header');
    let header: SegmentHeader;
    try {
      header = JSON.parse(decoder.decode(bytes.subarray(12, 12 + jsonLength))) as SegmentHeader;
    } catch {
      throw new CorruptSegmentError('unreadable header');
    }
    const start = align(12 + jsonLength);
    const sections = {} as Record<SectionName, ArrayBufferView>;
    for (const name of Object.keys(SECTION_TYPES) as SectionName[]) {
      const Type = SECTION_TYPES[name];
      const [offset, length] = header.sections?.[name] ?? [-1, -1];
      const byteOffset = bytes.byteOffset + start + offset;
      if (!(offset >= 0 && length >= 0 && start + offset + length * Type.BYTES_PER_ELEMENT <= bytes.byteLength)) {
        throw new CorruptSegmentError(`section ${name} out of bounds`);
      }
      sections[name] = new Type(bytes.buffer as ArrayBuffer, byteOffset, length);
    }
    this.kind = header.kind;
    this.n = header.n;
    this.fieldCount = FIELDS[header.kind]?.length ?? 0;
    this.ids = header.ids;
    this.meta = header.meta;
    this.terms = header.terms;
    this.words = header.words;
    this.fieldLenSum = header.fieldLenSum;
    this.s = sections as Sections;
    if (
      !this.fieldCount ||
      this.ids.length !== this.n ||
      this.meta.length !== this.n ||
      this.s.termStart.length !== this.terms.length + 1 ||
      this.s.wordTerm.length !== this.words.length ||
      this.s.fieldLen.length !== this.n * this.fieldCount ||
      this.s.textStart.length !== this.n * this.fieldCount + 1 ||
      this.s.pPos.length !== this.s.pDoc.length + 1
    ) {
      throw new CorruptSegmentError('inconsistent sizes');
    }
    this.deleted = new Uint8Array(this.n);
  }

  get live(): number {
    return this.n - this.deletedCount;
  }

  markDeleted(ordinal: number): void {
    if (this.deleted[ordinal]) return;
    this.deleted[ordinal] = 1;
    this.deletedCount++;
  }

  /** The index of a term, or -1. */
  findTerm(term: string): number {
    return binarySearch(this.terms, term);
  }

  /** Terms of the indexed words starting with `prefix` (folded), each once. */
  prefixTerms(prefix: string): number[] {
    let lo = lowerBound(this.words, prefix);
    const found = new Set<number>();
    for (; lo < this.words.length && this.words[lo]!.startsWith(prefix); lo++) found.add(this.s.wordTerm[lo]!);
    return [...found];
  }

  /** Terms of the indexed words within `distance` edits of `word`, through lunr's TokenSet automaton. */
  fuzzyTerms(word: string, distance: number): number[] {
    // lunr's TokenSet statics are missing from @types/lunr.
    const TokenSet = lunr.TokenSet as unknown as TokenSetStatics;
    const tokenSet = (this.tokenSet ??= TokenSet.fromArray(this.words));
    const found = new Set<number>();
    for (const w of tokenSet.intersect(TokenSet.fromFuzzyString(word, distance)).toArray()) {
      const i = binarySearch(this.words, w);
      if (i !== -1) found.add(this.s.wordTerm[i]!);
    }
    return [...found];
  }

  /** The text of one field of an entry. */
  text(ordinal: number, field: number): string {
    const k = ordinal * this.fieldCount + field;
    return decoder.decode(this.s.textBytes.subarray(this.s.textStart[k]!, this.s.textStart[k + 1]!));
  }

  /** The posting of a term for one entry and field, or -1 (postings of a term are sorted by entry, field). */
  findPosting(term: number, ordinal: number, field: number): number {
    let lo = this.s.termStart[term]!;
    let hi = this.s.termStart[term + 1]!;
    const { pDoc, pField } = this.s;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const d = pDoc[mid]!;
      if (d < ordinal || (d === ordinal && pField[mid]! < field)) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.s.termStart[term + 1]! && pDoc[lo] === ordinal && pField[lo] === field ? lo : -1;
  }

  /**
   * Entries with a filter value, e.g. "principle\u0000cyber-hygiene": an in-memory posting list built once
   * per segment on first use, so a query made only of filters never touches the text index.
   */
  withValue(key: string): readonly number[] {
    this.metaPostings ??= buildMetaPostings(this);
    return this.metaPostings.get(key) ?? [];
  }
}

interface TokenSetStatics {
  fromArray(words: string[]): lunr.TokenSet;
  fromFuzzyString(word: string, distance: number): lunr.TokenSet;
}

export const metaKey = (field: string, value: string) => `${field}\u0000${value}`;

function buildMetaPostings(segment: Segment): Map<string, number[]> {
  const map = new Map<string, number[]>();
  const add = (key: string, ordinal: number) => {
    const list = map.get(key);
    if (list) {
      if (list[list.length - 1] !== ordinal) list.push(ordinal);
    } else map.set(key, [ordinal]);
  };
  segment.meta.forEach((meta, ordinal) => {
    add(metaKey('doc', meta.documentId), ordinal);
    if (!('annotationId' in meta)) return;
    for (const p of meta.principles) add(metaKey('principle', p), ordinal);
    for (const [actor, stance] of meta.actors) {
      add(metaKey('actor', actor), ordinal);
      add(metaKey('stance', stance), ordinal);
    }
    for (const t of meta.tags) add(metaKey('tag', t.toLowerCase()), ordinal);
    add(metaKey('color', meta.color), ordinal);
  });
  return map;
}

export function binarySearch(sorted: readonly string[], value: string): number {
  const i = lowerBound(sorted, value);
  return i < sorted.length && sorted[i] === value ? i : -1;
}

export function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
