// Principle × source: which sources discuss which principle, and how much (passages and quoted text).
import type { Codebook, LibraryDocument, Principle } from '../model';
import type { CodedPassage } from './passages';

export interface CoverageCell {
  principleId: string;
  documentId: string;
  /** Passages of this source linked to this principle. */
  count: number;
  /** Characters quoted in those passages. */
  characters: number;
  passageIds: string[];
}

export interface CoverageRow {
  document: LibraryDocument;
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

export function buildCoverage(documents: readonly LibraryDocument[], passages: readonly CodedPassage[], codebook: Codebook): Coverage {
  const principles = codebook.principles;
  const columnOf = new Map(principles.map((p, i) => [p.id, i]));
  const rowOf = new Map(documents.map((d, i) => [d.id, i]));
  const rows: CoverageRow[] = documents.map((document) => ({
    document,
    cells: principles.map((p) => ({ principleId: p.id, documentId: document.id, count: 0, characters: 0, passageIds: [] })),
    coded: 0,
    breadth: 0,
  }));
  for (const passage of passages) {
    const row = rowOf.get(passage.documentId);
    if (row === undefined) continue;
    let linked = false;
    for (const principleId of new Set(passage.principles)) {
      const column = columnOf.get(principleId);
      if (column === undefined) continue;
      const cell = rows[row]!.cells[column]!;
      cell.count++;
      cell.characters += passage.quote.length;
      cell.passageIds.push(passage.annotationId);
      linked = true;
    }
    if (linked) rows[row]!.coded++;
  }
  for (const row of rows) row.breadth = row.cells.filter((c) => c.count > 0).length;
  const max = Math.max(0, ...rows.flatMap((r) => r.cells.map((c) => c.count)));
  return { principles, rows, max };
}

/** Rows in a new order; ties keep the title order so the table never jumps about. */
export function sortCoverage(coverage: Coverage, sort: CoverageSort): Coverage {
  const key = (row: CoverageRow): string | number => {
    switch (sort.by) {
      case 'title':
        return row.document.metadata.title.toLocaleLowerCase();
      case 'date':
        return row.document.metadata.date ?? '';
      case 'coded':
        return row.coded;
      case 'breadth':
        return row.breadth;
      case 'principle':
        return row.cells.find((c) => c.principleId === sort.principleId)?.count ?? 0;
    }
  };
  const byTitle = (a: CoverageRow, b: CoverageRow) => a.document.metadata.title.localeCompare(b.document.metadata.title);
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
      row.document.metadata.title,
      row.document.metadata.date ?? '',
      ...row.cells.map((c) => c.count),
      row.coded,
      row.breadth,
    ]),
  ];
}
