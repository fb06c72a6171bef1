// Builds a segment from entries: every field analysed with the lunr pipeline (analyzer.ts), occurrences
// collected in flat typed arrays and grouped by term with a counting sort, so building costs a few
// passes over the tokens and no object per posting (lunr.Builder's objects are what made a plain lunr
// index take 39 s and gigabytes for 100,000 annotations).
import { analyze, stopId } from './analyzer';
import { FIELDS, type EntryInput, type EntryKind } from './entries';
import { HIGHLIGHT_COLORS, STANCES } from '../../../shared/model';
import { PackedStrings } from './packed-strings';
import { encodeSegment, metaKey, type Sections } from './segment';

class Growable {
  data: Uint32Array<ArrayBuffer>;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Uint32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  view(): Uint32Array<ArrayBuffer> {
    return this.data.subarray(0, this.length);
  }
}

const encoder = new TextEncoder();

export function buildSegment(kind: EntryKind, entries: readonly EntryInput[]): Uint8Array {
  const F = FIELDS[kind].length;
  const n = entries.length;
  const termIds = new Map<string, number>();
  const termList: string[] = [];
  const wordTerms = new Map<string, number>();
  // One occurrence per indexed token, in entry, field, position order.
  const occTerm = new Growable(1 << 16);
  const occKey = new Growable(1 << 16); // ordinal * F + field
  const occPos = new Growable(1 << 16);
  const fieldLen = new Uint32Array(n * F);
  const fieldLenSum = new Array<number>(F).fill(0);
  const textChunks: Uint8Array[] = [];
  const textStart = new Uint32Array(n * F + 1);
  const ordStart = new Uint32Array(n * F + 1);
  const ordStops: number[] = [];
  let textLength = 0;

  entries.forEach((entry, ordinal) => {
    if (entry.kind !== kind || entry.fields.length !== F) throw new Error(`entry ${entry.id} does not fit a ${kind} segment`);
    for (let f = 0; f < F; f++) {
      const text = entry.fields[f]!;
      const bytes = encoder.encode(text);
      textChunks.push(bytes);
      textStart[ordinal * F + f] = textLength;
      textLength += bytes.byteLength;
      let length = 0;
      ordStart[ordinal * F + f] = ordStops.length;
      for (const token of analyze(text)) {
        ordStops.push(token.term === null ? stopId(token.word) : 0);
        if (token.term === null) continue;
        let id = termIds.get(token.term);
        if (id === undefined) {
          id = termList.length;
          termIds.set(token.term, id);
          termList.push(token.term);
        }
        if (!wordTerms.has(token.word)) wordTerms.set(token.word, id);
        occTerm.push(id);
        occKey.push(ordinal * F + f);
        occPos.push(token.ordinal);
        length++;
      }
      fieldLen[ordinal * F + f] = length;
      fieldLenSum[f]! += length;
    }
  });
  textStart[n * F] = textLength;
  ordStart[n * F] = ordStops.length;

  // Terms sorted, for binary search; `rank` maps a first-seen id to its sorted index.
  const T = termList.length;
  const order = termList.map((_, i) => i).sort((a, b) => (termList[a]! < termList[b]! ? -1 : 1));
  const rank = new Uint32Array(T);
  order.forEach((id, sorted) => (rank[id] = sorted));
  const terms = order.map((id) => termList[id]!);

  // Counting sort of occurrences by term (stable: entry, field, position order is kept within a term).
  const O = occTerm.length;
  const counts = new Uint32Array(T + 1);
  const ot = occTerm.view();
  for (let i = 0; i < O; i++) counts[rank[ot[i]!]! + 1]!++;
  for (let t = 0; t < T; t++) counts[t + 1]! += counts[t]!;
  const next = counts.slice(0, T);
  const sorted = new Uint32Array(O);
  for (let i = 0; i < O; i++) sorted[next[rank[ot[i]!]!]!++] = i;

  // Runs of one (entry, field) within a term become postings.
  const ok = occKey.view();
  const op = occPos.view();
  const termStart = new Uint32Array(T + 1);
  const termDf = new Uint32Array(T);
  const pDoc = new Growable(Math.max(16, O >> 1));
  const pField = new Growable(Math.max(16, O >> 1));
  const pTf = new Growable(Math.max(16, O >> 1));
  const pPos = new Growable(Math.max(16, O >> 1));
  const positions = new Uint32Array(O);
  for (let t = 0; t < T; t++) {
    termStart[t] = pDoc.length;
    let lastDoc = -1;
    for (let i = counts[t]!; i < counts[t + 1]!; ) {
      const key = ok[sorted[i]!]!;
      pDoc.push(Math.floor(key / F));
      pField.push(key % F);
      pPos.push(i);
      if (Math.floor(key / F) !== lastDoc) {
        termDf[t]!++;
        lastDoc = Math.floor(key / F);
      }
      let tf = 0;
      while (i < counts[t + 1]! && ok[sorted[i]!] === key) {
        positions[i] = op[sorted[i]!]!;
        i++;
        tf++;
      }
      pTf.push(tf);
    }
  }
  termStart[T] = pDoc.length;
  pPos.push(O);

  const words = [...wordTerms.keys()].sort();
  const wordTerm = new Uint32Array(words.map((w) => rank[wordTerms.get(w)!]!));
  const textBytes = new Uint8Array(textLength);
  let at = 0;
  for (const chunk of textChunks) {
    textBytes.set(chunk, at);
    at += chunk.byteLength;
  }
  const columns = metaColumns(kind, entries);
  const packedTerms = PackedStrings.pack(terms);
  const packedWords = PackedStrings.pack(words);
  const packedIds = PackedStrings.pack(columns.annotationIds);
  const sections: Sections = {
    termOffsets: packedTerms.offsets,
    termBytes: packedTerms.bytes,
    wordOffsets: packedWords.offsets,
    wordBytes: packedWords.bytes,
    idOffsets: packedIds.offsets,
    idBytes: packedIds.bytes,
    termStart,
    termDf,
    pDoc: pDoc.view(),
    pField: new Uint8Array(pField.view()),
    pTf: new Uint16Array(pTf.view().map((tf) => Math.min(tf, 0xffff))),
    fieldLen,
    wordTerm,
    textStart,
    ...columns.sections,
    pPos: pPos.view(),
    positions,
    ordStart,
    ordStops: new Uint8Array(ordStops),
    textBytes,
  };
  return encodeSegment(
    { kind, n, docs: columns.docs, codes: columns.codes, fieldLenSum },
    sections,
  );
}

