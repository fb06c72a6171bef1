// Principle × source: one row per source, one column per principle; the shade and number say how many
// of the source's passages discuss the principle. Column headings sort the rows.
import type { Coverage, CoverageSort } from '../../../shared/analysis';
import { CHART, countColor, countTextColor, truncate } from './chart-theme';
import { ScaleLegend } from './Legend';
import { chartRole, clickable, type Selection } from './selection';

/** Source titles, then dates ("2018-11-12" needs about 62 px at 11 px), then the counts. */
const TITLE_W = 262;
const DATE_X = 8 + TITLE_W + 6;
const LABEL_W = DATE_X + 72;
const MIN_HEAD_H = 150;
const CELL_W = 48;
const CELL_H = 28;
const TOTAL_W = 70;

interface Props {
  coverage: Coverage;
  sort: CoverageSort;
  selectedKey?: string | null;
  onSelect?(selection: Selection): void;
  onSort?(sort: CoverageSort): void;
}

/** About how wide a 12 px label is (an average sans-serif advance): enough to leave it room. */
const labelWidth = (label: string) => label.length * 6.8 + 16;
const ANGLE = (50 * Math.PI) / 180;

export function CoverageChart({ coverage, sort, selectedKey, onSelect, onSort }: Props) {
  const columns = coverage.principles.length;
  // Principle names are written whole, slanted: the heading is as tall, and the picture as wide, as
  // the longest needs.
  const slanted = [
    ...coverage.principles.map((p, j) => ({ label: p.name, x: LABEL_W + j * CELL_W + CELL_W / 2 + 4 })),
    { label: 'Passages', x: LABEL_W + columns * CELL_W + 22 },
    { label: 'Principles', x: LABEL_W + columns * CELL_W + TOTAL_W + 22 },
  ].map((h) => ({ ...h, width: labelWidth(`${h.label} ▼`) }));
  const HEAD_H = Math.max(MIN_HEAD_H, Math.ceil(Math.max(...slanted.map((h) => h.width)) * Math.sin(ANGLE)) + 16);
  const width = Math.ceil(Math.max(LABEL_W + columns * CELL_W + 2 * TOTAL_W + 16, ...slanted.map((h) => h.x + h.width * Math.cos(ANGLE))));
  const height = HEAD_H + Math.max(1, coverage.rows.length) * CELL_H + 50;
  const arrow = (active: boolean) => (active ? (sort.descending ? ' ▼' : ' ▲') : '');
  const sortBy = (next: CoverageSort) => onSort?.(next);
  const toggle = (by: CoverageSort['by'], principleId?: string): CoverageSort => {
    const same = sort.by === by && (by !== 'principle' || (sort.by === 'principle' && sort.principleId === principleId));
    const descending = same ? !sort.descending : by !== 'title';
    return by === 'principle' ? { by, principleId: principleId!, descending } : { by, descending };
  };
  const heading = (label: string, x: number, active: boolean, next: CoverageSort, rotate = true) => (
    <text
      transform={rotate ? `translate(${x}, ${HEAD_H - 8}) rotate(-50)` : `translate(${x}, ${HEAD_H - 8})`}
      fontSize={12}
      fontWeight={active ? 700 : 400}
      fill={CHART.text}
      {...(onSort ? clickable(`Sort by ${label}`, () => sortBy(next)) : {})}
    >
      <title>{`Sort by ${label}`}</title>
      {label + arrow(active)}
    </text>
  );
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} fontFamily={CHART.font} role={chartRole(Boolean(onSelect ?? onSort))} aria-label="Principle coverage by source">
      <rect width={width} height={height} fill={CHART.background} />
      {heading('Source', 8, sort.by === 'title', toggle('title'), false)}
      {heading('Date', DATE_X, sort.by === 'date', toggle('date'), false)}
      {coverage.principles.map((p, j) =>
        <g key={p.id}>{heading(p.name, LABEL_W + j * CELL_W + CELL_W / 2 + 4, sort.by === 'principle' && sort.principleId === p.id, toggle('principle', p.id))}</g>,
      )}
      {heading('Passages', LABEL_W + columns * CELL_W + 22, sort.by === 'coded', toggle('coded'))}
      {heading('Principles', LABEL_W + columns * CELL_W + TOTAL_W + 22, sort.by === 'breadth', toggle('breadth'))}
      {coverage.principles.map((p, j) => (
        <rect key={p.id} x={LABEL_W + j * CELL_W + 4} y={HEAD_H - 4} width={CELL_W - 8} height={3} fill={p.color} />
      ))}
      {coverage.rows.map((row, i) => (
        <g key={row.document.id} transform={`translate(0, ${HEAD_H + i * CELL_H})`}>
          <text x={8} y={CELL_H / 2 + 4} fontSize={12} fill={CHART.text}>
            <title>{row.document.title}</title>
            {truncate(row.document.title, 38)}
          </text>
          <text x={DATE_X} y={CELL_H / 2 + 4} fontSize={11} fill={CHART.muted}>
            {row.document.date ?? 'n.d.'}
          </text>
          {row.cells.map((cell, j) => {
            const principle = coverage.principles[j]!;
            const key = `${row.document.id}|${principle.id}`;
            const label = `${row.document.title} · ${principle.name}: ${cell.count} ${cell.count === 1 ? 'passage' : 'passages'}`;
            const x = LABEL_W + j * CELL_W;
            return (
              <g key={principle.id} {...(cell.count && onSelect ? clickable(label, () => onSelect({ key, title: label, selector: { kind: 'coverage', documentId: row.document.id, principleId: principle.id } })) : {})} data-cell={key}>
                <title>{`${label}, ${cell.characters} characters quoted`}</title>
                <rect x={x + 1} y={1} width={CELL_W - 2} height={CELL_H - 2} rx={3} fill={countColor(cell.count, coverage.max)} />
                {cell.count > 0 && (
                  <text x={x + CELL_W / 2} y={CELL_H / 2 + 4} textAnchor="middle" fontSize={12} fontWeight={600} fill={countTextColor(cell.count, coverage.max)}>
                    {cell.count}
                  </text>
                )}
                {selectedKey === key && <rect x={x + 1} y={1} width={CELL_W - 2} height={CELL_H - 2} rx={3} fill="none" stroke={CHART.focus} strokeWidth={3} />}
              </g>
            );
          })}
          <text x={LABEL_W + columns * CELL_W + TOTAL_W / 2} y={CELL_H / 2 + 4} textAnchor="middle" fontSize={12} fill={CHART.text}>
            {row.coded}
          </text>
          <text x={LABEL_W + columns * CELL_W + TOTAL_W * 1.5} y={CELL_H / 2 + 4} textAnchor="middle" fontSize={12} fill={CHART.text}>
            {`${row.breadth} / ${columns}`}
          </text>
        </g>
      ))}
      {coverage.rows.length === 0 && (
        <text x={8} y={HEAD_H + 18} fontSize={13} fill={CHART.muted}>
          No source matches the filter.
        </text>
      )}
      <ScaleLegend x={LABEL_W} y={HEAD_H + Math.max(1, coverage.rows.length) * CELL_H + 28} max={coverage.max} label="passages" />
    </svg>
  );
}
