// The facts of each entry that only hits, edits and phrase checks need (its range in the document, its
// block and page, where its text is in text.json, where its stop-word maps are), stored compactly: in
// groups of 16 entries, each value a varint of its difference from the previous entry's (a document's
// passages follow each other), the first of a group from zero. Reading one entry decodes its group,
// which is kept, so neighbouring entries (a document's passages, phrase candidates) cost nothing more.
import { ByteWriter, varintAt as varint, varintEnd } from './postings-codec';
import type { EntryKind } from './entries';

export const FACT_GROUP = 16;

/** Where each fact is in a decoded entry: start and end for both kinds, then per kind. */
export const FACT = { start: 0, end: 1, block: 2, page: 3, rawStart: 4, rawEnd: 5 } as const;

/** Index of the first stop-map offset in a decoded entry (then one per field, then the end). */
export const stopsSlot = (kind: EntryKind) => (kind === 'passage' ? 6 : 2);
export const factSlots = (kind: EntryKind, fields: number) => stopsSlot(kind) + fields + 1;

const zigzag = (v: number) => (v >= 0 ? v * 2 : -v * 2 - 1);
const unzigzag = (v: number) => (v & 1 ? -(v + 1) / 2 : v / 2);

export interface FactColumns {
  start: ArrayLike<number>;
  end: ArrayLike<number>;
  /** Passages only. */
  block: ArrayLike<number>;
  page: ArrayLike<number>;
  rawStart: ArrayLike<number>;
  rawEnd: ArrayLike<number>;
  /** Offsets of each entry field's stop-word map (n * F + 1). */
  stopStart: ArrayLike<number>;
}

export function encodeFacts(kind: EntryKind, n: number, fields: number, c: FactColumns): { facts: Uint8Array<ArrayBuffer>; factStart: Uint32Array<ArrayBuffer> } {
  const out = new ByteWriter(Math.max(1024, n * 8));
  const factStart = new Uint32Array(Math.ceil(n / FACT_GROUP) + 1);
  const passage = kind === 'passage';
  let prevStart = 0;
  let prevEnd = 0;
  let prevBlock = -1;
  let prevPage = 0;
  let prevRawEnd = 0;
  for (let o = 0; o < n; o++) {
    if (o % FACT_GROUP === 0) {
      factStart[o / FACT_GROUP] = out.length;
      out.varint(c.stopStart[o * fields]!);
      prevStart = prevEnd = prevPage = prevRawEnd = 0;
      prevBlock = -1;
    }
    const start = c.start[o]!;
    const end = c.end[o]!;
    if (passage) {
      out.varint(zigzag(start - prevEnd));
      out.varint(end - start);
      out.varint(zigzag(c.block[o]! - prevBlock - 1));
      out.varint(zigzag(c.page[o]! - prevPage));
      out.varint(zigzag(c.rawStart[o]! - prevRawEnd));
      out.varint(c.rawEnd[o]! - c.rawStart[o]!);
      prevBlock = c.block[o]!;
      prevPage = c.page[o]!;
      prevRawEnd = c.rawEnd[o]!;
    } else {
      out.varint(zigzag(start - prevStart));
      out.varint(end - start);
    }
    prevStart = start;
    prevEnd = end;
    for (let f = 0; f < fields; f++) out.varint(c.stopStart[o * fields + f + 1]! - c.stopStart[o * fields + f]!);
  }
  factStart[factStart.length - 1] = out.length;
  return { facts: out.view(), factStart };
}

/** Decodes a group of entries' facts into `out` (slots per entry, factSlots). */
export function decodeFactGroup(kind: EntryKind, fields: number, bytes: Uint8Array, count: number, out: Float64Array): void {
  const slots = factSlots(kind, fields);
  const stops = stopsSlot(kind);
  const passage = kind === 'passage';
  let stop = varint(bytes, 0);
  let at = varintEnd;
  let prevStart = 0;
  let prevEnd = 0;
  let prevBlock = -1;
  let prevPage = 0;
  let prevRawEnd = 0;
  for (let i = 0; i < count; i++) {
    const o = i * slots;
    let start: number;
    if (passage) {
      start = prevEnd + unzigzag(varint(bytes, at));
      const end = start + varint(bytes, varintEnd);
      const block = prevBlock + 1 + unzigzag(varint(bytes, varintEnd));
      const page = prevPage + unzigzag(varint(bytes, varintEnd));
      const rawStart = prevRawEnd + unzigzag(varint(bytes, varintEnd));
      const rawEnd = rawStart + varint(bytes, varintEnd);
      out[o + FACT.end] = end;
      out[o + FACT.block] = block;
      out[o + FACT.page] = page;
      out[o + FACT.rawStart] = rawStart;
      out[o + FACT.rawEnd] = rawEnd;
      prevEnd = end;
      prevBlock = block;
      prevPage = page;
      prevRawEnd = rawEnd;
    } else {
      start = prevStart + unzigzag(varint(bytes, at));
      out[o + FACT.end] = start + varint(bytes, varintEnd);
    }
    out[o + FACT.start] = start;
    prevStart = start;
    at = varintEnd;
    for (let f = 0; f < fields; f++) {
      out[o + stops + f] = stop;
      stop += varint(bytes, at);
      at = varintEnd;
    }
    out[o + stops + fields] = stop;
  }
}
