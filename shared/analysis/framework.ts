// Principle × a document variable's values (a "framework matrix"): how many passages of the sources
// with each value link each principle. Summed from the tally's per-source counts, so it follows every
// change the tally follows; a source without a value for the variable counts under "(no value)".
import type { Codebook, Principle } from '../model';
import { formatValue, type DocumentVariable, type VariableValues } from '../variables/model';
import type { Tally } from './tally';

/** The column of the sources without a value. */
export const NO_VALUE = '';

export interface FrameworkColumn {
  /** The value as text (NO_VALUE for none), as the drill-down names it. */
  value: string;
  label: string;
  /** Sources with this value (among those the filter keeps). */
  sources: number;
}

export interface FrameworkMatrix {
  variable: DocumentVariable;
  principles: Principle[];
  columns: FrameworkColumn[];
  /** cells[row][column]: passages; row = principle, column = value. */
  cells: number[][];
  max: number;
}

/** The value a source has for a variable, as text (NO_VALUE for none). */
export function valueOf(values: VariableValues, documentId: string, variableId: string): string {
  return formatValue(values[documentId]?.[variableId]);
}

/**
 * Columns: a list's choices in their order, else the values in use in sorted order (numbers by size);
 * "(no value)" last, when some source has none. Values no source kept has are left out.
 */
export function buildFramework(tally: Tally, sourceIds: readonly string[], variable: DocumentVariable, values: VariableValues, codebook: Codebook): FrameworkMatrix {
  const bySource = new Map<string, number[]>();
  const principles = codebook.principles;
  const sources = new Map<string, number>();
  for (const id of sourceIds) {
    const value = valueOf(values, id, variable.id);
    sources.set(value, (sources.get(value) ?? 0) + 1);
    const row = bySource.get(value) ?? bySource.set(value, principles.map(() => 0)).get(value)!;
    const counts = tally.documents.get(id)?.principles;
    if (counts) principles.forEach((p, i) => (row[i]! += counts.get(p.id)?.count ?? 0));
  }
  const used = [...sources.keys()].filter((v) => v !== NO_VALUE);
  const ordered =
    variable.type === 'choice'
      ? [...variable.choices.filter((c) => sources.has(c)), ...used.filter((v) => !variable.choices.includes(v))]
      : variable.type === 'number'
        ? used.sort((a, b) => Number(a) - Number(b))
        : used.sort((a, b) => a.localeCompare(b));
  if (sources.has(NO_VALUE)) ordered.push(NO_VALUE);
  const columns = ordered.map((value) => ({ value, label: value === NO_VALUE ? '(no value)' : value, sources: sources.get(value)! }));
  const cells = principles.map((_, i) => columns.map((c) => bySource.get(c.value)![i]!));
  return { variable, principles, columns, cells, max: Math.max(0, ...cells.flat()) };
}

/** The framework as rows of a long table: one row per non-empty cell. */
export function frameworkTable(framework: FrameworkMatrix): (string | number)[][] {
  // "sources_with_value": how many sources have the column's value (the column head's count), not
  // how many of them have passages in the cell.
  const rows: (string | number)[][] = [['principle', framework.variable.name, 'sources_with_value', 'passages']];
  framework.cells.forEach((row, i) =>
    row.forEach((count, j) => {
      if (count > 0) rows.push([framework.principles[i]!.name, framework.columns[j]!.label, framework.columns[j]!.sources, count]);
    }),
  );
  return rows;
}
