// Character positions within a text item as pdf.js's text layer lays them out: it draws each item as
// a span in a generic font (sans-serif, serif, monospace) stretched to the item's width, so a
// character's place is the canvas-measured width of the text before it, scaled. Measuring the same
// way makes stored highlight rectangles match what the user selected.
import type { TextContent, TextItem } from 'pdfjs-dist/types/src/display/api';
import { DEFAULT_ASCENT, type TextMetrics } from '../../../shared/pdf';

const MEASURE_SIZE = 100;

let context: CanvasRenderingContext2D | null = null;
function canvas(): CanvasRenderingContext2D | null {
  context ??= document.createElement('canvas').getContext('2d');
  return context;
}

const ascents = new Map<string, number>();

function ascentOf(family: string, style: TextContent['styles'][string] | undefined): number {
  let ratio = ascents.get(family);
  if (ratio !== undefined) return ratio;
  ratio = DEFAULT_ASCENT;
  const ctx = canvas();
  if (ctx) {
    ctx.font = `30px ${family}`;
    const metrics = ctx.measureText('');
    const ascent = metrics.fontBoundingBoxAscent;
    const descent = Math.abs(metrics.fontBoundingBoxDescent);
    if (ascent) ratio = ascent / (ascent + descent);
    else if (style?.ascent) ratio = style.ascent;
    else if (style?.descent) ratio = 1 + style.descent;
  }
  ascents.set(family, ratio);
  return ratio;
}

/** Metrics of a page's items, measured as the text layer measures them. */
export function textLayerMetrics(content: TextContent, items: readonly TextItem[], familyMap: Map<string, string>): TextMetrics {
  const familyOf = (i: number): string => {
    const family = content.styles[items[i]?.fontName ?? '']?.fontFamily ?? 'sans-serif';
    return familyMap.get(family) ?? family;
  };
  let current = '';
  return {
    measure(i, text) {
      const ctx = canvas();
      if (!ctx) return text.length;
      const font = `${MEASURE_SIZE}px ${familyOf(i)}`;
      if (font !== current) ctx.font = current = font;
      return ctx.measureText(text).width;
    },
    ascent: (i) => ascentOf(familyOf(i), content.styles[items[i]?.fontName ?? '']),
  };
}
