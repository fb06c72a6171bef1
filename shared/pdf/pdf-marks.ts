// Annotations found inside a PDF (made in Acrobat, Preview, Okular, Zotero…) and how each becomes an
// Apostil annotation. Main reads them with pdf.js (main/services/pdf-annotations/read-marks.ts); this
// module decides, without I/O: text markup over text becomes a highlight (quote, position and its
// boxes), everything else, and markup with no text under it, a region of the page. The note comes
// from /Contents (replies appended), the author from /T, the dates from /CreationDate and /M.
import { describeRange } from '../anchoring/describe';
import type { Annotation, Codebook, DocumentText, PdfRect, Selector } from '../model';
import { nearestHighlightColor, type Rgb } from './colors';
import { readContents } from './mark-contents';

export const TEXT_MARKUP_SUBTYPES = ['Highlight', 'Underline', 'StrikeOut', 'Squiggly'] as const;
/** Marks that comment on a part of a page without pointing at its text. */
export const REGION_SUBTYPES = ['Text', 'FreeText', 'Square', 'Circle', 'Ink', 'Polygon', 'PolyLine', 'Line', 'Caret', 'Stamp'] as const;
/** Parts of the page itself rather than someone's comments: never imported, never counted. */
export const CONTENT_SUBTYPES = ['Link', 'Widget', 'Popup', 'PrinterMark', 'TrapNet', 'Watermark', '3D', 'Screen', 'Movie', 'Sound', 'RichMedia'] as const;

export const isTextMarkup = (subtype: string) => (TEXT_MARKUP_SUBTYPES as readonly string[]).includes(subtype);
export const isRegionMark = (subtype: string) => (REGION_SUBTYPES as readonly string[]).includes(subtype);

export interface PdfMarkReply {
  author: string | null;
  contents: string;
  date: string | null;
}

/** One annotation read from a PDF. */
export interface PdfMark {
  /** Page index, from 0. */
  page: number;
  subtype: string;
  /** A text markup's QuadPoints boxes; the /Rect of anything else. PDF user space. */
  rects: PdfRect[];
  /** For text markup: the characters under it, as offsets in the page's laid-out text. */
  range: { start: number; end: number } | null;
  contents: string;
  author: string | null;
  /** ISO instants. */
  created: string | null;
  modified: string | null;
  color: Rgb | null;
  /** Annotations written in reply to this one (/IRT), oldest first. */
  replies: PdfMarkReply[];
}

export interface PdfMarksRead {
  marks: PdfMark[];
  /** The laid-out text of each page that has text markup, checked against the stored page text. */
  pageTexts: { page: number; text: string }[];
  /** Annotations of other kinds (file attachments, sounds…), by kind: not imported. */
  skipped: { subtype: string; count: number }[];
}

/**
 * What identifies a mark whatever program saved the file since: its page, kind, where it is (to the
 * point) and its text. Two imports of one file give the same keys, so nothing is imported twice.
 */
export function markKey(documentId: string, mark: Pick<PdfMark, 'page' | 'subtype' | 'rects' | 'contents'>): string {
  const rects = mark.rects.map((r) => r.map((n) => Math.round(n)));
  return JSON.stringify([documentId, mark.page, mark.subtype, rects, normaliseContents(mark.contents)]);
}

export function normaliseContents(contents: string): string {
  return contents.replace(/\r\n?/g, '\n').trim();
}

const MARKUP_TAGS: Record<string, string> = { Underline: 'underline', StrikeOut: 'strikeout', Squiggly: 'squiggly' };

/** What importing a PDF's annotations would bring: for the offer made after a PDF is imported. */
export interface PdfMarksSummary {
  /** Annotations in the file that Apostil can import. */
  found: number;
  /** Of those, how many the library does not have yet. */
  fresh: number;
  /** The fresh ones by kind ("highlight", "note"…). */
  kinds: { kind: string; count: number }[];
}

