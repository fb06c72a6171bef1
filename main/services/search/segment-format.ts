// The byte layout of an index segment: a JSON header, then typed-array sections, 8-byte aligned. The
// resident sections (what every query needs: the term dictionary and the entries' facts that filters,
// facets and scoring read) are read when the segment is opened; the others (postings, positions, stop
// words, texts, the facts only hits need) stay in the file and are read a region at a time when a query
// needs them (segment.ts, region-cache.ts). Segment (segment.ts) reads it; segment-build.ts writes it.
//
// Layout: "APSG", format version (u32), header length (u32), header JSON, then the sections.
// Resident:
//   termOffsets/termBytes, wordOffsets/wordBytes   sorted terms and sorted indexed words (folded surface
//                       forms) as UTF-8 (packed-strings.ts); wordTerm u32[W]: the term of each word
//   termDf    u32[T]    entries containing term t (its number of postings)
//   termPost  u32[T+1]  the term's region in `postings` (byte offsets); termPos u32[T+1] the same in `positions`
//   docFirst  u32[D+1]  entries are grouped by document: those of document i are [docFirst[i], docFirst[i+1])
//   docIdx    u32[n]    the entry's document (index into header.docs)
//   norms     u16[n*F]  indexed terms per entry field (BM25's field length, counted up to 65,535)
//   color u8[n], modified f64[n], codeStart u32[n+1], codeIds u32[], codeStance u8[]   annotations only:
//                       codes are "principle\0id", "actor\0id", "tag\0tag" (header.codes)
// Read on demand:
//   postings, positions  per term, see postings-format.ts
//   stops u8[]          for each entry field: the number of its words, a bitmap of which are stop words,
//                       and the stop word number of each (phrases check them)
//   idOffsets/idBytes, idOrder u32[n]   annotation ids by ordinal, and the ordinals sorted by id
//   factStart u32[], facts u8[]   per entry, compactly (entry-facts.ts): its range in its document's text,
//                       passages' block, page + 1 (0: none) and bytes in text.json, and where each of
//                       its fields' stop-word map is in `stops`
// No texts: hits and merges read them from the library (passage-text.ts, results.ts, search-service.ts).

import { crc32 } from 'node:zlib';
import type { EntryKind } from './entries';

export const SEGMENT_FORMAT_VERSION = 7;
const MAGIC = 0x47535041; // "APSG" little-endian

export const RESIDENT_SECTIONS = {
  termOffsets: Uint32Array,
  termBytes: Uint8Array,
  wordOffsets: Uint32Array,
  wordBytes: Uint8Array,
  wordTerm: Uint32Array,
  termDf: Uint32Array,
  termPost: Uint32Array,
  termPos: Uint32Array,
  docFirst: Uint32Array,
  docIdx: Uint32Array,
  norms: Uint16Array,
  color: Uint8Array,
  modified: Float64Array,
  codeStart: Uint32Array,
  codeIds: Uint32Array,
  codeStance: Uint8Array,
} as const;
export const STORED_SECTIONS = {
  postings: Uint8Array,
  positions: Uint8Array,
  stops: Uint8Array,
  idOffsets: Uint32Array,
  idBytes: Uint8Array,
  idOrder: Uint32Array,
  factStart: Uint32Array,
  facts: Uint8Array,
} as const;
export const ALL_SECTIONS = { ...RESIDENT_SECTIONS, ...STORED_SECTIONS };
export type SectionName = keyof typeof ALL_SECTIONS;
export type StoredName = keyof typeof STORED_SECTIONS;
type ArrayOf<C> = C extends Uint8ArrayConstructor
  ? Uint8Array<ArrayBuffer>
  : C extends Uint16ArrayConstructor
    ? Uint16Array<ArrayBuffer>
    : C extends Float64ArrayConstructor
      ? Float64Array<ArrayBuffer>
      : Uint32Array<ArrayBuffer>;
export type ResidentSections = { [K in keyof typeof RESIDENT_SECTIONS]: ArrayOf<(typeof RESIDENT_SECTIONS)[K]> };
export type StoredSections = { [K in StoredName]: ArrayOf<(typeof STORED_SECTIONS)[K]> };
export type Sections = ResidentSections & StoredSections;

