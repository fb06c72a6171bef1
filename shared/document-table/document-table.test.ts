import { describe, expect, it } from 'vitest';
import type { DocumentKind, DocumentListing } from '../model';
import {
  authorsText,
  cellText,
  documentStats,
  filterRows,
  nextSort,
  NO_DOCUMENT_FILTER,
  NUMBER_COLUMNS,
  prepareRow,
  sortRows,
  tableLayoutSchema,
  type DocumentFilter,
  type DocumentRow,
} from './index';

function row(id: string, title: string, extra: { authors?: string[]; date?: string | null; publication?: string; kind?: DocumentKind; format?: DocumentListing['format']; added?: string; annotations?: number; principles?: number; tags?: string[] } = {}): DocumentRow {
  return {
    document: {
      id,
      format: extra.format ?? 'text',
      originalName: `${id}.txt`,
      importedAt: extra.added ?? '2025-01-01T00:00:00.000Z',
      pageCount: null,
      metadata: { title, authors: extra.authors ?? [], date: extra.date ?? null, publication: extra.publication ?? null, url: null, doi: null, kind: extra.kind ?? 'article' },
    },
    stats: { annotations: extra.annotations ?? 0, principles: extra.principles ?? 0 },
    tags: extra.tags ?? [],
  };
}

const ROWS = [
  row('a', 'Paris Call for Trust and Security', { authors: ['Emmanuel Macron'], date: '2018-11-12', kind: 'treaty', added: '2025-01-03T00:00:00Z', annotations: 4, principles: 2, tags: ['core'] }),
  row('b', 'Über die Sicherheit', { authors: ['Jürgen Müller', 'Anna Schmidt', 'Li Wei'], date: '2019', publication: 'Zeitschrift', format: 'pdf', added: '2025-01-01T00:00:00Z', annotations: 1 }),
  row('c', 'annex 10 of the report', { authors: ['Organisation for Economic Co-operation and Development'], date: '2018-03', kind: 'report', format: 'html', added: '2025-01-02T00:00:00Z' }),
  row('d', 'Annex 9 of the report', { date: null, added: '2025-01-04T00:00:00Z', annotations: 2, principles: 1 }),
];
const titles = (rows: readonly DocumentRow[]) => rows.map((r) => r.document.id).join('');

describe('sorting the table', () => {
  it('sorts text ignoring case and accents, numbers inside text by value', () => {
    expect(titles(sortRows(ROWS, { column: 'title', descending: false }))).toBe('dcab');
    expect(titles(sortRows(ROWS, { column: 'title', descending: true }))).toBe('bacd');
  });

  it('sorts by full date within a year and keeps undated documents last both ways', () => {
    expect(titles(sortRows(ROWS, { column: 'year', descending: false }))).toBe('cabd');
    expect(titles(sortRows(ROWS, { column: 'year', descending: true }))).toBe('bacd');
  });

  it('sorts by counts, date added and first author, with the title breaking ties', () => {
    expect(titles(sortRows(ROWS, { column: 'annotations', descending: true }))).toBe('adbc');
    expect(titles(sortRows(ROWS, { column: 'principles', descending: false }))).toBe('cbda');
    expect(titles(sortRows(ROWS, { column: 'added', descending: true }))).toBe('dacb');
    expect(titles(sortRows(ROWS, { column: 'authors', descending: false }))).toBe('abcd');
    expect(titles(sortRows(ROWS, { column: 'publication', descending: false }))).toBe('bdca');
  });

  it('flips on a second click and starts counts largest first', () => {
    expect(nextSort({ column: 'title', descending: false }, 'title', NUMBER_COLUMNS)).toEqual({ column: 'title', descending: true });
    expect(nextSort({ column: 'title', descending: false }, 'annotations', NUMBER_COLUMNS)).toEqual({ column: 'annotations', descending: true });
    expect(nextSort({ column: 'added', descending: true }, 'year', NUMBER_COLUMNS)).toEqual({ column: 'year', descending: false });
  });
});

