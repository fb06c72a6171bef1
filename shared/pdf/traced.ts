// A string that remembers where each of its characters came from: `src[k]` is the index of the source
// character (a character of some pdf.js text item, numbered across the page) that became text[k], or
// -1 for a character the layout added (a space between words, a paragraph separator). The page layout
// builds the page's text with these, so a selection in the text layer maps to exact text offsets.
import { CONTROL_CHARS, INVISIBLE_CHARS, PRESENTATION_FORMS, REPLACEMENT_CHAR, UNDECODABLE_CHARS, presentationLetters } from '../text/paragraph';

export interface Traced {
  readonly text: string;
  readonly src: readonly number[];
}

export const EMPTY: Traced = { text: '', src: [] };

/** Characters taken from the source, numbered from `first`. */
export function fromSource(text: string, first: number): Traced {
  const src = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) src[i] = first + i;
  return { text, src };
}

/** Characters the layout adds, which come from no source character. */
export function added(text: string): Traced {
  return { text, src: new Array<number>(text.length).fill(-1) };
}

export function concat(...parts: Traced[]): Traced {
  if (parts.length === 1) return parts[0]!;
  return { text: parts.map((p) => p.text).join(''), src: parts.flatMap((p) => p.src) };
}

export function slice(t: Traced, start: number, end = t.text.length): Traced {
  return { text: t.text.slice(start, end), src: t.src.slice(start, end) };
}

const SPACE = /\s/;

export function trimStart(t: Traced): Traced {
  let i = 0;
  while (i < t.text.length && SPACE.test(t.text[i]!)) i++;
  return i === 0 ? t : slice(t, i);
}

export function trimEnd(t: Traced): Traced {
  let i = t.text.length;
  while (i > 0 && SPACE.test(t.text[i - 1]!)) i--;
  return i === t.text.length ? t : slice(t, 0, i);
}

// Without the g flag: test() keeps no state.
const INVISIBLE = new RegExp(INVISIBLE_CHARS.source);
const CONTROL = new RegExp(CONTROL_CHARS.source);
const PRESENTATION = new RegExp(PRESENTATION_FORMS.source);
const UNDECODABLE = new RegExp(UNDECODABLE_CHARS.source);
const ASCII = /^[\x20-\x7e]*$/;
const MARK = /\p{M}/u;

/** Composes characters (NFC) cluster by cluster: a composed character comes from its base's source. */
function composeTraced(t: Traced): Traced {
  const whole = t.text.normalize('NFC');
  if (whole === t.text) return t;
  let text = '';
  const src: number[] = [];
  let i = 0;
  while (i < t.text.length) {
    const start = i;
    i += codePointLength(t.text, i);
    while (i < t.text.length && MARK.test(String.fromCodePoint(t.text.codePointAt(i)!))) i += codePointLength(t.text, i);
    const cluster = t.text.slice(start, i).normalize('NFC');
    text += cluster;
    for (let k = 0; k < cluster.length; k++) src.push(t.src[start]!);
  }
  // Compositions across clusters (Hangul jamo) are rare: keep the right text, give up their sources.
  return text === whole ? { text, src } : { text: whole, src: new Array<number>(whole.length).fill(-1) };
}

function codePointLength(text: string, at: number): number {
  return (text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
}

/**
 * The traced twin of normaliseParagraph (shared/text/paragraph.ts): normalises characters,
 * composes, collapses each whitespace run to one space (traced to the run's first character), trims.
 */
export function normaliseTraced(input: Traced): Traced {
  let t = input;
  if (!ASCII.test(t.text)) {
    let text = '';
    const src: number[] = [];
    for (let i = 0; i < t.text.length; i++) {
      const ch = t.text[i]!;
      if (INVISIBLE.test(ch)) continue;
      // A control character becomes a space, a presentation form its letters, each from its source.
      const out = CONTROL.test(ch) ? ' ' : PRESENTATION.test(ch) ? presentationLetters(ch) : UNDECODABLE.test(ch) ? REPLACEMENT_CHAR : ch;
      text += out;
      for (let k = 0; k < out.length; k++) src.push(t.src[i]!);
    }
    t = composeTraced({ text, src });
  }
  if (!/\s\s|[^\S ]|^\s|\s$/.test(t.text)) return t; // already one space between words
  let text = '';
  const src: number[] = [];
  let inSpace = false;
  for (let i = 0; i < t.text.length; i++) {
    const ch = t.text[i]!;
    if (SPACE.test(ch)) {
      if (!inSpace) {
        text += ' ';
        src.push(t.src[i]!);
      }
      inSpace = true;
    } else {
      text += ch;
      src.push(t.src[i]!);
      inSpace = false;
    }
  }
  return trimEnd(trimStart({ text, src }));
}
