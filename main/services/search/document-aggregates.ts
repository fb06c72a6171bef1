// Facet counts of whole documents, per segment (document-level filters count facets from these).
import { STANCES } from '../../../shared/model';
import type { Segment } from './segment';

/**
 * Facet counts of whole documents, kept per segment and updated as entries are deleted: a query made
 * only of document filters (doc:, kind:, year:) counts its facets per document, not per entry.
 */
export class DocumentAggregates {
  /** Live entries per document. */
  readonly live: Int32Array;
  /** Per document, [codeStart[d], codeStart[d+1]) of codes/counts: distinct codes and live entries with each. */
  readonly codeStart: Int32Array;
  readonly codes: Int32Array;
  readonly counts: Int32Array;
  /** Per document and stance (1…): live entries with an actor link of that stance. */
  readonly stances: Int32Array;
  /** Each code's facet value, as the number of its first code with that value. */
  readonly canonical: Int32Array;

  constructor(segment: Segment) {
    const { r } = segment;
    const D = segment.docs.length;
    this.live = new Int32Array(D);
    this.codeStart = new Int32Array(D + 1);
    this.stances = new Int32Array(D * (STANCES.length + 1));
    const codes: number[] = [];
    const counts: number[] = [];
    // Codes that count as one facet value (tags whatever their case) share their first code's number.
    const canonical = canonicalCodes(segment.codes);
    const slot = new Int32Array(segment.codes.length).fill(-1);
    const stamp = new Int32Array(segment.codes.length);
    for (let d = 0; d < D; d++) {
      this.codeStart[d] = codes.length;
      for (let o = r.docFirst[d]!; o < r.docFirst[d + 1]!; o++) {
        if (segment.deleted[o]) continue;
        this.live[d]!++;
        if (segment.kind !== 'annotation') continue;
        let stances = 0;
        for (let i = r.codeStart[o]!; i < r.codeStart[o + 1]!; i++) {
          stances |= 1 << r.codeStance[i]!;
          const c = canonical[r.codeIds[i]!]!;
          if (stamp[c] === o + 1) continue;
          stamp[c] = o + 1;
          if (slot[c]! < this.codeStart[d]!) {
            slot[c] = codes.length;
            codes.push(c);
            counts.push(0);
          }
          counts[slot[c]!]!++;
        }
        for (let k = 1; k <= STANCES.length; k++) if (stances & (1 << k)) this.stances[d * (STANCES.length + 1) + k]!++;
      }
    }
    this.codeStart[D] = codes.length;
    this.codes = Int32Array.from(codes);
    this.counts = Int32Array.from(counts);
    this.canonical = canonical;
  }

  remove(segment: Segment, ordinal: number): void {
    const { r } = segment;
    const d = r.docIdx[ordinal]!;
    this.live[d]!--;
    if (segment.kind !== 'annotation') return;
    let stances = 0;
    const seen = new Set<number>();
    for (let i = r.codeStart[ordinal]!; i < r.codeStart[ordinal + 1]!; i++) {
      const c = this.canonical[r.codeIds[i]!]!;
      stances |= 1 << r.codeStance[i]!;
      if (seen.has(c)) continue;
      seen.add(c);
      for (let s = this.codeStart[d]!; s < this.codeStart[d + 1]!; s++) if (this.codes[s] === c) this.counts[s]!--;
    }
    for (let k = 1; k <= STANCES.length; k++) if (stances & (1 << k)) this.stances[d * (STANCES.length + 1) + k]!--;
  }
}

/** A code as filters and facets compare it: tags and coders match whatever their case. */
export const foldCode = (code: string) => (code.startsWith('tag\u0000') || code.startsWith('coder\u0000') ? code.toLowerCase() : code);

/** For each code, the first code with the same facet value (tags and coders compare whatever their case). */
export function canonicalCodes(codes: readonly string[]): Int32Array {
  const first = new Map<string, number>();
  return Int32Array.from(codes, (code, i) => {
    const key = foldCode(code);
    const at = first.get(key);
    if (at !== undefined) return at;
    first.set(key, i);
    return i;
  });
}