/** The entries' facts as columns, with tables of document ids and annotation codes. */
function metaColumns(kind: EntryKind, entries: readonly EntryInput[]) {
  const n = entries.length;
  const docs: string[] = [];
  const docIndex = new Map<string, number>();
  const codes: string[] = [];
  const codeIndex = new Map<string, number>();
  const intern = (map: Map<string, number>, list: string[], value: string) => {
    let i = map.get(value);
    if (i === undefined) {
      i = list.length;
      map.set(value, i);
      list.push(value);
    }
    return i;
  };
  const docIdx = new Uint32Array(n);
  const start = new Uint32Array(n);
  const end = new Uint32Array(n);
  const block = new Uint32Array(n);
  const page = new Uint32Array(n);
  const annotation = kind === 'annotation';
  const color = new Uint8Array(annotation ? n : 0);
  const modified = new Float64Array(annotation ? n : 0);
  const codeStart = new Uint32Array(annotation ? n + 1 : 0);
  const codeIds: number[] = [];
  const codeStance: number[] = [];
  const annotationIds: string[] = [];
  entries.forEach((entry, o) => {
    docIdx[o] = intern(docIndex, docs, entry.meta.documentId);
    start[o] = entry.meta.start;
    end[o] = entry.meta.end;
    if (entry.kind === 'passage') {
      block[o] = entry.meta.block;
      page[o] = entry.meta.page === null ? 0 : entry.meta.page + 1;
      return;
    }
    const meta = entry.meta;
    annotationIds.push(meta.annotationId);
    color[o] = Math.max(0, HIGHLIGHT_COLORS.indexOf(meta.color));
    modified[o] = Date.parse(meta.modified) || 0;
    codeStart[o] = codeIds.length;
    const code = (value: string, stance = 0) => {
      codeIds.push(intern(codeIndex, codes, value));
      codeStance.push(stance);
    };
    for (const p of meta.principles) code(metaKey('principle', p));
    for (const [actor, stance] of meta.actors) code(metaKey('actor', actor), STANCES.indexOf(stance) + 1);
    for (const t of meta.tags) code(metaKey('tag', t));
  });
  if (annotation) codeStart[n] = codeIds.length;
  return {
    docs,
    codes,
    annotationIds,
    sections: {
      docIdx,
      start,
      end,
      block,
      page,
      color,
      modified,
      codeStart,
      codeIds: new Uint32Array(codeIds),
      codeStance: new Uint8Array(codeStance),
    },
  };
}