describe('filtering the table', () => {
  const prepared = ROWS.map(prepareRow);
  const only = (filter: Partial<DocumentFilter>) => titles(filterRows(prepared, { ...NO_DOCUMENT_FILTER, ...filter }));

  it('matches every typed word in title, authors, publication or tags, without regard to case or accents', () => {
    expect(only({ text: 'annex' })).toBe('cd');
    expect(only({ text: 'ANNEX 9' })).toBe('d');
    expect(only({ text: 'muller' })).toBe('b');
    expect(only({ text: 'zeitschrift über' })).toBe('b');
    expect(only({ text: '#core' })).toBe('a');
    expect(only({ text: 'co-operation' })).toBe('c');
    expect(only({ text: 'nowhere' })).toBe('');
    expect(only({ text: '   ' })).toBe('abcd');
  });

  it('filters by kind, format, year range, annotations and coding', () => {
    expect(only({ kinds: ['treaty', 'report'] })).toBe('ac');
    expect(only({ formats: ['pdf'] })).toBe('b');
    expect(only({ yearFrom: 2018, yearTo: 2018 })).toBe('ac');
    expect(only({ yearFrom: 2019 })).toBe('b');
    expect(only({ yearTo: 2018 })).toBe('ac');
    expect(only({ hasAnnotations: true })).toBe('abd');
    expect(only({ notCoded: true })).toBe('bc');
    expect(only({ hasAnnotations: true, notCoded: true, text: 'sicherheit' })).toBe('b');
  });

  it('shows a document not counted yet with empty counts, last in a count sort, in no count filter', () => {
    const uncounted: DocumentRow = { ...row('e', 'Not counted yet'), stats: null };
    const rows = [...ROWS, uncounted];
    expect(cellText(uncounted, 'annotations')).toBe('');
    expect(cellText(uncounted, 'principles')).toBe('');
    expect(titles(sortRows(rows, { column: 'annotations', descending: true }))).toBe('adbce');
    expect(titles(sortRows(rows, { column: 'annotations', descending: false }))).toBe('cbdae');
    const prepared = rows.map(prepareRow);
    expect(titles(filterRows(prepared, { ...NO_DOCUMENT_FILTER, hasAnnotations: true }))).toBe('abd');
    expect(titles(filterRows(prepared, { ...NO_DOCUMENT_FILTER, notCoded: true }))).toBe('bc');
  });
});

describe('cells and layout', () => {
  it('shows family names, et al. beyond two, and organisations whole', () => {
    expect(authorsText(['Jürgen Müller', 'Anna Schmidt', 'Li Wei'])).toBe('Müller et al.');
    expect(authorsText(['Lovelace, Ada', 'Charles Babbage'])).toBe('Lovelace, Babbage');
    expect(cellText(ROWS[2]!, 'authors')).toBe('Organisation for Economic Co-operation and Development');
    expect(cellText(ROWS[0]!, 'tags')).toBe('#core');
    expect(cellText(ROWS[3]!, 'year')).toBe('');
  });

  it('refuses a layout that hides the title or lists a column twice', () => {
    const ok = { columns: ['title', 'year'], widths: { year: 80 }, sort: { column: 'year', descending: false } };
    expect(tableLayoutSchema.safeParse(ok).success).toBe(true);
    expect(tableLayoutSchema.safeParse({ ...ok, columns: ['year'] }).success).toBe(false);
    expect(tableLayoutSchema.safeParse({ ...ok, columns: ['title', 'year', 'year'] }).success).toBe(false);
    expect(tableLayoutSchema.safeParse({ ...ok, widths: { year: 5 } }).success).toBe(false);
  });

  it('counts a document’s annotations and the distinct principles they code', () => {
    const body = (principles: string[]) => ({ color: 'yellow' as const, note: '', tags: [], principles, actors: [] });
    const annotation = (id: string, principles: string[]) => ({ id, documentId: 'a', created: '', modified: '', target: { selector: [] }, body: body(principles) });
    expect(documentStats([annotation('1', ['p1', 'p2']), annotation('2', ['p2']), annotation('3', [])])).toEqual({ annotations: 3, principles: 2 });
  });
});
