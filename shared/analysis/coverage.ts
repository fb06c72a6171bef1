// Principle × source: which sources discuss which principle, and how much (passages and quoted text).
import type { Codebook, LibraryDocument, Principle } from '../model';
import type { Tally } from './tally';

/** A source as the coverage shows it. */
export interface CoverageSource {
  id: string;
  title: string;
  date: string | null;
}

export function coverageSource(document: LibraryDocument): CoverageSource {
  return { id: document.id, title: document.metadata.title, date: document.metadata.date };
}

export interface CoverageCell {
  /** Passages of this source linked to this principle. */
  count: number;
  /** Characters quoted in those passages. */
  characters: number;
}

export interface CoverageRow {
  document: CoverageSource;
  /** One cell per principle, in the codebook's order. */
  cells: CoverageCell[];
  /** Passages of this source linked to at least one principle. */
  coded: number;
  /** How many of the principles this source discusses at all. */
  breadth: number;
}

export interface Coverage {
  principles: Principle[];
  rows: CoverageRow[];
  max: number;
}

export type CoverageSort =
  | { by: 'title' | 'date' | 'coded' | 'breadth'; descending: boolean }
  | { by: 'principle'; principleId: string; descending: boolean };

/** One row per source given, from the tally's counts of that source's passages. */
export function buildCoverage(sources: readonly CoverageSource[], tally: Tally, codebook: Codebook): Coverage {
  const principles = codebook.principles;
  const rows = sources.map((document): CoverageRow => {
    const counts = tally.documents.get(document.id);
    const cells = principles.map((p) => {
      const cell = counts?.principles.get(p.id);
      return { count: cell?.count ?? 0, characters: cell?.characters ?? 0 };
    });
    return { document, cells, coded: counts?.coded ?? 0, breadth: cells.filter((c) => c.count > 0).length };
  });
  let max = 0;
  for (const row of rows) for (const cell of row.cells) max = Math.max(max, cell.count);
  return { principles, rows, max };
}

/** Rows in a new order; ties keep the title order so the table never jumps about. */
export function sortCoverage(coverage: Coverage, sort: CoverageSort): Coverage {
  const column = sort.by === 'principle' ? coverage.principles.findIndex((p) => p.id === sort.principleId) : -1;
  const key = (row: CoverageRow): string | number => {
    switch (sort.by) {
      case 'title':
        return row.document.title.toLocaleLowerCase();
      case 'date':
        return row.document.date ?? '';
      case 'coded':
        return row.coded;
      case 'breadth':
        return row.breadth;
      case 'principle':
        return row.cells[column]?.count ?? 0;
    }
  };
  const byTitle = (a: CoverageRow, b: CoverageRow) => a.document.title.localeCompare(b.document.title);
  const rows = [...coverage.rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const order = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb));
    return (sort.descending ? -order : order) || byTitle(a, b);
  });
  return { ...coverage, rows };
}

/** The coverage as a wide table: one row per source, one column per principle. */
export function coverageTable(coverage: Coverage): (string | number)[][] {
  return [
    ['source', 'date', ...coverage.principles.map((p) => p.name), 'coded_passages', 'principles_discussed'],
    ...coverage.rows.map((row) => [
      row.document.title,
      row.document.date ?? '',
      ...row.cells.map((c) => c.count),
      row.coded,
      row.breadth,
    ]),
  ];
}
