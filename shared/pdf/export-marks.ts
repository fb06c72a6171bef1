// What an annotated copy of a PDF holds for each Apostil annotation: a highlight over its rectangles
// (or over its passage, measured from the page when it has none yet), a rectangle for a region, and for
// an annotation whose passage is no longer in the text a note on the first page, so nothing is left out.
// Every one carries a pop-up note with its coding (mark-contents.ts), its author and dates.
import { anchorAnnotations } from '../anchoring/anchor-all';
import type { Annotation, Codebook, PdfAreaSelector } from '../model';
import { findSelector } from '../model';
import { HIGHLIGHT_RGB, type Rgb } from './colors';
import { markContents } from './mark-contents';

export interface MarkToWrite {
  /** The Apostil annotation's id (the PDF annotation's /NM). */
  id: string;
  kind: 'highlight' | 'region' | 'note';
  /** Where to draw it; null for a highlight whose rectangles must be measured from its passage. */
  areas: PdfAreaSelector['areas'] | null;
  /** The passage in the document text (highlights). */
  range: { start: number; end: number } | null;
  color: Rgb;
  contents: string;
  author: string | null;
  created: string;
  modified: string;
}

export function marksForExport(text: string, annotations: readonly Annotation[], codebook: Codebook): MarkToWrite[] {
  const anchoring = anchorAnnotations(text, annotations);
  const mark = (annotation: Annotation, kind: MarkToWrite['kind'], range: MarkToWrite['range'], contents = markContents(annotation.body, codebook)): MarkToWrite => ({
    id: annotation.id,
    kind,
    areas: findSelector(annotation, 'PdfAreaSelector')?.areas ?? null,
    range,
    color: HIGHLIGHT_RGB[annotation.body.color],
    contents,
    author: annotation.author ?? null,
    created: annotation.created,
    modified: annotation.modified,
  });
  const marks: MarkToWrite[] = [];
  for (const region of anchoring.regions) marks.push(mark(region, 'region', null));
  for (const placed of anchoring.anchored) marks.push(mark(placed.annotation, 'highlight', { start: placed.start, end: placed.end }));
  for (const { annotation } of anchoring.orphaned) {
    const quote = findSelector(annotation, 'TextQuoteSelector')?.exact ?? '';
    const coding = markContents(annotation.body, codebook);
    const contents = `Apostil could not find this passage in this version of the file:\n“${quote.length > 500 ? `${quote.slice(0, 500)}…` : quote}”${coding ? `\n\n${coding}` : ''}`;
    marks.push({ ...mark(annotation, 'note', null, contents), areas: null });
  }
  return marks;
}
