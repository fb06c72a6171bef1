// Passages per principle over the publication dates of their sources: one line per principle, a dot
// per bucket that has passages (click it for them). Undated passages are counted apart.
import type { Timeline } from '../../../shared/analysis';
import { CHART, niceTicks, truncate } from './chart-theme';
import { chartRole, clickable, type Selection } from './selection';

const LEFT = 50;
const TOP = 44;
const PLOT_H = 300;
const LEGEND_W = 300;

interface Props {
  timeline: Timeline;
  selectedKey?: string | null;
  onSelect?(selection: Selection): void;
}

export function TimelineChart({ timeline, selectedKey, onSelect }: Props) {
  const series = timeline.series.filter((s) => s.counts.some((c) => c > 0) || s.undated > 0);
  const buckets = timeline.buckets;
  const step = buckets.length > 1 ? Math.max(28, 640 / (buckets.length - 1)) : 0;
  const plotW = Math.max(480, step * Math.max(1, buckets.length - 1));
  const width = LEFT + plotW + 40 + LEGEND_W;
  const height = TOP + PLOT_H + 90;
  const ticks = niceTicks(timeline.max);
  const top = ticks[ticks.length - 1]!;
  const x = (k: number) => LEFT + (buckets.length > 1 ? k * step : plotW / 2);
  const y = (n: number) => TOP + PLOT_H - (PLOT_H * n) / top;
  const every = Math.ceil(buckets.length / Math.max(1, Math.floor(plotW / 56)));
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} fontFamily={CHART.font} role={chartRole(Boolean(onSelect))} aria-label="Passages per principle over publication dates">
      <rect width={width} height={height} fill={CHART.background} />
      {ticks.map((t) => (
        <g key={t}>
          <line x1={LEFT} x2={LEFT + plotW} y1={y(t)} y2={y(t)} stroke={CHART.line} />
          <text x={LEFT - 8} y={y(t) + 4} fontSize={10} textAnchor="end" fill={CHART.muted}>
            {t}
          </text>
        </g>
      ))}
      {buckets.map((bucket, k) =>
        k % every === 0 || k === buckets.length - 1 ? (
          <text key={bucket} x={x(k)} y={TOP + PLOT_H + 18} fontSize={11} textAnchor="middle" fill={CHART.muted}>
            {bucket}
          </text>
        ) : null,
      )}
      <text x={LEFT} y={TOP - 22} fontSize={11} fill={CHART.muted}>
        {`Passages per ${timeline.granularity}, by the publication date of their source`}
      </text>
      {buckets.length === 0 && (
        <text x={LEFT + 10} y={TOP + PLOT_H / 2} fontSize={13} fill={CHART.muted}>
          No passage comes from a dated source. Add dates in the documents’ details.
        </text>
      )}
      {series.map((s) => (
        <g key={s.principle.id}>
          <polyline points={s.counts.map((c, k) => `${x(k)},${y(c)}`).join(' ')} fill="none" stroke={s.principle.color} strokeWidth={2} />
          {s.counts.map((c, k) => {
            if (!c) return null;
            const key = `${s.principle.id}|${buckets[k]}`;
            const label = `${s.principle.name}, ${buckets[k]}: ${c} ${c === 1 ? 'passage' : 'passages'}`;
            return (
              <circle
                key={k}
                cx={x(k)}
                cy={y(c)}
                r={selectedKey === key ? 7 : 5}
                fill={s.principle.color}
                stroke={selectedKey === key ? CHART.focus : CHART.background}
                strokeWidth={2}
                {...(onSelect ? clickable(label, () => onSelect({ key, title: label, selector: { kind: 'timeline', principleId: s.principle.id, bucket: buckets[k]!, granularity: timeline.granularity } })) : {})}
              >
                <title>{label}</title>
              </circle>
            );
          })}
        </g>
      ))}
      <g transform={`translate(${LEFT + plotW + 40}, ${TOP})`}>
        {series.map((s, i) => (
          <g key={s.principle.id} transform={`translate(0, ${i * 20})`}>
            <rect width={14} height={4} y={-5} fill={s.principle.color} />
            <text x={20} fontSize={12} fill={CHART.text}>
              <title>{s.principle.name}</title>
              {truncate(s.principle.name, 30) + (s.undated ? ` (+${s.undated} undated)` : '')}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}
