// Printed page numbers of PDF pages: what a citation, the sidebar and exports call a page. A PDF may
// name its pages itself (page labels: "i", "ii", … then "1", or a journal's "215"); when it does not,
// the user can say which printed number the file's first page has (an offset). The user's offset wins.

/** What a document records about its page numbers (both absent: pages are numbered 1, 2, … as in the file). */
export interface PageNumbering {
  /** The PDF's own page labels, one per page, kept only when they differ from 1, 2, 3, … */
  pageLabels?: string[];
  /** Set by the user: the printed number of file page n is n + pageOffset. */
  pageOffset?: number;
}

/** Longest label kept; real labels are a few characters ("xiv", "A-12"). */
export const MAX_PAGE_LABEL_LENGTH = 40;
/** Largest offset accepted either way (no printed work runs past this many pages). */
export const MAX_PAGE_OFFSET = 100_000;

/**
 * The labels worth keeping from pdf.js's getPageLabels(): null when the PDF has none, when their
 * number does not match the pages, or when they only repeat 1, 2, 3, …
 */
export function usefulPageLabels(labels: readonly unknown[] | null | undefined, pageCount: number): string[] | null {
  if (!labels || labels.length !== pageCount || pageCount === 0) return null;
  const cleaned = labels.map((label) => (typeof label === 'string' ? label.replace(/\s+/g, ' ').trim().slice(0, MAX_PAGE_LABEL_LENGTH) : ''));
  return cleaned.some((label, i) => label !== String(i + 1)) ? cleaned : null;
}

/**
 * The printed label of the page at `index` (from 0). With an offset, pages it would number below 1
 * (a cover, front matter) keep the PDF's label when it has one, else their file number in brackets,
 * as citation styles mark a page number that is not printed.
 */
export function printedPageLabel(numbering: PageNumbering, index: number): string {
  const own = numbering.pageLabels?.[index];
  if (numbering.pageOffset !== undefined) {
    const printed = index + 1 + numbering.pageOffset;
    if (printed >= 1) return String(printed);
    return own || `[${index + 1}]`;
  }
  return own || String(index + 1);
}

/** True when the document's page labels differ from the file's page numbers. */
export function hasPrintedNumbers(numbering: PageNumbering): boolean {
  return (numbering.pageOffset !== undefined && numbering.pageOffset !== 0) || numbering.pageLabels !== undefined;
}

/**
 * A page as a heading shows it, from its printed label (printedPageLabel): "p. 215 (page 1 of the
 * file)" when that differs from the file's page number, else "Page 3". `index` is from 0.
 */
export function pageHeading(printed: string, index: number): string {
  const file = String(index + 1);
  return printed === file ? `Page ${file}` : `p. ${printed} (page ${file} of the file)`;
}
