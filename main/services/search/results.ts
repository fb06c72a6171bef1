// Turning matches into what the search box shows: hits with snippets and marked words, and facets with
// counts over every match (not only the shown ones).
import { STANCES, type Codebook } from '../../../shared/model';
import { formatFieldClause } from '../../../shared/search/query';
import type { Facet, FacetField, SearchHit, SearchResults } from '../../../shared/search/types';
import { analyze } from './analyzer';
import type { AnnotationMeta, PassageMeta } from './entries';
import { executeKind, type Match, type SegmentMatches } from './execute';
import type { DocumentInfo, PlanResult } from './plan';
import type { Segment } from './segment';
import type { SegmentedIndex } from './segmented-index';

const SNIPPET_RADIUS = 90;
const FACET_VALUES = 8;

export interface Snippet {
  text: string;
  marks: [number, number][];
  /**
   * The first run of marked words in the original text (stop words between them included, so a phrase
   * such as "rule of law" is one run), if any: what the reader flashes.
   */
  first: { start: number; end: number } | null;
}

/** Marks the words whose term matched, and cuts a window of the text around the first one. */
export function snippet(text: string, terms: ReadonlySet<string>): Snippet {
  const marks: [number, number][] = [];
  let run = { start: -1, end: -1, over: false };
  for (const token of analyze(text)) {
    const matched = token.term !== null && terms.has(token.term);
    if (matched) marks.push([token.start, token.end]);
    if (run.over) continue;
    if (matched) run = { start: run.start < 0 ? token.start : run.start, end: token.end, over: false };
    else if (run.start >= 0 && token.term !== null) run.over = true;
  }
  const first = run.start >= 0 ? { start: run.start, end: run.end } : null;
  if (text.length <= 2 * SNIPPET_RADIUS) return { text, marks, first };
  const at = marks[0]?.[0] ?? 0;
  let from = Math.max(0, Math.min(at - SNIPPET_RADIUS, text.length - 2 * SNIPPET_RADIUS));
  let to = Math.min(text.length, from + 2 * SNIPPET_RADIUS);
  // Whole words only.
  while (from > 0 && /\S/.test(text[from - 1]!)) from--;
  while (to < text.length && /\S/.test(text[to]!)) to++;
  const lead = from > 0 ? '…' : '';
  const shift = lead.length - from;
  return {
    text: lead + text.slice(from, to).trim() + (to < text.length ? '…' : ''),
    marks: marks.filter(([s, e]) => s >= from && e <= to).map(([s, e]) => [s + shift, e + shift] as [number, number]),
    first,
  };
}

export interface HitContext {
  index: SegmentedIndex;
  /** Changes whenever documents' metadata may have changed. */
  version: number;
  codebook: Codebook;
  document(id: string): DocumentInfo | undefined;
}

export function toHit(match: Match, terms: ReadonlySet<string>, context: HitContext): SearchHit {
  const { segment, ordinal } = match;
  const meta = segment.meta(ordinal);
  const title = context.document(meta.documentId)?.title ?? 'Untitled';
  if (segment.kind === 'passage') {
    const passage = meta as PassageMeta;
    const cut = snippet(segment.text(ordinal, 0), terms);
    return {
      kind: 'passage',
      documentId: passage.documentId,
      documentTitle: title,
      annotationId: null,
      ...matchedRange(passage, cut.first),
      page: passage.page,
      paragraph: passage.block + 1,
      snippet: cut.text,
      marks: cut.marks,
      score: match.score,
      color: null,
      note: null,
      labels: [],
    };
  }
  const annotation = meta as AnnotationMeta;
  const quote = snippet(segment.text(ordinal, 0), terms);
  const noteText = segment.text(ordinal, 1);
  const where = passageAt(context.index, annotation.documentId, annotation.start);
  return {
    kind: 'annotation',
    documentId: annotation.documentId,
    documentTitle: title,
    annotationId: annotation.annotationId,
    start: annotation.start,
    end: annotation.end,
    page: where?.page ?? null,
    paragraph: where ? where.block + 1 : null,
    snippet: quote.text,
    marks: quote.marks,
    score: match.score,
    color: annotation.color,
    note: noteText ? (({ text, marks }) => ({ text, marks }))(snippet(noteText, terms)) : null,
    labels: labels(annotation, context.codebook),
  };
}

/** A passage hit points at its first matched words, so the reader flashes them, not the whole block. */
function matchedRange(passage: PassageMeta, firstMark: { start: number; end: number } | null): { start: number; end: number } {
  if (!firstMark) return { start: passage.start, end: passage.end };
  return { start: passage.start + firstMark.start, end: passage.start + firstMark.end };
}

/** The passage (block) of a document that contains an offset: where an annotation is, for its page. */
function passageAt(index: SegmentedIndex, documentId: string, offset: number): PassageMeta | null {
  for (const { segment, ordinal } of index.entriesOf(documentId, 'passage')) {
    if (offset >= segment.s.start[ordinal]! && offset < segment.s.end[ordinal]!) return segment.meta(ordinal) as PassageMeta;
  }
  return null;
}

function labels(meta: AnnotationMeta, codebook: Codebook): string[] {
  const out: string[] = [];
  for (const id of meta.principles) out.push(codebook.principles.find((p) => p.id === id)?.name ?? id);
  for (const [id, stance] of meta.actors) out.push(`${codebook.actors.find((a) => a.id === id)?.name ?? id} · ${stance}`);
  for (const tag of meta.tags) out.push(`#${tag}`);
  return out;
}

