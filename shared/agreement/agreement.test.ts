import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../model';
import { computeAgreement, type AgreementDocument } from './agreement';
import { intersectionLength, normalizeSpans, spanLength, subtractSpans, type Span } from './intervals';
import { agreementFigures } from './kappa';

let nextId = 0;
function coded(coder: string | undefined, start: number, end: number, principles: string[], documentId = 'd1'): Annotation {
  nextId++;
  return {
    id: `a${nextId}`,
    documentId,
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    ...(coder ? { author: coder } : {}),
    target: { selector: [{ type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' }, { type: 'TextPositionSelector', start, end }] },
    body: { color: 'yellow', note: '', tags: [], principles, actors: [] },
  };
}

function region(coder: string, principles: string[]): Annotation {
  nextId++;
  return {
    id: `r${nextId}`,
    documentId: 'd1',
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    author: coder,
    target: { selector: [{ type: 'PdfAreaSelector', areas: [{ page: 1, rects: [[0, 0, 10, 10]] }] }] },
    body: { color: 'yellow', note: '', tags: [], principles, actors: [] },
  };
}

const PRINCIPLES = [
  { id: 'p1', name: 'Protect people' },
  { id: 'p2', name: 'Protect the core' },
  { id: 'p3', name: 'Never used' },
];
const TEXT = 'abcdefghij'.repeat(10); // 100 characters

describe('agreement worked by hand', () => {
  // One document of 100 characters.
  //   p1: Ann codes [0,20) and [15,40) — one set, [0,40), 40 characters.
  //       Ben codes [10,40) and [60,70) — 40 characters.
  //       both = [10,40) = 30; only Ann = [0,10) = 10; only Ben = [60,70) = 10; neither = 100 − 40 − 40 + 30 = 50.
  //       po = (30 + 50) / 100 = 0.8; pAnn = pBen = 40/100 = 0.4; pe = 0.4·0.4 + 0.6·0.6 = 0.16 + 0.36 = 0.52;
  //       kappa = (0.8 − 0.52) / (1 − 0.52) = 0.28 / 0.48 = 0.58333…
  //   p2: both code [50,60): both = 10, neither = 90; po = 1; pe = 0.1·0.1 + 0.9·0.9 = 0.82; kappa = 0.18 / 0.18 = 1.
  //   p3: nobody used it: not listed, not pooled.
  //   Overall (p1 and p2 pooled, 200 character-codes): both 40, only Ann 10, only Ben 10, neither 140;
  //       po = 180/200 = 0.9; pAnn = pBen = 50/200 = 0.25; pe = 0.0625 + 0.5625 = 0.625;
  //       kappa = (0.9 − 0.625) / (1 − 0.625) = 0.275 / 0.375 = 0.73333…
  // Cleo's passage and the PDF regions must change nothing (the regions are counted as left out).
  const document: AgreementDocument = {
    id: 'd1',
    title: 'Norms',
    text: TEXT,
    annotations: [
      coded('Ann', 0, 20, ['p1']),
      coded('Ann', 15, 40, ['p1']),
      coded('Ben', 10, 40, ['p1']),
      coded('Ben', 60, 70, ['p1']),
      coded('Ann', 50, 60, ['p2']),
      coded('Ben', 50, 60, ['p2']),
      coded('Cleo', 0, 100, ['p1', 'p2', 'p3']),
      coded(undefined, 80, 90, ['p1']),
      region('Ann', ['p1']),
      region('Ben', ['p2']),
    ],
  };
  const report = computeAgreement({ coderA: 'Ann', coderB: 'Ben', documents: [document], principles: PRINCIPLES });

  it('gives each principle its figures', () => {
    expect(report.principles.map((p) => p.principleId)).toEqual(['p1', 'p2']);
    const [p1, p2] = report.principles;
    expect(p1).toMatchObject({ both: 30, onlyA: 10, onlyB: 10, neither: 50, units: 100 });
    expect(p1!.agreement).toBeCloseTo(0.8, 12);
    expect(p1!.expected).toBeCloseTo(0.52, 12);
    expect(p1!.kappa).toBeCloseTo(0.28 / 0.48, 12);
    expect(p2).toMatchObject({ both: 10, onlyA: 0, onlyB: 0, neither: 90, agreement: 1 });
    expect(p2!.kappa).toBeCloseTo(1, 12);
  });

  it('pools the principles for the overall figures', () => {
    expect(report.overall).toMatchObject({ both: 40, onlyA: 10, onlyB: 10, neither: 140, units: 200 });
    expect(report.overall.agreement).toBeCloseTo(0.9, 12);
    expect(report.overall.kappa).toBeCloseTo(0.275 / 0.375, 12);
    expect(report.regionsLeftOut).toBe(2);
  });

  it('lists the passages where they disagree, in reading order', () => {
    expect(report.disagreementsTotal).toBe(2);
    expect(report.disagreements).toEqual([
      { documentId: 'd1', documentTitle: 'Norms', principleId: 'p1', start: 0, end: 10, codedBy: 'A', quote: 'abcdefghij' },
      { documentId: 'd1', documentTitle: 'Norms', principleId: 'p1', start: 60, end: 70, codedBy: 'B', quote: 'abcdefghij' },
    ]);
  });

  it('counts every character of documents where a principle is not used against it', () => {
    // A second document of 50 characters only Ann coded, with p2 on [0,5):
    //   p2 overall: both 10, only Ann 5, only Ben 0, neither 90 + 45 = 135 (150 characters).
    //   p1 gains 50 characters neither coded: neither 100.
    const second: AgreementDocument = { id: 'd2', title: 'Second', text: TEXT.slice(0, 50), annotations: [coded('Ann', 0, 5, ['p2'], 'd2')] };
    const both = computeAgreement({ coderA: 'Ann', coderB: 'Ben', documents: [document, second], principles: PRINCIPLES });
    expect(both.principles[1]).toMatchObject({ both: 10, onlyA: 5, onlyB: 0, neither: 135, units: 150 });
    expect(both.principles[0]).toMatchObject({ neither: 100, units: 150 });
    expect(both.codedByOneOnly).toBe(1);
    expect(both.disagreements.at(-1)).toMatchObject({ documentId: 'd2', start: 0, end: 5, codedBy: 'A' });
  });

  it('keeps the list short but counts every disagreement', () => {
    const short = computeAgreement({ coderA: 'Ann', coderB: 'Ben', documents: [document], principles: PRINCIPLES, maxDisagreements: 1 });
    expect(short.disagreements).toHaveLength(1);
    expect(short.disagreementsTotal).toBe(2);
  });
});

describe('kappa', () => {
  it('is undefined when chance agreement is certain', () => {
    expect(agreementFigures({ both: 0, onlyA: 0, onlyB: 0, neither: 100 }).kappa).toBeNull();
    expect(agreementFigures({ both: 100, onlyA: 0, onlyB: 0, neither: 0 }).kappa).toBeNull();
    expect(agreementFigures({ both: 0, onlyA: 0, onlyB: 0, neither: 0 })).toMatchObject({ units: 0, kappa: null });
  });

  it('is negative when coders agree less than chance', () => {
    // Ann codes the first half, Ben the second: po = 0, pe = 0.5·0.5 + 0.5·0.5 = 0.5, kappa = −0.5/0.5 = −1.
    expect(agreementFigures({ both: 0, onlyA: 50, onlyB: 50, neither: 0 }).kappa).toBeCloseTo(-1, 12);
  });
});

describe('intervals', () => {
  it('merges overlapping and touching spans, clips and drops empty ones', () => {
    expect(normalizeSpans([{ start: 5, end: 8 }, { start: 0, end: 3 }, { start: 3, end: 4 }, { start: 7, end: 12 }, { start: 9, end: 9 }, { start: -4, end: -1 }], 10)).toEqual([
      { start: 0, end: 4 },
      { start: 5, end: 10 },
    ]);
    expect(normalizeSpans([{ start: 20, end: 30 }], 10)).toEqual([]);
  });

  it('subtracts at the edges and inside', () => {
    const a = [{ start: 0, end: 10 }, { start: 20, end: 30 }];
    expect(subtractSpans(a, [{ start: 0, end: 10 }])).toEqual([{ start: 20, end: 30 }]);
    expect(subtractSpans(a, [{ start: 2, end: 4 }, { start: 6, end: 22 }, { start: 29, end: 40 }])).toEqual([
      { start: 0, end: 2 },
      { start: 4, end: 6 },
      { start: 22, end: 29 },
    ]);
    expect(subtractSpans(a, [])).toEqual(a);
    expect(subtractSpans([], a)).toEqual([]);
    // Spans that only touch do not overlap.
    expect(intersectionLength([{ start: 0, end: 5 }], [{ start: 5, end: 9 }])).toBe(0);
  });

  const spans = (length: number) =>
    fc.array(fc.tuple(fc.integer({ min: -5, max: length + 5 }), fc.integer({ min: 0, max: 40 })), { maxLength: 12 }).map((list) =>
      normalizeSpans(list.map(([start, n]) => ({ start, end: start + n })), length),
    );
  const cells = (set: readonly Span[], length: number) => Array.from({ length }, (_, i) => set.some((s) => s.start <= i && i < s.end));

  it('counts as a character-by-character comparison would', () => {
    fc.assert(
      fc.property(spans(120), spans(120), (a, b) => {
        const ca = cells(a, 120);
        const cb = cells(b, 120);
        expect(spanLength(a)).toBe(ca.filter(Boolean).length);
        expect(intersectionLength(a, b)).toBe(ca.filter((x, i) => x && cb[i]).length);
        expect(cells(subtractSpans(a, b), 120)).toEqual(ca.map((x, i) => x && !cb[i]));
      }),
    );
  });
});

describe('agreement properties', () => {
  const LENGTH = 200;
  const codings = (coder: string) =>
    fc.array(fc.record({ start: fc.nat(LENGTH), length: fc.integer({ min: 1, max: 60 }), principles: fc.subarray(['p1', 'p2', 'p3'], { minLength: 1 }) }), { maxLength: 8 }).map((list) =>
      list.map((c) => coded(coder, c.start, Math.min(LENGTH, c.start + c.length), c.principles)),
    );
  const documentOf = (annotations: Annotation[]): AgreementDocument => ({ id: 'd1', title: 'T', text: 'x'.repeat(LENGTH), annotations });

  it('a coder agrees with itself fully', () => {
    fc.assert(
      fc.property(codings('Ann'), (mine) => {
        // Ben made exactly the same passages.
        const copy = mine.map((a) => ({ ...a, id: `${a.id}-copy`, author: 'Ben' }));
        const report = computeAgreement({ coderA: 'Ann', coderB: 'Ben', documents: [documentOf([...mine, ...copy])], principles: PRINCIPLES });
        expect(report.disagreementsTotal).toBe(0);
        expect(report.overall.agreement).toBe(1);
        for (const figures of [report.overall, ...report.principles]) if (figures.kappa !== null) expect(figures.kappa).toBeCloseTo(1, 12);
      }),
    );
  });

  it('is symmetric, and agreement lies in [0, 1] with kappa at most 1', () => {
    fc.assert(
      fc.property(codings('Ann'), codings('Ben'), (ann, ben) => {
        const documents = [documentOf([...ann, ...ben])];
        const ab = computeAgreement({ coderA: 'Ann', coderB: 'Ben', documents, principles: PRINCIPLES });
        const ba = computeAgreement({ coderA: 'Ben', coderB: 'Ann', documents, principles: PRINCIPLES });
        expect(ba.overall.kappa).toBe(ab.overall.kappa);
        expect(ba.overall.agreement).toBe(ab.overall.agreement);
        expect(ba.principles.map((p) => p.kappa)).toEqual(ab.principles.map((p) => p.kappa));
        expect(ba.disagreementsTotal).toBe(ab.disagreementsTotal);
        for (const figures of [ab.overall, ...ab.principles]) {
          expect(figures.agreement).toBeGreaterThanOrEqual(0);
          expect(figures.agreement).toBeLessThanOrEqual(1);
          expect(figures.both + figures.onlyA + figures.onlyB + figures.neither).toBe(figures.units);
          if (figures.kappa !== null) expect(figures.kappa).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
    );
  });
});