export interface SegmentHeader {
  kind: EntryKind;
  n: number;
  /** Document ids, indexed by the docIdx column. */
  docs: string[];
  /** Passages: the size of each document's text.json when it was read (rawStart/rawEnd refer to it). */
  textFileSizes: number[];
  /** Annotation codes, indexed by codeIds: "principle\0id", "actor\0id", "tag\0tag". */
  codes: string[];
  fieldLenSum: number[];
  /** [offset, length in elements] of each section, from the start of the sections. */
  sections: Record<SectionName, [number, number]>;
  /** Where the stored (read on demand) sections start, from the start of the sections. */
  storedFrom: number;
  /** CRC-32 of the resident sections, checked when they are read. */
  residentCrc: number;
  /** Length of everything after the header, so a truncated file is refused at once. */
  dataLength: number;
}

export class CorruptSegmentError extends Error {}

const decoder = new TextDecoder();
const encoder = new TextEncoder();
export const align8 = (n: number) => (n + 7) & ~7;

export function encodeSegment(
  header: Omit<SegmentHeader, 'sections' | 'storedFrom' | 'residentCrc' | 'dataLength'>,
  sections: Sections,
): Uint8Array<ArrayBuffer> {
  const placed = {} as SegmentHeader['sections'];
  let offset = 0;
  let storedFrom = 0;
  for (const name of Object.keys(ALL_SECTIONS) as SectionName[]) {
    if (name === 'postings') storedFrom = offset;
    placed[name] = [offset, sections[name].length];
    offset += align8(sections[name].byteLength);
  }
  const data = new Uint8Array(offset);
  for (const name of Object.keys(ALL_SECTIONS) as SectionName[]) {
    const s = sections[name];
    data.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), placed[name][0]);
  }
  const residentCrc = crc32(data.subarray(0, storedFrom));
  const json = encoder.encode(JSON.stringify({ ...header, sections: placed, storedFrom, residentCrc, dataLength: offset }));
  const start = align8(12 + json.byteLength);
  const bytes = new Uint8Array(start + offset);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, SEGMENT_FORMAT_VERSION, true);
  view.setUint32(8, json.byteLength, true);
  bytes.set(json, 12);
  bytes.set(data, start);
  return bytes;
}

export function readHeader(prefix: Uint8Array): { header: SegmentHeader; dataStart: number } | { needed: number } {
  if (prefix.byteLength < 12) throw new CorruptSegmentError('too short');
  const view = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new CorruptSegmentError('not a segment');
  if (view.getUint32(4, true) !== SEGMENT_FORMAT_VERSION) throw new CorruptSegmentError('another format version');
  const jsonLength = view.getUint32(8, true);
  if (prefix.byteLength < 12 + jsonLength) return { needed: 12 + jsonLength };
  let header: SegmentHeader;
  try {
    header = JSON.parse(decoder.decode(prefix.subarray(12, 12 + jsonLength))) as SegmentHeader;
  } catch {
    throw new CorruptSegmentError('unreadable header');
  }
  if (!header || typeof header !== 'object' || !header.sections || !(header.storedFrom >= 0) || !(header.dataLength >= header.storedFrom)) {
    throw new CorruptSegmentError('unreadable header');
  }
  return { header, dataStart: align8(12 + jsonLength) };
}

/** Checks the resident part against its checksum. */
export function checkResident(header: SegmentHeader, resident: Uint8Array): void {
  if (crc32(resident) !== header.residentCrc) throw new CorruptSegmentError('damaged (checksum)');
}

/** Typed-array views of sections inside `data`, which starts at section offset `base`. */
export function views<T extends Record<string, { BYTES_PER_ELEMENT: number }>>(
  types: T,
  header: SegmentHeader,
  data: Uint8Array,
  base: number,
): Record<keyof T, ArrayBufferView> {
  const out = {} as Record<keyof T, ArrayBufferView>;
  for (const name of Object.keys(types) as (keyof T & SectionName)[]) {
    const Type = ALL_SECTIONS[name];
    const [offset, length] = header.sections[name] ?? [-1, -1];
    const at = offset - base;
    if (!(at >= 0 && length >= 0 && at + length * Type.BYTES_PER_ELEMENT <= data.byteLength)) {
      throw new CorruptSegmentError(`section ${name} out of bounds`);
    }
    out[name] = new Type(data.buffer as ArrayBuffer, data.byteOffset + at, length);
  }
  return out;
}
