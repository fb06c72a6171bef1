import { describe, expect, it } from 'vitest';
import type { Annotation, Selector } from '../model';
import { anchorAnnotations, anchorRegionsOnly } from './anchor-all';
import { reanchorAnnotations } from './reanchor';
import { describeRange } from './describe';
import { proseText } from './test-text';

function annotation(id: string, selector: Selector[]): Annotation {
  return {
    id,
    documentId: 'doc-1',
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
    target: { selector },
    body: { color: 'yellow', note: '', tags: [], principles: [], actors: [] },
  };
}

describe('anchorAnnotations', () => {
  const kept = 'the parties shall report every incident';
  const dropped = 'an obligation that was later removed from the draft';
  const original = `${proseText(61, 1500)}\n\nFirst, ${kept} to the secretariat.\n\nSecond, ${dropped} entirely.\n\n${proseText(62, 1500)}`;
  const changed = `A new preface.\n\n${original.replace(`Second, ${dropped} entirely.\n\n`, '')}`;
  const at = (passage: string): Selector[] => {
    const start = original.indexOf(passage);
    return describeRange(original, start, start + passage.length);
  };

  const region = annotation('region', [{ type: 'PdfAreaSelector', areas: [{ page: 1, rects: [[0, 0, 10, 10]] }] }]);
  const highlight = annotation('kept', [...at(kept), { type: 'PdfAreaSelector', areas: [] }]);
  const orphan = annotation('dropped', at(dropped));
  const broken = annotation('broken', []);

  it('before the text is there, places the regions only and counts the rest as waiting, orphaning none', () => {
    const { report, waiting } = anchorRegionsOnly([region, highlight, orphan, broken]);
    expect(report).toEqual({ anchored: [], orphaned: [], regions: [region] });
    expect(waiting).toBe(3);
    // Once the text is there, the same regions come out of the full anchoring.
    expect(anchorAnnotations(changed, [region, highlight, orphan, broken]).regions).toEqual(report.regions);
  });

  it('sorts annotations into anchored, orphaned and regions, dropping none', () => {
    const report = anchorAnnotations(changed, [region, highlight, orphan, broken]);
    expect(report.regions).toEqual([region]);
    expect(report.anchored).toHaveLength(1);
    expect(report.anchored[0]).toMatchObject({ annotation: highlight, method: 'quote' });
    expect(changed.slice(report.anchored[0].start, report.anchored[0].end)).toBe(kept);
    expect(report.orphaned.map((o) => o.annotation.id)).toEqual(['dropped', 'broken']);
    for (const o of report.orphaned) expect(o.reason).toMatch(/\w/);
  });

  it('keeps an annotation whose target is malformed as an orphan', () => {
    const malformed = { ...highlight, id: 'malformed', target: {} } as unknown as Annotation;
    const report = anchorAnnotations(changed, [malformed]);
    expect(report.orphaned).toEqual([{ annotation: malformed, reason: expect.stringMatching(/no quote or position/) }]);
  });

  it('passes options through', () => {
    const edited = changed.replace('every incident', 'each incident');
    expect(anchorAnnotations(edited, [highlight]).anchored).toHaveLength(1);
    expect(anchorAnnotations(edited, [highlight], { minScore: 0.999 }).orphaned).toHaveLength(1);
  });
});

describe('reanchorAnnotations', () => {
  const passage = 'the parties shall report every incident';
  const original = `${proseText(63, 1200)}\n\nFirst, ${passage} to the secretariat.\n\n${proseText(64, 1200)}`;
  const start = original.indexOf(passage);
  const highlight = annotation('a', describeRange(original, start, start + passage.length));

  it('stores how a passage was found in a new version, with its confidence', () => {
    const moved = `${proseText(65, 300)}\n\n${passage} — moved into a new annex.`;
    const [after] = reanchorAnnotations(moved, [highlight]).annotations;
    expect(after!.anchoring).toEqual({ method: 'quote', score: expect.any(Number), contextChanged: true });
    expect(after!.target.selector).toContainEqual({ type: 'TextPositionSelector', start: moved.indexOf(passage), end: moved.indexOf(passage) + passage.length });
  });

  it('stores nothing when the stored position still holds', () => {
    expect(reanchorAnnotations(original, [highlight]).annotations[0]!.anchoring).toBeUndefined();
  });
});
