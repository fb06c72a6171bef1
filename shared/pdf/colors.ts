// Our highlight colours as the RGB a PDF annotation carries (/C), and the nearest of ours for a colour
// found in a PDF made by another program. The values are the opaque colours of theme.css's --hl-*
// (Zotero's palette), so a PDF exported by Apostil comes back in the colours it left with.
import type { HighlightColor } from '../model';

/** 0–255 per channel. */
export type Rgb = readonly [number, number, number];

export const HIGHLIGHT_RGB: Record<HighlightColor, Rgb> = {
  yellow: [255, 212, 0],
  green: [95, 178, 54],
  blue: [46, 168, 229],
  pink: [255, 102, 160],
  purple: [162, 138, 229],
  orange: [241, 152, 55],
};

function hueAndSaturation([r, g, b]: Rgb): { hue: number; saturation: number } {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const chroma = max - min;
  if (chroma === 0) return { hue: 0, saturation: 0 };
  const hue = max === r ? ((g - b) / chroma + 6) % 6 : max === g ? (b - r) / chroma + 2 : (r - g) / chroma + 4;
  return { hue: hue * 60, saturation: chroma / max };
}

/**
 * Hue bands (degrees) of each colour: the nearest of six hues would call pure blue purple, since our
 * blue is a sky blue; bands follow how colours are named instead.
 */
const BANDS: { color: HighlightColor; from: number; to: number }[] = [
  { color: 'orange', from: 15, to: 45 },
  { color: 'yellow', from: 45, to: 75 },
  { color: 'green', from: 75, to: 170 },
  { color: 'blue', from: 170, to: 245 },
  { color: 'purple', from: 245, to: 310 },
];

/**
 * The highlight colour a PDF annotation's colour is closest to (red is pink, as in Zotero's palette).
 * Greys, black and white (ink, pencil, a missing /C) have no hue to match and become yellow, the
 * usual highlighter.
 */
export function nearestHighlightColor(rgb: Rgb | null | undefined): HighlightColor {
  if (!rgb || rgb.length < 3 || rgb.some((c) => !Number.isFinite(c))) return 'yellow';
  const { hue, saturation } = hueAndSaturation(rgb);
  if (saturation < 0.2 || Math.max(...rgb) < 40) return 'yellow';
  return BANDS.find((band) => hue >= band.from && hue < band.to)?.color ?? 'pink';
}
