import { describe, expect, it } from 'vitest';
import type { AnchoringReport } from '../../../shared/anchoring';
import type { Annotation, DocumentText, Selector } from '../../../shared/model';
import { placeAnnotations } from './placement';

const make = (id: string, selector: Selector[]): Annotation => ({
  id,
  documentId: 'doc',
  created: '',
  modified: '',
  target: { selector },
  body: { color: 'yellow', note: '', tags: [], principles: [], actors: [] },
});
const region = (page: number, top: number): Selector => ({ type: 'PdfAreaSelector', areas: [{ page, rects: [[0, top - 10, 50, top]] }] });
const text: DocumentText = { text: 'a'.repeat(50), blocks: [], pages: [{ start: 0, end: 20 }, { start: 22, end: 50 }] };

describe('placeAnnotations', () => {
  it('lists annotations page by page, top to bottom, and orphans regions of missing pages', () => {
    const low = make('low', [{ type: 'TextQuoteSelector', exact: 'a', prefix: '', suffix: '' }, region(1, 100)]);
    const high = make('high', [region(1, 700)]);
    const first = make('first', [{ type: 'TextQuoteSelector', exact: 'a', prefix: '', suffix: '' }]);
    const gone = make('gone', [region(5, 300)]);
    const report: AnchoringReport = {
      anchored: [
        { annotation: low, start: 30, end: 31, method: 'position', score: 1, contextChanged: false },
        { annotation: first, start: 2, end: 3, method: 'position', score: 1, contextChanged: false },
      ],
      orphaned: [],
      regions: [high, gone],
    };
    const placement = placeAnnotations(report, text, 2);
    expect(placement.placed.map((a) => a.id)).toEqual(['first', 'high', 'low']);
    expect(placement.orphaned.map((o) => o.annotation.id)).toEqual(['gone']);
    expect(placement.orphaned[0]!.reason).toMatch(/page 6, which the current file does not have/);
    expect(placement.pageOf(low)).toBe(1);
    expect(placement.pageOf(first)).toBe(0);
    expect(placement.pageOf(gone)).toBe(5);
  });
});
