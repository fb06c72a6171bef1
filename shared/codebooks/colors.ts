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
 * its links that the codebook has), or null when it links none and keeps its own highlight colour, or
 * when the library's setting is off.
 */
export function meaningColors(codebook: Pick<Codebook, 'principles' | 'colorByPrinciple'>): (annotation: Pick<Annotation, 'body'>) => string | null {
  if (!codebook.colorByPrinciple) return () => null;
  const colors = new Map(codebook.principles.map((p) => [p.id, p.color]));
  return (annotation) => {
    for (const id of annotation.body.principles) {
      const color = colors.get(id);
      if (color) return color;
    }
    return null;
  };
}
