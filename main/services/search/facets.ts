// Facets: counts per principle, actor, stance, document, tag and year over a query's matches.
//
// Exact whenever the total is: every match counted (up to TOTAL_LIMIT) adds its values here. When a
// query matches more than that, counting stops with the total, and the facets are those of the first
// TOTAL_LIMIT matches: each count is then a true lower bound ("1,234+"), found in bounded time, never an
// estimate. Queries made only of document filters (doc:, kind:, year:) are counted from the segments'
// per-document aggregates, in time proportional to the documents, not their entries, and exactly.
//
// Values are counted in typed arrays indexed by codes shared by all segments, so counting touches no
// strings; a code's field and value are kept apart so reading counts splits nothing.
import { STANCES, type Codebook } from '../../../shared/model';
import { formatFieldClause } from '../../../shared/search/query';
import type { Facet, FacetField } from '../../../shared/search/types';
import type { DocumentInfo, QueryPlan } from './plan';
import { canonicalCodes, type Segment } from './segment';

const FACET_VALUES = 8;
const FACET_ORDER: FacetField[] = ['principle', 'actor', 'stance', 'doc', 'tag', 'coder', 'year'];
const FACET_LABELS: Record<FacetField, string> = {
  principle: 'Principle',
  actor: 'Actor',
  stance: 'Stance',
  doc: 'Document',
  tag: 'Tag',
  coder: 'Coder',
  year: 'Year',
};

const FIELD_OF_CODE: FacetField[] = ['doc', 'principle', 'actor', 'tag', 'coder'];
const globalCodes = new Map<string, number>();
const codeField: number[] = [];
const codeValue: string[] = [];
function globalCode(field: FacetField, value: string): number {
  const key = `${field}\u0000${value}`;
  let code = globalCodes.get(key);
  if (code === undefined) {
    code = codeField.length;
    globalCodes.set(key, code);
    codeField.push(FIELD_OF_CODE.indexOf(field));
    codeValue.push(value);
  }
  return code;
}

const segmentCodes = new WeakMap<Segment, { docs: Uint32Array; codes: Uint32Array }>();
function codesOf(segment: Segment) {
  let codes = segmentCodes.get(segment);
  if (!codes) {
    const canonical = canonicalCodes(segment.codes);
    const global = Uint32Array.from(segment.codes, (c) => {
      const [field, value] = c.split('\u0000') as [FacetField, string];
      // Tags are counted whatever their case.
      return globalCode(field, field === 'tag' ? value.toLowerCase() : value);
    });
    codes = { docs: Uint32Array.from(segment.docs, (id) => globalCode('doc', id)), codes: Uint32Array.from(canonical, (c) => global[c]!) };
    segmentCodes.set(segment, codes);
  }
  return codes;
}

export interface FacetContext {
  /** Changes whenever documents' metadata may have changed. */
  version: number;
  codebook: Codebook;
  document(id: string): DocumentInfo | undefined;
}

export class FacetCounter {
  private counts = new Int32Array(1024);
  private seen = new Int32Array(1024).fill(-1);
  private readonly stances = new Int32Array(STANCES.length + 1);
  private entries = 0;

  private fit(): void {
    if (this.counts.length >= codeField.length) return;
    const size = Math.max(codeField.length, this.counts.length * 2);
    const counts = new Int32Array(size);
    counts.set(this.counts);
    const seen = new Int32Array(size).fill(-1);
    seen.set(this.seen);
    this.counts = counts;
    this.seen = seen;
  }

  /** The segment whose entries are being added, its codes and columns (looked up once per segment, not per match). */
  private segment: Segment | null = null;
  private docCodes: Uint32Array = new Uint32Array(0);
  private entryCodes: Uint32Array = new Uint32Array(0);

  /** One match. */
  addEntry(segment: Segment, ordinal: number): void {
    if (segment !== this.segment) {
      const codes = codesOf(segment);
      // New codes are only made by codesOf: the counts fit them until the next segment.
      this.fit();
      this.segment = segment;
      this.docCodes = codes.docs;
      this.entryCodes = codes.codes;
    }
    const { r } = segment;
    const counts = this.counts;
    counts[this.docCodes[r.docIdx[ordinal]!]!]!++;
    if (segment.kind !== 'annotation') return;
    const m = this.entries++;
    const { seen, entryCodes } = this;
    const { codeIds, codeStance } = r;
    let stances = 0;
    for (let c = r.codeStart[ordinal]!, end = r.codeStart[ordinal + 1]!; c < end; c++) {
      const g = entryCodes[codeIds[c]!]!;
      if (seen[g] !== m) {
        seen[g] = m;
        counts[g]!++;
      }
      stances |= 1 << codeStance[c]!;
    }
    if (stances) for (let k = 1; k <= STANCES.length; k++) if (stances & (1 << k)) this.stances[k]!++;
  }

