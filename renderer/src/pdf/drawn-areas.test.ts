import { describe, expect, it } from 'vitest';
import type { AnchoringReport } from '../../../shared/anchoring';
import type { Annotation, Selector } from '../../../shared/model';
import { firstArea, planDrawing } from './drawn-areas';

const make = (id: string, selector: Selector[]): Annotation => ({
  id,
  documentId: 'doc',
  created: '',
  modified: '',
  target: { selector },
  body: { color: 'green', note: '', tags: [], principles: [], actors: [] },
});
const quote: Selector = { type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' };
const area = (page: number): Selector => ({ type: 'PdfAreaSelector', areas: [{ page, rects: [[1, 2, 3, 4]] }] });

describe('planDrawing', () => {
  it('draws stored rectangles only where the text is unchanged, and asks for the others', () => {
    const kept = make('kept', [quote, area(0)]);
    const moved = make('moved', [quote, area(0)]);
    const textOnly = make('text-only', [quote]);
    const region = make('region', [area(1)]);
    const lost = make('lost', [area(7)]);
    const report: AnchoringReport = {
      anchored: [
        { annotation: kept, start: 0, end: 1, method: 'position', score: 1, contextChanged: false },
        { annotation: moved, start: 5, end: 6, method: 'quote', score: 0.9, contextChanged: false },
        { annotation: textOnly, start: 8, end: 9, method: 'position', score: 1, contextChanged: false },
      ],
      orphaned: [],
      regions: [region, lost],
    };
    const plan = planDrawing(report, 3);
    expect(plan.byPage.get(0)).toEqual([{ id: 'kept', color: 'green', tint: null, kind: 'highlight', rects: [[1, 2, 3, 4]], description: 'Highlight' }]);
    expect(plan.byPage.get(1)?.map((d) => d.kind)).toEqual(['region']);
    expect(plan.needed.map((n) => n.annotation.id)).toEqual(['moved', 'text-only']);
    expect([...plan.byPage.keys()]).toEqual([0, 1]); // not the region on page 8 of 3
    expect(firstArea(region)).toEqual({ page: 1, rect: [1, 2, 3, 4] });
    expect(firstArea(textOnly)).toBeNull();
  });
});
