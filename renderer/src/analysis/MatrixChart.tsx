// Principle × actor: one row per principle, one column per actor; each cell's shade says how many
// passages link the two, and the bar at its foot splits them by the actor's stance.
import { STANCES } from '../../../shared/model';
import type { PrincipleActorMatrix } from '../../../shared/analysis';
import { ACTOR_KIND_LABELS } from '../../../shared/model';
import { CHART, STANCE_COLORS, countColor, countTextColor, truncate } from './chart-theme';
import { chartRole, clickable, type Selection } from './selection';
import { Legend, ScaleLegend } from './Legend';

const LABEL_W = 250;
const HEAD_H = 130;
const CELL_W = 56;
const CELL_H = 38;
const BAR_H = 6;

interface Props {
  matrix: PrincipleActorMatrix;
  selectedKey?: string | null;
  onSelect?(selection: Selection): void;
}

export function MatrixChart({ matrix, selectedKey, onSelect }: Props) {
  const width = LABEL_W + Math.max(420, matrix.actors.length * CELL_W + 24);
  const height = HEAD_H + matrix.principles.length * CELL_H + 70;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} fontFamily={CHART.font} role={chartRole(Boolean(onSelect))} aria-label="Principle by actor matrix">
      <rect width={width} height={height} fill={CHART.background} />
      {matrix.actors.map((actor, j) => (
        <text
          key={actor.id}
          transform={`translate(${LABEL_W + j * CELL_W + CELL_W / 2 + 4}, ${HEAD_H - 8}) rotate(-50)`}
          fontSize={12}
          fill={CHART.text}
        >
          <title>{`${actor.name} (${ACTOR_KIND_LABELS[actor.kind]})`}</title>
          {truncate(actor.name, 22)}
        </text>
      ))}
      {matrix.principles.map((principle, i) => (
        <g key={principle.id} transform={`translate(0, ${HEAD_H + i * CELL_H})`}>
          <circle cx={10} cy={CELL_H / 2} r={5} fill={principle.color} />
          <text x={22} y={CELL_H / 2 + 4} fontSize={12} fill={CHART.text}>
            <title>{principle.name}</title>
            {truncate(principle.name, 36)}
          </text>
          {matrix.cells[i]!.map((cell, j) => {
            const actor = matrix.actors[j]!;
            const key = `${principle.id}|${actor.id}`;
            const x = LABEL_W + j * CELL_W;
            const label = `${principle.name} × ${actor.name}: ${cell.total} ${cell.total === 1 ? 'passage' : 'passages'}${
              cell.total ? ` (${STANCES.filter((s) => cell.counts[s]).map((s) => `${cell.counts[s]} ${s}`).join(', ')})` : ''
            }`;
            let offset = 0;
            return (
              <g
                key={actor.id}
                {...(cell.total && onSelect ? clickable(label, () => onSelect({ key, title: label, selector: { kind: 'cell', principleId: principle.id, actorId: actor.id } })) : {})}
                data-cell={key}
              >
                <title>{label}</title>
                <rect x={x + 1} y={1} width={CELL_W - 2} height={CELL_H - 2} rx={3} fill={countColor(cell.total, matrix.max)} />
                {cell.total > 0 && (
                  <>
                    <text x={x + CELL_W / 2} y={CELL_H / 2 + 1} textAnchor="middle" fontSize={13} fontWeight={600} fill={countTextColor(cell.total, matrix.max)}>
                      {cell.total}
                    </text>
                    {STANCES.map((stance) => {
                      const w = ((CELL_W - 10) * cell.counts[stance]) / cell.total;
                      const bar = <rect key={stance} x={x + 5 + offset} y={CELL_H - BAR_H - 4} width={w} height={BAR_H} fill={STANCE_COLORS[stance]} />;
                      offset += w;
                      return cell.counts[stance] ? bar : null;
                    })}
                  </>
                )}
                {selectedKey === key && <rect x={x + 1} y={1} width={CELL_W - 2} height={CELL_H - 2} rx={3} fill="none" stroke={CHART.focus} strokeWidth={3} />}
              </g>
            );
          })}
        </g>
      ))}
      <g transform={`translate(${LABEL_W}, ${HEAD_H + matrix.principles.length * CELL_H + 18})`}>
        <Legend items={STANCES.map((s) => ({ label: s, color: STANCE_COLORS[s] }))} />
        <ScaleLegend y={26} max={matrix.max} label="passages" />
      </g>
      {matrix.actors.length === 0 && (
        <text x={LABEL_W} y={HEAD_H - 20} fontSize={13} fill={CHART.muted}>
          No passage links a principle to an actor of the chosen kinds yet.
        </text>
      )}
    </svg>
  );
}
