// The whitespace and character rules every block of extracted text follows (except preformatted
// ones), in one place: the importers apply them to whole blocks, and the PDF page layout applies them
// while remembering where each character came from (shared/pdf/traced.ts).

// C0/C1 control characters (except tab, LF, CR, which are whitespace) become spaces: a PDF font
// without a Unicode map often draws its space with code 2 or 3, and deleting them glued words
// ("OverviewoftheTechnologyAcceptanceModel").
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Stray byte-order marks: invisible noise that would break quotes and search, dropped. */
export const INVISIBLE_CHARS = /\uFEFF/g;

// Presentation forms say how a font draws letters (ligatures ﬁ ﬂ, Hebrew and Arabic contextual forms
// ﻟﻌﺮﺑﻴﺔ), not which letters they are: each is replaced by its letters (NFKC), so that a word typed by a
// reader is found. Only these blocks: NFKC elsewhere would change what the author wrote (… ² ½).
export const PRESENTATION_FORMS = /[\uFB00-\uFDFF\uFE70-\uFEFE]/g;

/** One presentation form's letters (compatibility decomposition, then composed). */
export const presentationLetters = (ch: string): string => ch.normalize('NFKC');

/** U+FFFF / U+FFFE: what a PDF reader gives for a glyph it cannot decode. Shown as the replacement character. */
export const UNDECODABLE_CHARS = /[\uFFFE\uFFFF]/g;
export const REPLACEMENT_CHAR = '\uFFFD';

/** Control characters to spaces, invisible characters dropped, presentation forms to their letters, undecodable glyphs to �. */
export function normaliseCharacters(raw: string): string {
  return raw.replace(CONTROL_CHARS, ' ').replace(INVISIBLE_CHARS, '').replace(PRESENTATION_FORMS, presentationLetters).replace(UNDECODABLE_CHARS, REPLACEMENT_CHAR);
}

/** Normalises characters (see above), composes (NFC), collapses whitespace runs to one space, and trims. */
export function normaliseParagraph(raw: string): string {
  return normaliseCharacters(raw).normalize('NFC').replace(/\s+/g, ' ').trim();
}