const FACET_LABELS: Record<FacetField, string> = {
  principle: 'Principle',
  actor: 'Actor',
  stance: 'Stance',
  doc: 'Document',
  tag: 'Tag',
  year: 'Year',
};

// Facet values are counted in typed arrays indexed by codes shared by all segments, so counting 100,000
// matches touches no strings; a code's field and value are kept apart so reading counts splits nothing.
const FIELD_OF_CODE: FacetField[] = ['doc', 'principle', 'actor', 'tag'];
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
    codes = {
      docs: Uint32Array.from(segment.docs, (id) => globalCode('doc', id)),
      codes: Uint32Array.from(segment.codes, (c) => {
        const [field, value] = c.split('\u0000') as [FacetField, string];
        // Tags are counted whatever their case.
        return globalCode(field, field === 'tag' ? value.toLowerCase() : value);
      }),
    };
    segmentCodes.set(segment, codes);
  }
  return codes;
}

/** Counts per value over every match: annotations give all six facets, passages document and year. */
export function facets(matches: readonly SegmentMatches[], context: HitContext): Facet[] {
  for (const m of matches) codesOf(m.segment);
  const counts = new Int32Array(codeField.length);
  const seen = new Int32Array(codeField.length).fill(-1);
  const stanceCounts = new Int32Array(STANCES.length + 1);
  let m = 0;
  for (const { segment, ordinals } of matches) {
    const codes = codesOf(segment);
    const { docIdx, codeStart, codeIds, codeStance } = segment.s;
    const annotation = segment.kind === 'annotation';
    for (let i = 0; i < ordinals.length; i++, m++) {
      const ordinal = ordinals[i]!;
      counts[codes.docs[docIdx[ordinal]!]!]!++;
      if (!annotation) continue;
      let stances = 0;
      for (let c = codeStart[ordinal]!; c < codeStart[ordinal + 1]!; c++) {
        const g = codes.codes[codeIds[c]!]!;
        if (seen[g] !== m) {
          seen[g] = m;
          counts[g]!++;
        }
        stances |= 1 << codeStance[c]!;
      }
      for (let k = 1; k <= STANCES.length; k++) if (stances & (1 << k)) stanceCounts[k]!++;
    }
  }
  // Per field, the distinct values and the best few (no object per value: a document facet has thousands).
  const top: Record<FacetField, [string, number][]> = { principle: [], actor: [], stance: [], doc: [], tag: [], year: [] };
  const distinct: Record<FacetField, number> = { principle: 0, actor: 0, stance: 0, doc: 0, tag: 0, year: 0 };
  const years = new Map<number, number>();
  const yearOf = yearsFor(context);
  for (let g = 0; g < counts.length; g++) {
    const count = counts[g]!;
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
    if (stanceCounts[k + 1]) {
      distinct.stance++;
      insertTop(top.stance, [stance, stanceCounts[k + 1]!], FACET_VALUES);
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
    values: top[field].map(([value, count]) => ({ label: label(field, value), count, clause: clause(field, value) })),
  })).filter((facet) => facet.values.length > 0);
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

/** The year of each document code, cached until the documents change (HitContext.version). */
let yearCache: { version: number; years: Int32Array } = { version: -1, years: new Int32Array(0) };
function yearsFor(context: HitContext): (code: number) => number {
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

const FACET_ORDER: FacetField[] = ['principle', 'actor', 'stance', 'doc', 'tag', 'year'];

/** The tags of live annotations, most used first (for completing tag:). */
export function tagsByUse(index: SegmentedIndex): string[] {
  const counts = new Map<string, number>();
  for (const segment of index.ofKind('annotation')) {
    const { codeStart, codeIds } = segment.s;
    for (let o = 0; o < segment.n; o++) {
      if (segment.deleted[o]) continue;
      for (let i = codeStart[o]!; i < codeStart[o + 1]!; i++) {
        const code = segment.codes[codeIds[i]!]!;
        if (code.startsWith('tag\u0000')) counts.set(code.slice(4), (counts.get(code.slice(4)) ?? 0) + 1);
      }
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([tag]) => tag);
}

/** A query's results, from its plan (or the problem with it); null for an empty query. */
export function answer(
  index: SegmentedIndex,
  query: string,
  planned: PlanResult | null,
  limit: number,
  context: HitContext,
): Omit<SearchResults, 'indexing' | 'tookMs'> {
  const results: Omit<SearchResults, 'indexing' | 'tookMs'> = {
    query,
    annotations: [],
    passages: [],
    total: { annotations: 0, passages: 0 },
    facets: [],
    error: null,
  };
  if (!planned) return results;
  if (!planned.ok) return { ...results, error: planned.error };
  const { plan } = planned;
  if (plan.text.length === 0 && plan.annotationFilters.length === 0 && !plan.documents && plan.excludedDocuments.size === 0) return results;
  const annotations = executeKind(index, 'annotation', plan, limit);
  const passages = executeKind(index, 'passage', plan, limit);
  results.annotations = annotations.top.map((m) => toHit(m, annotations.terms, context));
  results.passages = passages.top.map((m) => toHit(m, passages.terms, context));
  results.total = { annotations: annotations.total, passages: passages.total };
  results.facets = facets([...annotations.all, ...passages.all], context);
  return results;
}
