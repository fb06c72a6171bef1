// Agreement between two coders over a set of documents: for each principle either of them used, the
// characters each coded with it (interval sets, intervals.ts) are compared character by character
// (kappa.ts); the overall figures pool every principle's characters, as QualCoder and NVivo do. Only
// passages of text count: a region of a PDF page has no characters and is left out (and counted).
import { coderOf } from '../coders/coders';
import { findSelector, type Annotation, type Principle } from '../model';
import { intersectionLength, normalizeSpans, spanLength, subtractSpans, type Span } from './intervals';
import { addCounts, agreementFigures, NO_COUNTS, type AgreementCounts, type AgreementFigures } from './kappa';

export interface AgreementDocument {
  id: string;
  title: string;
  /** The document's text: its length is the number of characters, and disagreements quote it. */
  text: string;
  annotations: readonly Annotation[];
}

export interface AgreementInput {
  coderA: string;
  coderB: string;
  documents: readonly AgreementDocument[];
  /** The codebook's principles, in its order (the report lists them so). */
  principles: readonly Pick<Principle, 'id' | 'name'>[];
  /** At most this many disagreements are listed (all are counted). */
  maxDisagreements?: number;
}

/** A passage one coder coded with a principle and the other did not. */
export interface Disagreement {
  documentId: string;
  documentTitle: string;
  principleId: string;
  start: number;
  end: number;
  /** Which coder coded it ('A' is coderA). */
  codedBy: 'A' | 'B';
  /** The passage's text (its first 300 characters). */
  quote: string;
}

export interface PrincipleAgreement extends AgreementFigures {
  principleId: string;
  name: string;
}

export interface AgreementReport {
  coderA: string;
  coderB: string;
  /** Documents compared, and those of them only one of the two coded anything in. */
  documents: number;
  codedByOneOnly: number;
  /** Pooled over every principle listed. */
  overall: AgreementFigures;
  /** Principles either coder used in these documents, in codebook order. */
  principles: PrincipleAgreement[];
  disagreements: Disagreement[];
  disagreementsTotal: number;
  /** Regions of PDF pages (no text) the two coders made, left out of the figures. */
  regionsLeftOut: number;
}

const QUOTE_LENGTH = 300;

export function computeAgreement(input: AgreementInput): AgreementReport {
  const counter = new AgreementCounter(input.coderA, input.coderB, input.principles, input.maxDisagreements);
  for (const document of input.documents) counter.add(document);
  return counter.report();
}

/**
 * The same, one document at a time, so main never holds more than one document's text. A principle
 * is counted in the documents where either coder used it; every other character of the documents
 * added is one neither coded with it, added when the report is made.
 */
export class AgreementCounter {
  private readonly counts = new Map<string, AgreementCounts>();
  private characters = 0;
  private documents = 0;
  private codedByOneOnly = 0;
  private regionsLeftOut = 0;
  private readonly disagreements: Disagreement[] = [];
  private disagreementsTotal = 0;

  constructor(
    private readonly coderA: string,
    private readonly coderB: string,
    private readonly principles: readonly Pick<Principle, 'id' | 'name'>[],
    private readonly maxDisagreements = 1_000,
  ) {}

  add(document: AgreementDocument): void {
    const length = document.text.length;
    const a = codedSpans(document, this.coderA);
    const b = codedSpans(document, this.coderB);
    this.documents++;
    this.characters += length;
    this.regionsLeftOut += a.regions + b.regions;
    if ((a.coded > 0) !== (b.coded > 0)) this.codedByOneOnly++;
    const found: Disagreement[] = [];
    for (const id of new Set([...a.spans.keys(), ...b.spans.keys()])) {
      const spansA = normalizeSpans(a.spans.get(id) ?? [], length);
      const spansB = normalizeSpans(b.spans.get(id) ?? [], length);
      const both = intersectionLength(spansA, spansB);
      const codedA = spanLength(spansA);
      const codedB = spanLength(spansB);
      const counts = { both, onlyA: codedA - both, onlyB: codedB - both, neither: length - codedA - codedB + both };
      this.counts.set(id, addCounts(this.counts.get(id) ?? NO_COUNTS, counts));
      for (const [spans, codedBy] of [[subtractSpans(spansA, spansB), 'A'], [subtractSpans(spansB, spansA), 'B']] as const) {
        for (const span of spans) {
          found.push({ documentId: document.id, documentTitle: document.title, principleId: id, ...span, codedBy, quote: document.text.slice(span.start, Math.min(span.end, span.start + QUOTE_LENGTH)) });
        }
      }
    }
    // In reading order within a document.
    found.sort((x, y) => x.start - y.start || x.end - y.end);
    this.disagreementsTotal += found.length;
    for (const d of found) if (this.disagreements.length < this.maxDisagreements) this.disagreements.push(d);
  }

  report(): AgreementReport {
    // Principles no longer in the codebook are not listed (a store keeps annotations' links to it).
    const principles = this.principles.flatMap((p) => {
      const counts = this.counts.get(p.id);
      if (!counts) return [];
      const counted = counts.both + counts.onlyA + counts.onlyB + counts.neither;
      return [{ principle: p, counts: { ...counts, neither: counts.neither + this.characters - counted } }];
    });
    let pooled = NO_COUNTS;
    for (const { counts } of principles) pooled = addCounts(pooled, counts);
    const listed = new Set(principles.map((p) => p.principle.id));
    return {
      coderA: this.coderA,
      coderB: this.coderB,
      documents: this.documents,
      codedByOneOnly: this.codedByOneOnly,
      overall: agreementFigures(pooled),
      principles: principles.map(({ principle, counts }) => ({ principleId: principle.id, name: principle.name, ...agreementFigures(counts) })),
      disagreements: this.disagreements.filter((d) => listed.has(d.principleId)),
      disagreementsTotal: this.disagreementsTotal,
      regionsLeftOut: this.regionsLeftOut,
    };
  }
}

/** One coder's passages in a document, as spans per principle. */
function codedSpans(document: AgreementDocument, coder: string): { spans: Map<string, Span[]>; regions: number; coded: number } {
  const spans = new Map<string, Span[]>();
  let regions = 0;
  let coded = 0;
  for (const annotation of document.annotations) {
    if (coderOf(annotation) !== coder || annotation.body.principles.length === 0) continue;
    const position = findSelector(annotation, 'TextPositionSelector');
    if (!position) {
      regions++;
      continue;
    }
    coded++;
    for (const id of annotation.body.principles) {
      let list = spans.get(id);
      if (!list) spans.set(id, (list = []));
      list.push({ start: position.start, end: position.end });
    }
  }
  return { spans, regions, coded };
}
