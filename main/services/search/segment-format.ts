// The byte layout of an index segment: a JSON header, then typed-array sections, core first and the
// lazily read part after. Segment (segment.ts) reads it; segment-build.ts writes it.
//
// Layout: "APSG", format version (u32), header length (u32), header JSON, then 8-byte-aligned sections,
// core first:
//   termOffsets/termBytes, wordOffsets/wordBytes, idOffsets/idBytes   the sorted terms, the sorted indexed
//                       words (folded surface forms) and the annotation ids, as UTF-8 (packed-strings.ts)
//   termStart u32[T+1]  postings of term t are [termStart[t], termStart[t+1]), sorted by (entry, field)
//   termDf    u32[T]    entries containing term t
//   pDoc u32[P], pField u8[P], pTf u16[P]   entry, field and term frequency of each posting
//   fieldLen  u32[n*F]  indexed terms per entry field (BM25's field length)
//   wordTerm  u32[W]    term of each indexed word
//   textStart u32[n*F+1]
//   docIdx, start, end, block, page u32[n]   the entry's document (index into header.docs), range, block,
//                                            page + 1 (0: none)
//   color u8[n], modified f64[n], codeStart u32[n+1], codeIds u32[], codeStance u8[]   annotations only:
//                                            codes are "principle\0id", "actor\0id", "tag\0tag" (header.codes)
// then the lazy part:
//   pPos u32[P+1], positions u32[]  word ordinals (stop words counted) of each posting
//   ordStart u32[n*F+1], ordStops u8[]  for each word of each field its stop-word number (0: not one)
//   textBytes u8[]  the fields' texts, UTF-8

import type { EntryKind } from './entries';

export const SEGMENT_FORMAT_VERSION = 4;
const MAGIC = 0x47535041; // "APSG" little-endian

export const CORE_SECTIONS = {
  termOffsets: Uint32Array,
  termBytes: Uint8Array,
  wordOffsets: Uint32Array,
  wordBytes: Uint8Array,
  idOffsets: Uint32Array,
  idBytes: Uint8Array,
  termStart: Uint32Array,
  termDf: Uint32Array,
  pDoc: Uint32Array,
  pField: Uint8Array,
  pTf: Uint16Array,
  fieldLen: Uint32Array,
  wordTerm: Uint32Array,
  textStart: Uint32Array,
  docIdx: Uint32Array,
  start: Uint32Array,
  end: Uint32Array,
  block: Uint32Array,
  page: Uint32Array,
  color: Uint8Array,
  modified: Float64Array,
  codeStart: Uint32Array,
  codeIds: Uint32Array,
  codeStance: Uint8Array,
} as const;
export const LAZY_SECTIONS = {
  pPos: Uint32Array,
  positions: Uint32Array,
  ordStart: Uint32Array,
  ordStops: Uint8Array,
  textBytes: Uint8Array,
} as const;
export const ALL_SECTIONS = { ...CORE_SECTIONS, ...LAZY_SECTIONS };
export type SectionName = keyof typeof ALL_SECTIONS;
type ArrayOf<C> = C extends Uint8ArrayConstructor
  ? Uint8Array<ArrayBuffer>
  : C extends Uint16ArrayConstructor
    ? Uint16Array<ArrayBuffer>
    : C extends Float64ArrayConstructor
      ? Float64Array<ArrayBuffer>
      : Uint32Array<ArrayBuffer>;
export type CoreSections = { [K in keyof typeof CORE_SECTIONS]: ArrayOf<(typeof CORE_SECTIONS)[K]> };
export type LazySections = { [K in keyof typeof LAZY_SECTIONS]: ArrayOf<(typeof LAZY_SECTIONS)[K]> };
export type Sections = CoreSections & LazySections;

export interface SegmentHeader {
  kind: EntryKind;
  n: number;
  /** Document ids, indexed by the docIdx column. */
  docs: string[];
  /** Annotation codes, indexed by codeIds: "principle\0id", "actor\0id", "tag\0tag". */
  codes: string[];
  fieldLenSum: number[];
  /** [offset, length in elements] of each section, from the start of the sections. */
  sections: Record<SectionName, [number, number]>;
  /** Where the lazy part starts, from the start of the sections. */
  lazyFrom: number;
}

export class CorruptSegmentError extends Error {}

const decoder = new TextDecoder();
const encoder = new TextEncoder();
export const align8 = (n: number) => (n + 7) & ~7;

export function encodeSegment(header: Omit<SegmentHeader, 'sections' | 'lazyFrom'>, sections: Sections): Uint8Array<ArrayBuffer> {
  const placed = {} as SegmentHeader['sections'];
  let offset = 0;
  let lazyFrom = 0;
  for (const name of Object.keys(ALL_SECTIONS) as SectionName[]) {
    if (name === 'pPos') lazyFrom = offset;
    placed[name] = [offset, sections[name].length];
    offset += align8(sections[name].byteLength);
  }
  const json = encoder.encode(JSON.stringify({ ...header, sections: placed, lazyFrom }));
  const start = align8(12 + json.byteLength);
  const bytes = new Uint8Array(start + offset);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, SEGMENT_FORMAT_VERSION, true);
  view.setUint32(8, json.byteLength, true);
  bytes.set(json, 12);
  for (const name of Object.keys(ALL_SECTIONS) as SectionName[]) {
    const s = sections[name];
    bytes.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), start + placed[name][0]);
  }
  return bytes;
}

export function readHeader(prefix: Uint8Array): { header: SegmentHeader; dataStart: number } | { needed: number } {
  if (prefix.byteLength < 12) throw new CorruptSegmentError('too short');
  const view = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new CorruptSegmentError('not a segment');
  if (view.getUint32(4, true) !== SEGMENT_FORMAT_VERSION) throw new CorruptSegmentError('another format version');
  const jsonLength = view.getUint32(8, true);
  if (prefix.byteLength < 12 + jsonLength) return { needed: 12 + jsonLength };
  try {
    const header = JSON.parse(decoder.decode(prefix.subarray(12, 12 + jsonLength))) as SegmentHeader;
    return { header, dataStart: align8(12 + jsonLength) };
  } catch {
    throw new CorruptSegmentError('unreadable header');
  }
}

export function views<T extends Record<string, { BYTES_PER_ELEMENT: number }>>(
  types: T,
  header: SegmentHeader,
  data: Uint8Array,
  base: number,
): Record<keyof T, ArrayBufferView> {
  const out = {} as Record<keyof T, ArrayBufferView>;
  for (const name of Object.keys(types) as (keyof T & SectionName)[]) {
    const Type = ALL_SECTIONS[name];
    const [offset, length] = header.sections?.[name] ?? [-1, -1];
    const at = offset - base;
    if (!(at >= 0 && length >= 0 && at + length * Type.BYTES_PER_ELEMENT <= data.byteLength)) {
      throw new CorruptSegmentError(`section ${name} out of bounds`);
    }
    out[name] = new Type(data.buffer as ArrayBuffer, data.byteOffset + at, length);
  }
  return out;
}

