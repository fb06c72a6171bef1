// The filter every analysis view shares: which sources, which tags, which publication dates.
import type { LibraryDocument } from '../model';
import type { AnalysisData, CodedPassage } from './passages';

export interface AnalysisFilter {
  /** Only these sources; null for all. */
  documentIds: string[] | null;
  /** Only passages carrying at least one of these tags; empty for all. */
  tags: string[];
  /** Publication dates as ISO prefixes ("2018", "2018-11", "2018-11-12"); null for open-ended. */
  from: string | null;
  to: string | null;
}

export const NO_FILTER: AnalysisFilter = { documentIds: null, tags: [], from: null, to: null };

/**
 * Does a publication date fall in [from, to]? Dates are compared as the spans they name: "2018" lies
 * within from "2018-06" because part of it does; an undated source lies outside any range.
 */
export function dateInRange(date: string | null, from: string | null, to: string | null): boolean {
  if (from === null && to === null) return true;
  if (date === null) return false;
  if (from !== null && spanEnd(date) < spanStart(from)) return false;
  if (to !== null && spanStart(date) > spanEnd(to)) return false;
  return true;
}

function spanStart(date: string): string {
  return (date + '-01-01').slice(0, 10);
}

function spanEnd(date: string): string {
  return (date + '-12-31').slice(0, 10);
}

export function isFiltering(filter: AnalysisFilter): boolean {
  return filter.documentIds !== null || filter.tags.length > 0 || filter.from !== null || filter.to !== null;
}

/** The sources and passages a filter keeps. */
export function applyFilter(data: AnalysisData, filter: AnalysisFilter): AnalysisData {
  const chosen = filter.documentIds ? new Set(filter.documentIds) : null;
  const documents = data.documents.filter(
    (d: LibraryDocument) => (!chosen || chosen.has(d.id)) && dateInRange(d.metadata.date, filter.from, filter.to),
  );
  const kept = new Set(documents.map((d) => d.id));
  const tags = new Set(filter.tags);
  const passages = data.passages.filter(
    (p: CodedPassage) => kept.has(p.documentId) && (tags.size === 0 || p.tags.some((t) => tags.has(t))),
  );
  return { documents, passages };
}

/** Every tag used in the passages, sorted, for the filter's choices. */
export function allTags(passages: readonly CodedPassage[]): string[] {
  return [...new Set(passages.flatMap((p) => p.tags))].sort((a, b) => a.localeCompare(b));
}
