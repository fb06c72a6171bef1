// Principle × a document variable's values (a framework matrix): one row per principle, one column per
// value; each cell's shade says how many passages of the sources with that value link the principle,
// and a click lists them.
import type { FrameworkMatrix } from '../../../shared/analysis';
import { CHART, countColor, countTextColor, truncate } from './chart-theme';
import { ScaleLegend } from './Legend';
import { chartRole, clickable, type Selection } from './selection';

const LABEL_W = 250;
const HEAD_H = 130;
const CELL_W = 72;
const CELL_H = 34;

interface Props {
  framework: FrameworkMatrix;
  selectedKey?: string | null;
  onSelect?(selection: Selection): void;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function FrameworkChart({ framework, selectedKey, onSelect }: Props) {
  const { variable, principles, columns, cells, max } = framework;
  const width = LABEL_W + Math.max(420, columns.length * CELL_W + 24);
  const height = HEAD_H + principles.length * CELL_H + 60;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} fontFamily={CHART.font} role={chartRole(Boolean(onSelect))} aria-label={`Principle by ${variable.name} matrix`}>
      <rect width={width} height={height} fill={CHART.background} />
      <text x={LABEL_W} y={16} fontSize={12} fontWeight={600} fill={CHART.muted}>
        {variable.name}
      </text>
      {columns.map((column, j) => (
        <text key={column.value} transform={`translate(${LABEL_W + j * CELL_W + CELL_W / 2 + 4}, ${HEAD_H - 8}) rotate(-50)`} fontSize={12} fill={CHART.text}>
          <title>{`${variable.name}: ${column.label} (${plural(column.sources, 'source')})`}</title>
          {`${truncate(column.label, 18)} (${column.sources})`}
        </text>
      ))}
      {principles.map((principle, i) => (
        <g key={principle.id} transform={`translate(0, ${HEAD_H + i * CELL_H})`}>
          <circle cx={10} cy={CELL_H / 2} r={5} fill={principle.color} />
          <text x={22} y={CELL_H / 2 + 4} fontSize={12} fill={CHART.text}>
            <title>{principle.name}</title>
            {truncate(principle.name, 36)}
          </text>
          {cells[i]!.map((count, j) => {
            const column = columns[j]!;
            const key = `framework|${principle.id}|${column.value}`;
            const x = LABEL_W + j * CELL_W;
            const label = `${principle.name} × ${variable.name} ${column.label}: ${plural(count, 'passage')}`;
            const selector = { kind: 'framework' as const, principleId: principle.id, variableId: variable.id, value: column.value };
            return (
              <g key={column.value} {...(count && onSelect ? clickable(label, () => onSelect({ key, title: label, selector })) : {})} data-cell={key}>
                <title>{label}</title>
                <rect x={x + 1} y={1} width={CELL_W - 2} height={CELL_H - 2} rx={3} fill={countColor(count, max)} />
                {count > 0 && (
                  <text x={x + CELL_W / 2} y={CELL_H / 2 + 5} textAnchor="middle" fontSize={13} fontWeight={600} fill={countTextColor(count, max)}>
                    {count}
                  </text>
                )}
                {selectedKey === key && <rect x={x + 1} y={1} width={CELL_W - 2} height={CELL_H - 2} rx={3} fill="none" stroke={CHART.focus} strokeWidth={3} />}
              </g>
            );
          })}
        </g>
      ))}
      <g transform={`translate(${LABEL_W}, ${HEAD_H + principles.length * CELL_H + 18})`}>
        <ScaleLegend y={0} max={max} label="passages" />
      </g>
      {columns.length === 0 && (
        <text x={LABEL_W} y={HEAD_H - 20} fontSize={13} fill={CHART.muted}>
          No source is kept by the filter.
        </text>
      )}
    </svg>
  );
}
