// Colours and sizes shared by the charts. Charts carry their colours as SVG attributes (not CSS), so an
// exported SVG or PNG looks exactly like the chart on screen, with no stylesheet to bring along.
import type { Stance } from '../../../shared/model';

export const CHART = {
  font: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif",
  text: '#1f2328',
  muted: '#626a73',
  line: '#dedad2',
  background: '#ffffff',
  empty: '#f4f3ef',
  focus: '#2f6fba',
};

export const STANCE_COLORS: Record<Stance, string> = {
  supports: '#3b8a2e',
  opposes: '#c0392b',
  mixed: '#d97a16',
  mentions: '#8a9099',
};

const LOW = [232, 240, 248];
const HIGH = [31, 78, 130];

/** A sequential blue scale: 0 → the empty colour, max → dark blue. */
export function countColor(count: number, max: number): string {
  if (count <= 0 || max <= 0) return CHART.empty;
  const t = Math.sqrt(count / max); // square root: small counts stay visible beside a large one
  const mix = LOW.map((low, i) => Math.round(low + (HIGH[i]! - low) * t));
  return `rgb(${mix.join(' ')})`;
}

/** Text that stays readable on a countColor background. */
export function countTextColor(count: number, max: number): string {
  return max > 0 && Math.sqrt(count / max) > 0.55 ? '#ffffff' : CHART.text;
}

export function truncate(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** Round numbers for an axis: 0 … a nice maximum ≥ max, in 4–6 steps. */
export function niceTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += Math.max(1, step)) ticks.push(v);
  return ticks;
}
