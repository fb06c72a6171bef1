// The whitespace and character rules every block of extracted text follows (except preformatted
// ones), in one place: the importers apply them to whole blocks, and the PDF page layout applies them
// while remembering where each character came from (shared/pdf/traced.ts).

// C0/C1 control characters (except tab, LF, CR, which are whitespace) and stray BOMs are invisible
// noise that would break quotes and search, so they are dropped.
// eslint-disable-next-line no-control-regex
export const INVISIBLE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFEFF]/g;

/** Drops invisible characters, composes (NFC), collapses whitespace runs to one space, and trims. */
export function normaliseParagraph(raw: string): string {
  return raw.replace(INVISIBLE_CHARS, '').normalize('NFC').replace(/\s+/g, ' ').trim();
}
