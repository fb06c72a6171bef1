// Turning matches into what the search box shows: hits with snippets and marked words, totals, and
// facets (facets.ts).
import type { Codebook } from '../../../shared/model';
import { printedPageLabel } from '../../../shared/pdf/page-labels';
import type { SearchHit, SearchResults } from '../../../shared/search/types';
import { analyzeFor } from './analyzer';
import type { HitText } from './hit-annotations';
import type { HitPassages } from './hit-passages';
import type { AnnotationMeta, PassageMeta } from './entries';
import { FACT } from './entry-facts';
import { executeKind, type Match } from './execute';
import { FacetCounter } from './facets';
import { windowAround } from './snippet-window';
import { readPassageText } from './passage-text';
import type { DocumentInfo, PlanResult } from './plan';
import type { Segment } from './segment';
import type { SegmentedIndex } from './segmented-index';


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
  for (const token of analyzeFor(text, terms)) {
    const matched = token.term !== null && terms.has(token.term);
    if (matched) marks.push([token.start, token.end]);
    if (run.over) continue;
    if (matched) run = { start: run.start < 0 ? token.start : run.start, end: token.end, over: false };
    else if (run.start >= 0 && token.term !== null) run.over = true;
  }
  const first = run.start >= 0 ? { start: run.start, end: run.end } : null;
  return { ...windowAround(text, marks), first };
}

export interface HitContext {
  index: SegmentedIndex;
  /** Changes whenever documents' metadata may have changed. */
  version: number;
  codebook: Codebook;
  document(id: string): DocumentInfo | undefined;
  /** A document's text.json, where passages' texts are read from. */
  textFile(documentId: string): string;
  /** Passage texts kept between queries (hit-passages.ts), if any. */
  passages?: HitPassages;
  /** An annotation's quote and note as the library has them now (the index keeps no texts). */
  annotationText(documentId: string, annotationId: string): HitText | undefined;
}

/** The text of a passage, from its document's file. */
export function passageText(segment: Segment, ordinal: number, meta: PassageMeta, context: Pick<HitContext, 'textFile' | 'passages'>): string {
  const source = segment.passageSource(ordinal);
  const read = () => readPassageText({ file: context.textFile(meta.documentId), ...source, start: meta.start, end: meta.end });
  if (!context.passages) return read();
  return context.passages.get(`${meta.documentId}\u0000${meta.start}\u0000${meta.end}\u0000${source.rawStart}\u0000${source.size}`, read);
}

export async function toHit(match: Match, terms: ReadonlySet<string>, context: HitContext): Promise<SearchHit> {
  const { segment, ordinal } = match;
  const meta = segment.meta(ordinal);
  const document = context.document(meta.documentId);
  const title = document?.title ?? 'Untitled';
  const printed = (page: number | null) => (page === null ? null : printedPageLabel(document?.numbering ?? {}, page - 1));
  if (segment.kind === 'passage') {
    const passage = meta as PassageMeta;
    const cut = snippet(passageText(segment, ordinal, passage, context), terms);
    return {
      kind: 'passage',
      documentId: passage.documentId,
      documentTitle: title,
      annotationId: null,
      ...matchedRange(passage, cut.first),
      page: passage.page,
      pageLabel: printed(passage.page),
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
  const stored = context.annotationText(annotation.documentId, annotation.annotationId);
  const quote = snippet(stored?.quote ?? '', terms);
  const noteText = stored?.note ?? '';
  const where = passageAt(context.index, annotation.documentId, annotation.start);
  return {
    kind: 'annotation',
    documentId: annotation.documentId,
    documentTitle: title,
    annotationId: annotation.annotationId,
    start: annotation.start,
    end: annotation.end,
    page: where?.page ?? null,
    pageLabel: printed(where?.page ?? null),
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
  for (const segment of index.ofKind('passage')) {
    const d = segment.documentIndex(documentId);
    if (d < 0) continue;
    // A document's passages are in reading order: the last one starting at or before the offset.
    let lo = segment.r.docFirst[d]!;
    let hi = segment.r.docFirst[d + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (segment.fact(mid, FACT.start) <= offset) lo = mid + 1;
      else hi = mid;
    }
    const o = lo - 1;
    if (o >= segment.r.docFirst[d]! && !segment.deleted[o] && offset < segment.fact(o, FACT.end)) return segment.meta(o) as PassageMeta;
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

/** The tags (or coders) of live annotations, most used first (for completing tag: and coder:). */
export function tagsByUse(index: SegmentedIndex, field: 'tag' | 'coder' = 'tag'): string[] {
  const prefix = `${field}\u0000`;
  const counts = new Map<string, number>();
  for (const segment of index.ofKind('annotation')) {
    const { codeStart, codeIds } = segment.r;
    for (let o = 0; o < segment.n; o++) {
      if (segment.deleted[o]) continue;
      for (let i = codeStart[o]!; i < codeStart[o + 1]!; i++) {
        const code = segment.codes[codeIds[i]!]!;
        if (code.startsWith(prefix)) counts.set(code.slice(prefix.length), (counts.get(code.slice(prefix.length)) ?? 0) + 1);
      }
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([tag]) => tag);
}

/** A query's results, from its plan (or the problem with it); null for an empty query. */
export async function answer(
  index: SegmentedIndex,
  query: string,
  planned: PlanResult | null,
  limit: number,
  context: HitContext,
): Promise<Omit<SearchResults, 'indexing' | 'tookMs'>> {
  const results: Omit<SearchResults, 'indexing' | 'tookMs'> = {
    query,
    annotations: [],
    passages: [],
    memos: [],
    total: { annotations: 0, passages: 0, memos: 0 },
    totalCapped: { annotations: false, passages: false },
    facets: [],
    error: null,
  };
  if (!planned) return results;
  if (!planned.ok) return { ...results, error: planned.error };
  const { plan } = planned;
  if (plan.memosOnly) return results;
  const noFilter = plan.annotationFilters.length === 0 && !plan.documents && plan.excludedDocuments.size === 0 && !plan.annotations && plan.excludedAnnotations.size === 0;
  if (plan.text.length === 0 && noFilter) return results;
  const facets = new FacetCounter();
  const annotations = executeKind(index, 'annotation', plan, limit, { facets });
  const passages = executeKind(index, 'passage', plan, limit, { facets });
  results.annotations = await Promise.all(annotations.top.map((m) => toHit(m, annotations.terms, context)));
  results.passages = await Promise.all(passages.top.map((m) => toHit(m, passages.terms, context)));
  results.total = { annotations: annotations.total, passages: passages.total, memos: 0 };
  results.totalCapped = { annotations: annotations.capped, passages: passages.capped };
  results.facets = facets.result(context, results.totalCapped);
  return results;
}
