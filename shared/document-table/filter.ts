// Narrowing the document table: words typed in the filter box (matched in title, authors, publication
// and tags, as the user types) and filters by kind, format, year range, annotations and coding. Pure.
// The searchable text of each row is folded once (prepareRows), so each keystroke only scans strings.
import { z } from 'zod';
import { DOCUMENT_FORMATS, DOCUMENT_KINDS, type DocumentFormat, type DocumentKind } from '../model';
import type { DocumentRow } from './columns';

export interface DocumentFilter {
  /** Words that must all appear (in any order, as the start of a word or inside one). */
  text: string;
  /** Any of these kinds; empty for any kind. */
  kinds: DocumentKind[];
  formats: DocumentFormat[];
  /** Inclusive; null for an open end. A range leaves out undated documents. */
  yearFrom: number | null;
  yearTo: number | null;
  hasAnnotations: boolean;
  /** No passage linked to a principle yet. */
  notCoded: boolean;
}

export const NO_DOCUMENT_FILTER: DocumentFilter = {
  text: '',
  kinds: [],
  formats: [],
  yearFrom: null,
  yearTo: null,
  hasAnnotations: false,
  notCoded: false,
};

const year = z.number().int().min(0).max(9999).nullable();
export const documentFilterSchema = z.strictObject({
  text: z.string().max(1_000),
  kinds: z.array(z.enum(DOCUMENT_KINDS)).max(DOCUMENT_KINDS.length),
  formats: z.array(z.enum(DOCUMENT_FORMATS)).max(DOCUMENT_FORMATS.length),
  yearFrom: year,
  yearTo: year,
  hasAnnotations: z.boolean(),
  notCoded: z.boolean(),
});

/** Lower case, accents taken off, so "Müller" is found by "muller". */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

export interface PreparedRow<R extends DocumentRow = DocumentRow> {
  row: R;
  /** Title, authors, publication, tags and variables' values, folded, separated by newlines. */
  haystack: string;
  year: number | null;
}

export function prepareRow<R extends DocumentRow>(row: R): PreparedRow<R> {
  const { metadata } = row.document;
  const haystack = fold([metadata.title, metadata.authors.join('\n'), metadata.publication ?? '', row.tags.map((t) => `#${t}`).join(' '), row.variables ?? ''].join('\n'));
  const parsed = metadata.date ? Number(metadata.date.slice(0, 4)) : NaN;
  return { row, haystack, year: Number.isFinite(parsed) ? parsed : null };
}

export function isFilteringDocuments(filter: DocumentFilter): boolean {
  return (
    filter.text.trim() !== '' ||
    filter.kinds.length > 0 ||
    filter.formats.length > 0 ||
    filter.yearFrom !== null ||
    filter.yearTo !== null ||
    filter.hasAnnotations ||
    filter.notCoded
  );
}

/** The words of the filter box, folded; a leading # is kept off so "#eu" and "eu" both find the tag. */
export function filterWords(text: string): string[] {
  return fold(text)
    .split(/\s+/)
    .map((w) => w.replace(/^#+/, ''))
    .filter(Boolean);
}

export function documentFilterTest(filter: DocumentFilter): (prepared: PreparedRow) => boolean {
  const words = filterWords(filter.text);
  const kinds = filter.kinds.length ? new Set(filter.kinds) : null;
  const formats = filter.formats.length ? new Set(filter.formats) : null;
  const { yearFrom, yearTo, hasAnnotations, notCoded } = filter;
  const years = yearFrom !== null || yearTo !== null;
  return ({ row, haystack, year }) => {
    if (kinds && !kinds.has(row.document.metadata.kind)) return false;
    if (formats && !formats.has(row.document.format)) return false;
    if (years && (year === null || (yearFrom !== null && year < yearFrom) || (yearTo !== null && year > yearTo))) return false;
    // Not counted yet: neither filter can vouch for the row.
    if (hasAnnotations && (row.stats?.annotations ?? 0) === 0) return false;
    if (notCoded && (row.stats?.principles ?? 1) > 0) return false;
    for (const word of words) if (!haystack.includes(word)) return false;
    return true;
  };
}

export function filterRows<R extends DocumentRow>(prepared: readonly PreparedRow<R>[], filter: DocumentFilter): R[] {
  const test = documentFilterTest(filter);
  const out: R[] = [];
  for (const p of prepared) if (test(p)) out.push(p.row);
  return out;
}
