// Builds a segment from entries: every field analysed with the lunr pipeline (analyzer.ts), occurrences
// collected in flat typed arrays and grouped by term with a counting sort, then each term's postings and
// positions compressed (postings-format.ts). Entries are grouped by document, so a document's entries
// are one range of ordinals.
import { analyze, stopId } from './analyzer';
import { LengthNorms } from './bm25';
import { FIELDS, type EntryInput, type EntryKind } from './entries';
import { encodeFacts } from './entry-facts';
import { HIGHLIGHT_COLORS, STANCES } from '../../../shared/model';
import { PackedStrings } from './packed-strings';
import { ByteWriter } from './postings-codec';
import { writeStops } from './stop-map';
import { writeTermPostings } from './postings-format';
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


export function buildSegment(kind: EntryKind, input: readonly EntryInput[]): Uint8Array<ArrayBuffer> {
  const F = FIELDS[kind].length;
  const entries = groupByDocument(input);
  const n = entries.length;
  const termIds = new Map<string, number>();
  const termList: string[] = [];
  const wordTerms = new Map<string, number>();
  // One occurrence per indexed token, in entry, field, position order.
  const occTerm = new Growable(1 << 16);
  const occKey = new Growable(1 << 16); // ordinal * F + field
  const occPos = new Growable(1 << 16);
  const norms = new Uint16Array(n * F);
  const fieldLenSum = new Array<number>(F).fill(0);
  const stops = new ByteWriter(1 << 16);
  const stopStart = new Uint32Array(n * F + 1);
  const stopIds: number[] = [];

  entries.forEach((entry, ordinal) => {
    if (entry.kind !== kind || entry.fields.length !== F) throw new Error(`entry ${entry.id} does not fit a ${kind} segment`);
    for (let f = 0; f < F; f++) {
      const text = entry.fields[f]!;
      let length = 0;
      stopIds.length = 0;
      for (const token of analyze(text)) {
        stopIds.push(token.term === null ? stopId(token.word) : 0);
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
      stopStart[ordinal * F + f] = stops.length;
      writeStops(stops, stopIds);
      // Lengths count up to 65,535 (a longer field scores as one of that length).
      norms[ordinal * F + f] = Math.min(length, 0xffff);
      fieldLenSum[f]! += Math.min(length, 0xffff);
    }
  });
  stopStart[n * F] = stops.length;

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

  // Each term's occurrences become postings (one per entry, a frequency per field) and positions.
  const ok = occKey.view();
  const op = occPos.view();
  const termDf = new Uint32Array(T);
  const termPost = new Uint32Array(T + 1);
  const termPos = new Uint32Array(T + 1);
  // Block maxima are stored at the segment's own average lengths (bm25.ts).
  const lengths = new LengthNorms(fieldLenSum.map((sum) => sum / n || 1));
  const postings = new ByteWriter(Math.max(1 << 12, O));
  const positions = new ByteWriter(Math.max(1 << 12, O));
  let docs = new Int32Array(1024);
  let freqs = new Int32Array(1024 * F);
  const termPositions = new Growable(1024);
  for (let t = 0; t < T; t++) {
    termPost[t] = postings.length;
    termPos[t] = positions.length;
    let count = 0;
    termPositions.length = 0;
    for (let i = counts[t]!; i < counts[t + 1]!; i++) {
      const key = ok[sorted[i]!]!;
      const d = Math.floor(key / F);
      if (count === 0 || docs[count - 1] !== d) {
        if (count === docs.length) {
          docs = grow(docs, docs.length * 2);
          freqs = grow(freqs, docs.length * F);
        }
        docs[count] = d;
        freqs.fill(0, count * F, count * F + F);
        count++;
      }
      freqs[(count - 1) * F + (key % F)]!++;
      termPositions.push(op[sorted[i]!]!);
    }
    termDf[t] = count;
    writeTermPostings({ docs, freqs, positions: termPositions.view(), count }, F, norms, lengths, postings, positions);
  }
  termPost[T] = postings.length;
  termPos[T] = positions.length;

  const words = [...wordTerms.keys()].sort();
  const wordTerm = new Uint32Array(words.map((w) => rank[wordTerms.get(w)!]!));
  const columns = metaColumns(kind, entries, stopStart);
  const packedTerms = PackedStrings.pack(terms);
  const packedWords = PackedStrings.pack(words);
  const sections: Sections = {
    termOffsets: packedTerms.offsets,
    termBytes: packedTerms.bytes,
    wordOffsets: packedWords.offsets,
    wordBytes: packedWords.bytes,
    wordTerm,
    termDf,
    termPost,
    termPos,
    norms,
    ...columns.resident,
    postings: postings.view(),
    positions: positions.view(),
    stops: stops.view(),
    ...columns.stored,
  };
  return encodeSegment(
    { kind, n, docs: columns.docs, textFileSizes: columns.textFileSizes, codes: columns.codes, fieldLenSum },
    sections,
  );
}

function grow(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(array);
  return next;
}

/** Entries of one document together, documents in the order they first appear (stable within one). */
function groupByDocument(entries: readonly EntryInput[]): EntryInput[] {
  const groups = new Map<string, EntryInput[]>();
  for (const entry of entries) {
    const list = groups.get(entry.meta.documentId);
    if (list) list.push(entry);
    else groups.set(entry.meta.documentId, [entry]);
  }
  return [...groups.values()].flat();
}

/** The entries' facts as columns, with tables of document ids and annotation codes. */
function metaColumns(kind: EntryKind, entries: readonly EntryInput[], stopStart: Uint32Array) {
  const n = entries.length;
  const docs: string[] = [];
  const textFileSizes: number[] = [];
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
  const annotation = kind === 'annotation';
  const passage = !annotation;
  const docIdx = new Uint32Array(n);
  const start = new Uint32Array(n);
  const end = new Uint32Array(n);
  const block = new Uint32Array(passage ? n : 0);
  const page = new Uint32Array(passage ? n : 0);
  const rawStart = new Uint32Array(passage ? n : 0);
  const rawEnd = new Uint32Array(passage ? n : 0);
  const color = new Uint8Array(annotation ? n : 0);
  const modified = new Float64Array(annotation ? n : 0);
  const codeStart = new Uint32Array(annotation ? n + 1 : 0);
  const codeIds: number[] = [];
  const codeStance: number[] = [];
  const annotationIds: string[] = [];
  entries.forEach((entry, o) => {
    const d = intern(docIndex, docs, entry.meta.documentId);
    docIdx[o] = d;
    start[o] = entry.meta.start;
    end[o] = entry.meta.end;
    if (entry.kind === 'passage') {
      block[o] = entry.meta.block;
      page[o] = entry.meta.page === null ? 0 : entry.meta.page + 1;
      rawStart[o] = entry.source?.rawStart ?? 0;
      rawEnd[o] = entry.source?.rawEnd ?? 0;
      textFileSizes[d] = entry.source?.fileSize ?? -1;
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
    if (meta.coder !== null) code(metaKey('coder', meta.coder));
  });
  if (annotation) codeStart[n] = codeIds.length;
  const docFirst = new Uint32Array(docs.length + 1);
  for (let o = n - 1; o >= 0; o--) docFirst[docIdx[o]!] = o;
  docFirst[docs.length] = n;
  const ids = PackedStrings.pack(annotationIds);
  const idOrder = Uint32Array.from(annotationIds.map((_, i) => i).sort((a, b) => (annotationIds[a]! < annotationIds[b]! ? -1 : 1)));
  return {
    docs,
    textFileSizes: passage ? textFileSizes : [],
    codes,
    resident: {
      docFirst,
      docIdx,
      color,
      modified,
      codeStart,
      codeIds: new Uint32Array(codeIds),
      codeStance: new Uint8Array(codeStance),
    },
    stored: { idOffsets: ids.offsets, idBytes: ids.bytes, idOrder, ...encodeFacts(kind, n, FIELDS[kind].length, { start, end, block, page, rawStart, rawEnd, stopStart }) },
  };
}
