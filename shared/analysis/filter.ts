// The filter every analysis view shares: which sources, which tags, which publication dates, which
// values of the document variables.
import { z } from 'zod';
import type { LibraryDocument } from '../model';
import { coderNameSchema } from '../coders/coders';
import { idSchema } from '../schemas';
import type { VariableValues } from '../variables/model';
import { valueOf } from './framework';
import type { AnalysisData, CodedPassage } from './passages';

const datePrefix = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date is a year (2018), a month (2018-11) or a day (2018-11-12)');

export const analysisFilterSchema = z.strictObject({
  /** Only these sources; null for all. */
  documentIds: z.array(idSchema).max(100_000).nullable(),
  /** Only passages carrying at least one of these tags; empty for all. */
  tags: z.array(z.string().min(1).max(100)).max(1_000),
  /** Publication dates as ISO prefixes ("2018", "2018-11", "2018-11-12"); null for open-ended. */
  from: datePrefix.nullable(),
  to: datePrefix.nullable(),
  /**
   * Only sources with one of these values of each variable named ('' for "no value"); absent or empty
   * for any.
   */
  variables: z
    .array(z.strictObject({ variableId: idSchema, values: z.array(z.string().max(1_000)).min(1).max(1_000) }))
    .max(200)
    .optional(),
  /** Only passages made by these coders (null: those with no coder recorded); empty for all. */
  coders: z.array(coderNameSchema.nullable()).max(1_000).default([]),
});
export type AnalysisFilter = z.infer<typeof analysisFilterSchema>;

export const NO_FILTER: AnalysisFilter = { documentIds: null, tags: [], from: null, to: null, coders: [] };

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
  return filtersSources(filter) || filter.tags.length > 0 || filter.coders.length > 0;
}

/** Only some sources (by choice or by date)? */
export function filtersSources(filter: AnalysisFilter): boolean {
  return filter.documentIds !== null || filter.from !== null || filter.to !== null || (filter.variables?.length ?? 0) > 0;
}

/** The sources a filter keeps, in the order given; `values`: the document variables' values. */
export function filterSources<D extends Pick<LibraryDocument, 'id' | 'metadata'>>(documents: readonly D[], filter: AnalysisFilter, values: VariableValues = {}): D[] {
  const chosen = filter.documentIds ? new Set(filter.documentIds) : null;
  const conditions = (filter.variables ?? []).map((c) => ({ variableId: c.variableId, values: new Set(c.values) }));
  return documents.filter(
    (d) =>
      (!chosen || chosen.has(d.id)) &&
      dateInRange(d.metadata.date, filter.from, filter.to) &&
      conditions.every((c) => c.values.has(valueOf(values, d.id, c.variableId))),
  );
}

/** Does a passage carry one of the filter's tags (any passage does when the filter names none)? */
export function keepsTags(tags: readonly string[], filter: AnalysisFilter): boolean {
  return filter.tags.length === 0 || tags.some((t) => filter.tags.includes(t));
}

/** Was the passage made by one of the filter's coders (any passage was when the filter names none)? */
export function keepsCoder(coder: string | null, filter: AnalysisFilter): boolean {
  return filter.coders.length === 0 || filter.coders.includes(coder);
}

/** Does the filter keep this passage (of a source it keeps)? */
export function keepsPassage(passage: { tags: readonly string[]; coder: string | null }, filter: AnalysisFilter): boolean {
  return keepsTags(passage.tags, filter) && keepsCoder(passage.coder, filter);
}

/** The sources and passages a filter keeps. */
export function applyFilter(data: AnalysisData, filter: AnalysisFilter, values: VariableValues = {}): AnalysisData {
  const documents = filterSources(data.documents, filter, values);
  const kept = new Set(documents.map((d) => d.id));
  const passages = data.passages.filter((p: CodedPassage) => kept.has(p.documentId) && keepsPassage(p, filter));
  return { documents, passages };
}
