// The columns of the library's document table: what each shows and how it sorts. Pure.
import { z } from 'zod';
import { DOCUMENT_KIND_LABELS, type DocumentListing } from '../model';

/** What main counts for each document, for the table's number columns and filters. */
export interface DocumentStats {
  annotations: number;
  /** Distinct principles linked by the document's passages. */
  principles: number;
}

export const NO_STATS: DocumentStats = { annotations: 0, principles: 0 };

/** One row of the table: a document with what is known about it besides its metadata. */
export interface DocumentRow {
  document: DocumentListing;
  /** Null while main has not counted yet: shown empty, never as a misleading 0. */
  stats: DocumentStats | null;
  /** Its document tags. */
  tags: readonly string[];
  /** Its document variables' values, as one line ("Country: France; Pages: 12"). */
  variables?: string;
}

export const DOCUMENT_COLUMNS = ['title', 'authors', 'year', 'publication', 'kind', 'format', 'added', 'annotations', 'principles', 'tags', 'variables'] as const;
export type DocumentColumn = (typeof DOCUMENT_COLUMNS)[number];

export const COLUMN_LABELS: Record<DocumentColumn, string> = {
  title: 'Title',
  authors: 'Authors',
  year: 'Year',
  publication: 'Publication',
  kind: 'Kind',
  format: 'Format',
  added: 'Date added',
  annotations: 'Annotations',
  principles: 'Principles coded',
  tags: 'Tags',
  variables: 'Variables',
};

/** Widths in CSS pixels. */
export const DEFAULT_COLUMN_WIDTHS: Record<DocumentColumn, number> = {
  title: 360,
  authors: 180,
  year: 76,
  publication: 180,
  kind: 120,
  format: 72,
  added: 110,
  annotations: 100,
  principles: 130,
  tags: 160,
  variables: 240,
};
export const MIN_COLUMN_WIDTH = 48;
export const MAX_COLUMN_WIDTH = 1_200;

/** Columns whose values are numbers: they line up on the right and sort largest first on a first click. */
export const NUMBER_COLUMNS: ReadonlySet<DocumentColumn> = new Set(['annotations', 'principles']);

export const documentColumnSchema = z.enum(DOCUMENT_COLUMNS);

export const tableSortSchema = z.strictObject({ column: documentColumnSchema, descending: z.boolean() });
export type TableSort = z.output<typeof tableSortSchema>;

/** Which columns show, in which order, how wide, and the sort: kept in the settings. */
export const tableLayoutSchema = z.strictObject({
  columns: z
    .array(documentColumnSchema)
    .min(1)
    .max(DOCUMENT_COLUMNS.length)
    .refine((c) => new Set(c).size === c.length, { message: 'a column is listed twice' })
    .refine((c) => c.includes('title'), { message: 'the title column cannot be hidden' }),
  widths: z.partialRecord(documentColumnSchema, z.number().int().min(MIN_COLUMN_WIDTH).max(MAX_COLUMN_WIDTH)),
  sort: tableSortSchema,
});
export type TableLayout = z.output<typeof tableLayoutSchema>;

export const DEFAULT_TABLE_LAYOUT: TableLayout = {
  columns: ['title', 'authors', 'year', 'kind', 'added', 'annotations'],
  widths: {},
  // Newest first, as the library has always listed them.
  sort: { column: 'added', descending: true },
};

export function columnWidth(layout: TableLayout, column: DocumentColumn): number {
  return layout.widths[column] ?? DEFAULT_COLUMN_WIDTHS[column];
}

/** "Smith, Jones" or "Smith et al.": authors as a table cell. */
export function authorsText(authors: readonly string[]): string {
  return authors.length > 2 ? `${familyName(authors[0]!)} et al.` : authors.map(familyName).join(', ');
}

/** The family name of "Ada Lovelace" or "Lovelace, Ada"; an organisation's name whole. */
export function familyName(author: string): string {
  const comma = author.indexOf(',');
  if (comma > 0) return author.slice(0, comma).trim();
  const words = author.trim().split(/\s+/);
  // Two or three words read as a person's name; longer ones as an organisation ("European Union Agency for …").
  return words.length >= 2 && words.length <= 3 ? words[words.length - 1]! : author.trim();
}

/** What a cell shows. Empty values are ''. */
export function cellText(row: DocumentRow, column: DocumentColumn): string {
  const { metadata } = row.document;
  switch (column) {
    case 'title':
      return metadata.title;
    case 'authors':
      return authorsText(metadata.authors);
    case 'year':
      return metadata.date?.slice(0, 4) ?? '';
    case 'publication':
      return metadata.publication ?? '';
    case 'kind':
      return DOCUMENT_KIND_LABELS[metadata.kind];
    case 'format':
      return row.document.format.toUpperCase();
    case 'added':
      return row.document.importedAt.slice(0, 10);
    case 'annotations':
      return row.stats ? String(row.stats.annotations) : '';
    case 'principles':
      return row.stats ? String(row.stats.principles) : '';
    case 'tags':
      return row.tags.map((t) => `#${t}`).join(' ');
    case 'variables':
      return row.variables ?? '';
  }
}
