// Colours of principles, and colour as meaning: when the library asks for it, a highlight is drawn in
// the colour of its first principle (in codebook order of its links), so a page shows what is coded how.
import type { Annotation, Codebook } from '../model';

/**
 * Colours offered for new principles: mid-tones with a contrast of at least 3:1 against white and
 * against a dark (#1e1e1e) background (the first nine are the Paris Call's).
 */
export const PRINCIPLE_PALETTE = [
  '#d64550',
  '#2f7fc1',
  '#8a5cc7',
  '#d97a00',
  '#c2559b',
  '#1f9aa8',
  '#2e9b5f',
  '#8c7a1e',
  '#7a7f8f',
  '#b5651d',
  '#5a7bd8',
  '#9c6b4e',
] as const;

/** The palette colour fewest principles use yet (the first such in palette order). */
export function nextPrincipleColor(codebook: Pick<Codebook, 'principles'>): string {
  const uses = new Map<string, number>(PRINCIPLE_PALETTE.map((c) => [c, 0]));
  for (const p of codebook.principles) {
    const key = p.color.toLowerCase();
    if (uses.has(key)) uses.set(key, uses.get(key)! + 1);
  }
  let best: string = PRINCIPLE_PALETTE[0];
  for (const [color, n] of uses) if (n < uses.get(best)!) best = color;
  return best;
}

/**
 * The colour a highlight is drawn in when colour follows meaning: its first principle's (the first of
 * its links that the codebook has), or null when it links none and keeps its own highlight colour.
 */
export function meaningColor(codebook: Pick<Codebook, 'principles'>, annotation: Pick<Annotation, 'body'>): string | null {
  for (const id of annotation.body.principles) {
    const principle = codebook.principles.find((p) => p.id === id);
    if (principle) return principle.color;
  }
  return null;
}

/** "#2f7fc1" → "rgb(47 127 193 / 0.35)": a principle's colour as a see-through highlight. */
export function tint(hex: string, alpha: number): string {
  const value = /^#([0-9a-f]{6})$/i.exec(hex)?.[1];
  if (!value) return hex;
  const n = parseInt(value, 16);
  return `rgb(${(n >> 16) & 255} ${(n >> 8) & 255} ${n & 255} / ${alpha})`;
}