  /** Every live entry of the documents a plan's document filters allow, from the segment's aggregates. */
  addDocuments(segment: Segment, plan: QueryPlan): void {
    const codes = codesOf(segment);
    this.fit();
    const aggregates = segment.aggregates();
    const S = STANCES.length + 1;
    segment.docs.forEach((id, d) => {
      if ((plan.documents && !plan.documents.has(id)) || plan.excludedDocuments.has(id) || !aggregates.live[d]) return;
      this.counts[codes.docs[d]!]! += aggregates.live[d]!;
      for (let s = aggregates.codeStart[d]!; s < aggregates.codeStart[d + 1]!; s++) this.counts[codes.codes[aggregates.codes[s]!]!]! += aggregates.counts[s]!;
      for (let k = 1; k < S; k++) this.stances[k]! += aggregates.stances[d * S + k]!;
    });
  }

  /**
   * Per field, the distinct values and the best few (no object per value: a document facet has
   * thousands). `capped`: which kinds' counting stopped at the limit, making their counts lower bounds.
   */
  result(context: FacetContext, capped: { annotations: boolean; passages: boolean }): Facet[] {
    const top: Record<FacetField, [string, number][]> = { principle: [], actor: [], stance: [], doc: [], tag: [], coder: [], year: [] };
    const distinct: Record<FacetField, number> = { principle: 0, actor: 0, stance: 0, doc: 0, tag: 0, coder: 0, year: 0 };
    const years = new Map<number, number>();
    const yearOf = yearsFor(context);
    const limit = Math.min(this.counts.length, codeField.length);
    for (let g = 0; g < limit; g++) {
      const count = this.counts[g]!;
      if (!count) continue;
      const field = FIELD_OF_CODE[codeField[g]!]!;
      distinct[field]++;
      const list = top[field];
      if (list.length < FACET_VALUES || count >= list[list.length - 1]![1]) insertTop(list, [codeValue[g]!, count], FACET_VALUES);
      if (field === 'doc') {
        const year = yearOf(g);
        if (year) years.set(year, (years.get(year) ?? 0) + count);
      }
    }
    top.year = [...years].sort((a, b) => b[0] - a[0]).map(([year, count]) => [String(year), count] as [string, number]);
    distinct.year = top.year.length;
    top.year = top.year.slice(0, FACET_VALUES);
    STANCES.forEach((stance, k) => {
      if (this.stances[k + 1]) {
        distinct.stance++;
        insertTop(top.stance, [stance, this.stances[k + 1]!], FACET_VALUES);
      }
    });
    const label = (field: FacetField, value: string): string => {
      if (field === 'principle') return context.codebook.principles.find((p) => p.id === value)?.name ?? value;
      if (field === 'actor') return context.codebook.actors.find((a) => a.id === value)?.name ?? value;
      if (field === 'doc') return context.document(value)?.title ?? value;
      if (field === 'tag') return `#${value}`;
      return value;
    };
    const clause = (field: FacetField, value: string): string => {
      if (field === 'doc') {
        const title = context.document(value)?.title;
        return formatFieldClause('doc', title && !title.includes('"') ? title : value);
      }
      return formatFieldClause(field, value);
    };
    return FACET_ORDER.map((field) => ({
      field,
      label: FACET_LABELS[field],
      distinct: distinct[field],
      partial: field === 'doc' || field === 'year' ? capped.annotations || capped.passages : capped.annotations,
      values: top[field].map(([value, count]) => ({ label: label(field, value), count, clause: clause(field, value) })),
    })).filter((facet) => facet.values.length > 0);
  }
}

/** Inserts into a list kept sorted by count (then value), cut at k. */
function insertTop(list: [string, number][], entry: [string, number], k: number): void {
  let i = list.length;
  list.push(entry);
  while (i > 0 && (list[i - 1]![1] < entry[1] || (list[i - 1]![1] === entry[1] && list[i - 1]![0] > entry[0]))) {
    list[i] = list[i - 1]!;
    i--;
  }
  list[i] = entry;
  if (list.length > k) list.length = k;
}

/** The year of each document code, cached until the documents change (FacetContext.version). */
let yearCache: { version: number; years: Int32Array } = { version: -1, years: new Int32Array(0) };
function yearsFor(context: FacetContext): (code: number) => number {
  if (yearCache.version !== context.version || yearCache.years.length < codeField.length) {
    const years = new Int32Array(codeField.length + 1024).fill(-1);
    if (yearCache.version === context.version) years.set(yearCache.years);
    yearCache = { version: context.version, years };
  }
  const { years } = yearCache;
  return (code) => {
    let year = years[code]!;
    if (year === -1) {
      year = context.document(codeValue[code]!)?.year ?? 0;
      years[code] = year;
    }
    return year;
  };
}
