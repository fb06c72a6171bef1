// Legends drawn in SVG, so they travel with an exported chart.
import { CHART, countColor } from './chart-theme';

export function Legend({ items, x = 0, y = 0 }: { items: { label: string; color: string }[]; x?: number; y?: number }) {
  const starts = items.map((_, i) => x + items.slice(0, i).reduce((sum, item) => sum + 36 + item.label.length * 7, 0));
  return (
    <g>
      {items.map((item, i) => {
        const start = starts[i]!;
        return (
          <g key={item.label} transform={`translate(${start}, ${y})`}>
            <rect width={14} height={10} y={-9} rx={2} fill={item.color} />
            <text x={20} fontSize={12} fill={CHART.text}>
              {item.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** The colour scale: from 1 to the largest count. */
export function ScaleLegend({ x = 0, y = 0, max, label }: { x?: number; y?: number; max: number; label: string }) {
  if (max <= 0) return null;
  const steps = Math.min(max, 6);
  const values = Array.from({ length: steps }, (_, i) => Math.max(1, Math.round(((i + 1) * max) / steps)));
  return (
    <g transform={`translate(${x}, ${y})`}>
      {values.map((v, i) => (
        <g key={i} transform={`translate(${i * 30}, 0)`}>
          <rect width={28} height={12} y={-10} fill={countColor(v, max)} />
          <text x={14} y={14} fontSize={10} textAnchor="middle" fill={CHART.muted}>
            {v}
          </text>
        </g>
      ))}
      <text x={steps * 30 + 6} fontSize={12} fill={CHART.muted}>
        {label}
      </text>
    </g>
  );
}
