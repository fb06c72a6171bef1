// Text folding for actor matching, in one place: the matcher folds both the aliases and the text with
// these rules, and maps every match back to offsets in the original text.
//
// Folding keeps case (case rules are the matcher's business) and folds:
// - diacritics: "Zürich" → "Zurich", "Élysée" → "Elysee" (canonical decomposition, marks dropped);
// - apostrophes: ’ ‘ ʼ ′ ` ´ → ' ;
// - hyphens: ‐ ‑ ‒ – − and their compatibility forms → - ;
// - Latin ligatures that PDF text extraction leaves behind: ﬁ → fi, ﬂ → fl, ...;
// - the soft hyphen, which is dropped.

const APOSTROPHES = new Set(['\u2019', '\u2018', '\u02bc', '\u2032', '\u0060', '\u00b4', '\u201b']);
const HYPHENS = new Set(['\u2010', '\u2011', '\u2012', '\u2013', '\u2212', '\ufe63', '\uff0d']);
const LIGATURES: Record<string, string> = {
  '\ufb00': 'ff',
  '\ufb01': 'fi',
  '\ufb02': 'fl',
  '\ufb03': 'ffi',
  '\ufb04': 'ffl',
  '\ufb05': 'st',
  '\ufb06': 'st',
};
const MARKS = /\p{M}/gu;
const ASCII_ONLY = /^\p{ASCII}*$/u;
const NON_ASCII = /\P{ASCII}/gu;

const folds = new Map<string, string>();

/** Folds one non-ASCII character (a whole code point); may return '' or several characters. */
function foldChar(ch: string): string {
  let out = folds.get(ch);
  if (out === undefined) {
    out = foldCharUncached(ch);
    folds.set(ch, out);
  }
  return out;
}

function foldCharUncached(ch: string): string {
  if (APOSTROPHES.has(ch)) return "'";
  if (HYPHENS.has(ch)) return '-';
  if (ch === '\u00ad') return '';
  const ligature = LIGATURES[ch];
  if (ligature !== undefined) return ligature;
  return ch.normalize('NFD').replace(MARKS, '');
}

/** Folds a string for matching (see the rules above). Case is kept. */
export function foldForMatching(s: string): string {
  return foldWithOffsets(s).folded;
}

export interface FoldedText {
  folded: string;
  /** Maps a [start, end) range of `folded` back to the original text. */
  toOriginal(start: number, end: number): { start: number; end: number };
}

/**
 * Folds a text and remembers where each folded character came from, so that matches in the folded text
 * can be reported at their exact place in the original. ASCII text (the common case) is returned as is;
 * otherwise only the places where the offsets shift are recorded.
 */
export function foldWithOffsets(text: string): FoldedText {
  if (ASCII_ONLY.test(text)) {
    return { folded: text, toOriginal: (start, end) => ({ start, end }) };
  }
  const parts: string[] = [];
  // Breakpoints: from folded offset foldedAt[k] on, folded offset f comes from original offset
  // originalAt[k] + (f - foldedAt[k]), up to the next breakpoint.
  const foldedAt: number[] = [0];
  const originalAt: number[] = [0];
  let f = 0;
  let copied = 0;
  const mark = (folded: number, original: number): void => {
    const k = foldedAt.length - 1;
    const last = foldedAt[k] ?? 0;
    if ((originalAt[k] ?? 0) + (folded - last) !== original) pin(folded, original);
  };
  /** A breakpoint even where the offsets do not shift (the characters of an expanded ligature). */
  const pin = (folded: number, original: number): void => {
    const k = foldedAt.length - 1;
    if (foldedAt[k] === folded) originalAt[k] = original;
    else {
      foldedAt.push(folded);
      originalAt.push(original);
    }
  };
  for (const m of text.matchAll(NON_ASCII)) {
    const i = m.index;
    const ch = m[0];
    if (i > copied) {
      mark(f, copied);
      parts.push(text.slice(copied, i));
      f += i - copied;
    }
    const out = foldChar(ch);
    if (out.length === ch.length) {
      mark(f, i);
    } else {
      // A ligature that expands, or a mark that disappears: each folded character points at its source.
      for (let k = 0; k < out.length; k++) pin(f + k, i);
    }
    parts.push(out);
    f += out.length;
    copied = i + ch.length;
  }
  if (copied < text.length) {
    mark(f, copied);
    parts.push(text.slice(copied));
  }
  const folded = parts.join('');
  const toOriginalOffset = (offset: number): number => {
    if (offset >= folded.length) return text.length;
    // The last breakpoint at or before the offset.
    let lo = 0;
    let hi = foldedAt.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((foldedAt[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return (originalAt[lo] ?? 0) + (offset - (foldedAt[lo] ?? 0));
  };
  return {
    folded,
    toOriginal(start, end) {
      const from = toOriginalOffset(start);
      // The end is where the next folded character starts, so marks dropped after the last character of
      // a match (a decomposed "e\u0301") stay inside it.
      let to = toOriginalOffset(end);
      if (end > start) {
        // A range that ends inside an expanded ligature takes the whole ligature.
        const last = toOriginalOffset(end - 1);
        if (to <= last) to = last + ((text.codePointAt(last) ?? 0) > 0xffff ? 2 : 1);
      }
      return { start: from, end: Math.max(from, to) };
    },
  };
}
