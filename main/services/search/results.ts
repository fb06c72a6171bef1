// Turning matches into what the search box shows: hits with snippets and marked words, and facets with
// counts over every match (not only the shown ones).
import type { Codebook } from '../../../shared/model';
import { formatFieldClause } from '../../../shared/search/query';
import type { Facet, FacetField, SearchHit } from '../../../shared/search/types';
import { analyze } from './analyzer';
import type { AnnotationMeta, PassageMeta } from './entries';
import type { Match } from './execute';
import type { DocumentInfo } from './plan';
import type { SegmentedIndex } from './segmented-index';

const SNIPPET_RADIUS = 90;
const FACET_VALUES = 8;

/** Marks the words whose term matched, and cuts a window of the text around the first one. */
export function snippet(text: string, terms: ReadonlySet<string>, whole = false): { text: string; marks: [number, number][] } {
  const marks: [number, number][] = [];
  for (const token of analyze(text)) if (token.term !== null && terms.has(token.term)) marks.push([token.start, token.end]);
  if (whole || text.length <= 2 * SNIPPET_RADIUS) return { text, marks };
  const first = marks[0]?.[0] ?? 0;
  let from = Math.max(0, Math.min(first - SNIPPET_RADIUS, text.length - 2 * SNIPPET_RADIUS));
  let to = Math.min(text.length, from + 2 * SNIPPET_RADIUS);
  // Whole words only.
  while (from > 0 && /\S/.test(text[from - 1]!)) from--;
  while (to < text.length && /\S/.test(text[to]!)) to++;
  const lead = from > 0 ? '…' : '';
  const shift = lead.length - from;
  return {
    text: lead + text.slice(from, to).trim() + (to < text.length ? '…' : ''),
    marks: marks.filter(([s, e]) => s >= from && e <= to).map(([s, e]) => [s + shift, e + shift] as [number, number]),
  };
}

export interface HitContext {
  index: SegmentedIndex;
  codebook: Codebook;
  document(id: string): DocumentInfo | undefined;
}

export function toHit(match: Match, terms: ReadonlySet<string>, context: HitContext): SearchHit {
  const { segment, ordinal } = match;
  const meta = segment.meta[ordinal]!;
  const title = context.document(meta.documentId)?.title ?? 'Untitled';
  if (segment.kind === 'passage') {
    const passage = meta as PassageMeta;
    const cut = snippet(segment.text(ordinal, 0), terms);
    return {
      kind: 'passage',
      documentId: passage.documentId,
      documentTitle: title,
      annotationId: null,
      ...matchedRange(passage, cut.marks.length ? firstMarkOffset(segment.text(ordinal, 0), terms) : null),
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
    note: noteText ? snippet(noteText, terms) : null,
    labels: labels(annotation, context.codebook),
  };
}

/** A passage hit points at its first matched word, so the reader flashes that word, not the whole block. */
function matchedRange(passage: PassageMeta, firstMark: { start: number; end: number } | null): { start: number; end: number } {
  if (!firstMark) return { start: passage.start, end: passage.end };
  return { start: passage.start + firstMark.start, end: passage.start + firstMark.end };
}

function firstMarkOffset(text: string, terms: ReadonlySet<string>): { start: number; end: number } | null {
  for (const token of analyze(text)) if (token.term !== null && terms.has(token.term)) return { start: token.start, end: token.end };
  return null;
}

/** The passage (block) of a document that contains an offset: where an annotation is, for its page. */
function passageAt(index: SegmentedIndex, documentId: string, offset: number): PassageMeta | null {
  for (const id of index.entriesOf(documentId)) {
    if (!id.startsWith('p:')) continue;
    const at = index.locate(id);
    const meta = at?.segment.meta[at.ordinal] as PassageMeta | undefined;
    if (meta && offset >= meta.start && offset < meta.end) return meta;
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

/** Counts per value over every match: annotations give all six facets, passages document and year. */
export function facets(matches: readonly Match[], context: HitContext): Facet[] {
  const counts: Record<FacetField, Map<string, number>> = {
    principle: new Map(),
    actor: new Map(),
    stance: new Map(),
    doc: new Map(),
    tag: new Map(),
    year: new Map(),
  };
  const bump = (field: FacetField, value: string) => counts[field].set(value, (counts[field].get(value) ?? 0) + 1);
  const yearOf = new Map<string, string | null>();
  for (const { segment, ordinal } of matches) {
    const meta = segment.meta[ordinal]!;
    bump('doc', meta.documentId);
    let year = yearOf.get(meta.documentId);
    if (year === undefined) {
      const y = context.document(meta.documentId)?.year;
      year = y ? String(y) : null;
      yearOf.set(meta.documentId, year);
    }
    if (year) bump('year', year);
    if (!('annotationId' in meta)) continue;
    for (const p of new Set(meta.principles)) bump('principle', p);
    const stances = new Set<string>();
    for (const a of new Set(meta.actors.map(([id]) => id))) bump('actor', a);
    for (const [, stance] of meta.actors) stances.add(stance);
    for (const s of stances) bump('stance', s);
    for (const t of new Set(meta.tags.map((t) => t.toLowerCase()))) bump('tag', t);
  }
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
  return (Object.keys(counts) as FacetField[])
    .map((field) => {
      const entries = [...counts[field]];
      entries.sort((a, b) => (field === 'year' ? Number(b[0]) - Number(a[0]) : b[1] - a[1] || a[0].localeCompare(b[0])));
      return {
        field,
        label: FACET_LABELS[field],
        distinct: entries.length,
        values: entries.slice(0, FACET_VALUES).map(([value, count]) => ({ label: label(field, value), count, clause: clause(field, value) })),
      };
    })
    .filter((facet) => facet.values.length > 0);
}
