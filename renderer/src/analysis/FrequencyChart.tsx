// Code frequencies (how often each principle and actor is linked, actors split by stance) beside the
// co-occurrence of principles (how many passages link both).
import { STANCES } from '../../../shared/model';
import type { CoOccurrence, CodeFrequencies, PassageSelector } from '../../../shared/analysis';
import { CHART, STANCE_COLORS, countColor, countTextColor, niceTicks, truncate } from './chart-theme';
import { Legend } from './Legend';
import { chartRole, clickable, type Selection } from './selection';

const LABEL_W = 250;
const BAR_W = 300;
const ROW_H = 22;
const CO_CELL = 34;

interface Props {
  frequencies: CodeFrequencies;
  coOccurrence: CoOccurrence;
  selectedKey?: string | null;
  onSelect?(selection: Selection): void;
}

export function FrequencyChart({ frequencies, coOccurrence, selectedKey, onSelect }: Props) {
  const actors = frequencies.actors.slice(0, 30);
  const max = Math.max(1, ...frequencies.principles.map((f) => f.count), ...actors.map((f) => f.count));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1]!;
  const scale = (n: number) => (BAR_W * n) / top;
  const principlesTop = 40;
  const actorsTop = principlesTop + frequencies.principles.length * ROW_H + 70;
  const coTop = actorsTop + Math.max(1, actors.length) * ROW_H + 80;
  const n = coOccurrence.principles.length;
  const coHead = 150;
  const width = Math.max(LABEL_W + BAR_W + 80, LABEL_W + n * CO_CELL + 20);
  const height = coTop + coHead + n * CO_CELL + 20;
  const bar = (key: string, label: string, count: number, selector: PassageSelector, x: number, y: number, w: number, color: string) => (
    <rect
      key={key}
      x={x}
      y={y}
      width={Math.max(0, w)}
      height={ROW_H - 6}
      fill={color}
      stroke={selectedKey === key ? CHART.focus : 'none'}
      strokeWidth={2}
      {...(count && onSelect ? clickable(label, () => onSelect({ key, title: label, selector })) : {})}
    >
      <title>{label}</title>
    </rect>
  );
  const axis = (y: number) => (
    <g transform={`translate(${LABEL_W}, ${y})`}>
      {ticks.map((t) => (
        <g key={t} transform={`translate(${scale(t)}, 0)`}>
          <line y1={0} y2={4} stroke={CHART.muted} />
          <text y={16} fontSize={10} textAnchor="middle" fill={CHART.muted}>
            {t}
          </text>
        </g>
      ))}
      <line x2={BAR_W} stroke={CHART.line} />
    </g>
  );
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} fontFamily={CHART.font} role={chartRole(Boolean(onSelect))} aria-label="Code frequencies and co-occurrence">
      <rect width={width} height={height} fill={CHART.background} />
      <text x={8} y={principlesTop - 16} fontSize={14} fontWeight={700} fill={CHART.text}>
        Passages per principle
      </text>
      {frequencies.principles.map((f, i) => {
        const y = principlesTop + i * ROW_H;
        const label = `${f.principle.name}: ${f.count} ${f.count === 1 ? 'passage' : 'passages'}`;
        return (
          <g key={f.principle.id}>
            <text x={8} y={y + 12} fontSize={12} fill={CHART.text}>
              <title>{f.principle.name}</title>
              {truncate(f.principle.name, 36)}
            </text>
            {bar(`p|${f.principle.id}`, label, f.count, { kind: 'principle', principleId: f.principle.id }, LABEL_W, y, scale(f.count), f.principle.color)}
            <text x={LABEL_W + scale(f.count) + 6} y={y + 12} fontSize={11} fill={CHART.muted}>
              {f.count}
            </text>
          </g>
        );
      })}
      {axis(principlesTop + frequencies.principles.length * ROW_H + 2)}

      <text x={8} y={actorsTop - 16} fontSize={14} fontWeight={700} fill={CHART.text}>
        Passages per actor, by stance
      </text>
      <g transform={`translate(${LABEL_W + 240}, ${actorsTop - 16})`}>
        <Legend items={STANCES.map((s) => ({ label: s, color: STANCE_COLORS[s] }))} x={-240} />
      </g>
      {actors.length === 0 && (
        <text x={8} y={actorsTop + 12} fontSize={12} fill={CHART.muted}>
          No passage is linked to an actor yet.
        </text>
      )}
      {actors.map((f, i) => {
        const y = actorsTop + 8 + i * ROW_H;
        let x = LABEL_W;
        return (
          <g key={f.actor.id}>
            <text x={8} y={y + 12} fontSize={12} fill={CHART.text}>
              <title>{f.actor.name}</title>
              {truncate(f.actor.name, 36)}
            </text>
            {STANCES.map((stance) => {
              const w = scale(f.counts[stance]);
              const start = x;
              x += w;
              if (!f.counts[stance]) return null;
              return bar(`a|${f.actor.id}|${stance}`, `${f.actor.name}: ${f.counts[stance]} ${stance}`, f.counts[stance], { kind: 'actor', actorId: f.actor.id, stance }, start, y, w, STANCE_COLORS[stance]);
            })}
            <text x={x + 6} y={y + 12} fontSize={11} fill={CHART.muted}>
              {f.count}
            </text>
          </g>
        );
      })}
      {actors.length > 0 && axis(actorsTop + 8 + actors.length * ROW_H + 2)}

      <text x={8} y={coTop - 16} fontSize={14} fontWeight={700} fill={CHART.text}>
        Principles linked to the same passages
      </text>
      {coOccurrence.principles.map((p, j) => (
        <text key={p.id} transform={`translate(${LABEL_W + j * CO_CELL + CO_CELL / 2 + 4}, ${coTop + coHead - 8}) rotate(-50)`} fontSize={11} fill={CHART.text}>
          <title>{p.name}</title>
          {truncate(p.name, 24)}
        </text>
      ))}
      {coOccurrence.principles.map((p, i) => (
        <g key={p.id} transform={`translate(0, ${coTop + coHead + i * CO_CELL})`}>
          <text x={8} y={CO_CELL / 2 + 4} fontSize={12} fill={CHART.text}>
            <title>{p.name}</title>
            {truncate(p.name, 36)}
          </text>
          {coOccurrence.principles.map((q, j) => {
            const count = coOccurrence.counts[i]![j]!;
            const diagonal = i === j;
            const key = `co|${p.id}|${q.id}`;
            const label = diagonal ? `${p.name}: ${count} passages in all` : `${p.name} and ${q.name}: ${count} ${count === 1 ? 'passage' : 'passages'}`;
            const x = LABEL_W + j * CO_CELL;
            return (
              <g key={q.id} {...(count && onSelect ? clickable(label, () => onSelect({ key, title: label, selector: { kind: 'pair', principleIds: [p.id, q.id] } })) : {})}>
                <title>{label}</title>
                <rect x={x + 1} y={1} width={CO_CELL - 2} height={CO_CELL - 2} rx={2} fill={diagonal ? CHART.empty : countColor(count, coOccurrence.max)} stroke={selectedKey === key ? CHART.focus : 'none'} strokeWidth={3} />
                {count > 0 && (
                  <text x={x + CO_CELL / 2} y={CO_CELL / 2 + 4} textAnchor="middle" fontSize={11} fill={diagonal ? CHART.muted : countTextColor(count, coOccurrence.max)}>
                    {count}
                  </text>
                )}
              </g>
            );
          })}
        </g>
      ))}
    </svg>
  );
}