export interface PdfMarksImportReport {
  imported: number;
  alreadyPresent: number;
  /** Text markup over no text (a scanned page): imported as regions. */
  asRegions: number;
  /** Kinds of annotations Apostil does not import (file attachments, sounds…). */
  skipped: { subtype: string; count: number }[];
}

export interface MarksAsAnnotations {
  annotations: Annotation[];
  /** The PDF annotation kind (/Subtype) each of `annotations` came from, in the same order. */
  subtypes: string[];
  /** Text markup with no text found under it, kept as regions of its page. */
  asRegions: number;
}

/**
 * The Apostil annotations for the marks of a PDF. `idOf` turns a mark's key into its annotation id
 * (a hash in main), `now` dates marks that carry no date.
 */
export function marksToAnnotations(
  documentId: string,
  text: DocumentText,
  read: PdfMarksRead,
  codebook: Codebook,
  idOf: (key: string) => string,
  now: string,
): MarksAsAnnotations {
  const laidOut = new Map(read.pageTexts.map((p) => [p.page, p.text]));
  const seen = new Set<string>();
  const annotations: Annotation[] = [];
  const subtypes: string[] = [];
  let asRegions = 0;
  for (const mark of read.marks) {
    const range = text.pages?.[mark.page];
    if (!range || mark.rects.length === 0) continue;
    const id = idOf(markKey(documentId, mark));
    if (seen.has(id)) continue;
    seen.add(id);
    const area: Selector = { type: 'PdfAreaSelector', areas: [{ page: mark.page, rects: mark.rects.map(roundRect) }] };
    let selectors: Selector[] = [area];
    if (isTextMarkup(mark.subtype)) {
      const offsets = documentOffsets(text, mark, laidOut.get(mark.page));
      if (offsets) selectors = [...describeRange(text.text, offsets.start, offsets.end), area];
      else asRegions++;
    }
    const written = readContents(withReplies(mark), codebook);
    const tag = MARKUP_TAGS[mark.subtype];
    subtypes.push(mark.subtype);
    annotations.push({
      id,
      documentId,
      created: mark.created ?? mark.modified ?? now,
      modified: mark.modified ?? mark.created ?? now,
      ...(mark.author ? { author: mark.author.slice(0, 500) } : {}),
      target: { selector: selectors },
      body: {
        color: nearestHighlightColor(mark.color),
        note: written.note.slice(0, 100_000),
        tags: [...new Set([...written.tags, ...(tag ? [tag] : [])])].slice(0, 100),
        principles: written.principles,
        actors: written.actors,
      },
    });
  }
  return { annotations, subtypes, asRegions };
}

/** The mark's range in the document text: directly when the page was laid out as at import, else by its words. */
function documentOffsets(text: DocumentText, mark: PdfMark, pageText: string | undefined): { start: number; end: number } | null {
  const page = text.pages?.[mark.page];
  if (!page || !mark.range || pageText === undefined) return null;
  const stored = text.text.slice(page.start, page.end);
  if (stored === pageText) return { start: page.start + mark.range.start, end: page.start + mark.range.end };
  const quote = pageText.slice(mark.range.start, mark.range.end);
  const at = quote.trim() ? stored.indexOf(quote) : -1;
  return at === -1 ? null : { start: page.start + at, end: page.start + at + quote.length };
}

function withReplies(mark: PdfMark): string {
  const parts = [normaliseContents(mark.contents)];
  for (const reply of mark.replies) {
    const who = [reply.author, reply.date?.slice(0, 10)].filter(Boolean).join(', ');
    if (reply.contents.trim()) parts.push(`Reply${who ? ` (${who})` : ''}: ${normaliseContents(reply.contents)}`);
  }
  return parts.filter(Boolean).join('\n\n');
}

const round = (n: number) => Math.round(n * 100) / 100;
function roundRect(r: PdfRect): PdfRect {
  return [round(Math.min(r[0], r[2])), round(Math.min(r[1], r[3])), round(Math.max(r[0], r[2])), round(Math.max(r[1], r[3]))];
}
