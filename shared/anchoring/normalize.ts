// Re-extracted or re-typeset text differs from the old text in ways a reader does not see: spacing,
// line breaks, hyphens at line ends, ligatures, curly quotes. Comparing both texts in a normalized
// form makes those differences vanish; the offset table maps a match back to the original text.

export interface NormalizedText {
  text: string;
  /** offsets[i] is the index in the original text of normalized char i; offsets[text.length] is its length. */
  offsets: Uint32Array;
}

const SPACE = 0x20;

// Characters a copy or a re-extraction may add or lose without the reader noticing.
const DROPPED = new Set([0x00ad /* soft hyphen */, 0x200b /* zero-width space */, 0xfeff /* BOM */]);

const REPLACED = new Map<number, string>([
  [0xfb00, 'ff'],
  [0xfb01, 'fi'],
  [0xfb02, 'fl'],
  [0xfb03, 'ffi'],
  [0xfb04, 'ffl'],
  [0xfb05, 'st'],
  [0xfb06, 'st'],
  [0x2018, "'"],
  [0x2019, "'"],
  [0x201a, "'"],
  [0x201b, "'"],
  [0x201c, '"'],
  [0x201d, '"'],
  [0x201e, '"'],
  [0x201f, '"'],
]);

export function isWhitespace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/**
 * Collapses each run of whitespace to one space, joins words hyphenated across a break
 * ("inter-\nnational" → "international"), drops soft hyphens and zero-width characters, and spells
 * out ligatures and curly quotes.
 */
export function normalizeText(text: string): NormalizedText {
  const n = text.length;
  let codes = new Uint16Array(n + 16);
  let offsets = new Uint32Array(n + 17);
  let len = 0;
  const emit = (code: number, from: number): void => {
    if (len === codes.length) {
      const grownCodes = new Uint16Array(codes.length * 2);
      grownCodes.set(codes);
      codes = grownCodes;
      const grownOffsets = new Uint32Array(codes.length + 1);
      grownOffsets.set(offsets);
      offsets = grownOffsets;
    }
    codes[len] = code;
    offsets[len] = from;
    len += 1;
  };

  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code > 0x20 && code < 0x7f && code !== 0x2d && len < codes.length) {
      // Fast path for plain ASCII, which most texts are almost entirely made of.
      codes[len] = code;
      offsets[len] = i;
      len += 1;
      i += 1;
    } else if (isWhitespace(code)) {
      let j = i + 1;
      while (j < n && (isWhitespace(text.charCodeAt(j)) || DROPPED.has(text.charCodeAt(j)))) j += 1;
      emit(SPACE, i);
      i = j;
    } else if (DROPPED.has(code)) {
      i += 1;
    } else if ((code === 0x2d || code === 0x2010) && len > 0 && joinsBrokenWord(text, i, codes[len - 1])) {
      i = skipWhitespace(text, i + 1);
    } else {
      const replacement = REPLACED.get(code);
      if (replacement === undefined) emit(code, i);
      else for (let k = 0; k < replacement.length; k += 1) emit(replacement.charCodeAt(k), i);
      i += 1;
    }
  }
  offsets[len] = n;
  return { text: decode(codes, len), offsets: offsets.slice(0, len + 1) };
}

/** The normalized form of a short string, without the offset table. */
export function normalizeSnippet(s: string): string {
  return normalizeText(s).text;
}

/** The index in the normalized text of the first char at or after `index` in the original. */
export function toNormalizedIndex(normalized: NormalizedText, index: number): number {
  const { offsets } = normalized;
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offsets[mid] < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Maps normalized [start, end) back to the original text. */
export function toOriginalRange(normalized: NormalizedText, start: number, end: number): [number, number] {
  return [normalized.offsets[start], normalized.offsets[end - 1] + 1];
}

// A hyphen between a letter and whitespace followed by a lower-case letter is taken as a word broken
// at a line end. Both sides of a comparison are normalized alike, so a rare false join is harmless.
function joinsBrokenWord(text: string, hyphen: number, previous: number): boolean {
  const after = skipWhitespace(text, hyphen + 1);
  if (after === hyphen + 1 || after >= text.length) return false;
  return LETTER.test(String.fromCharCode(previous)) && LOWER.test(text.charAt(after));
}

const LETTER = /\p{L}/u;
const LOWER = /\p{Ll}/u;

function skipWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isWhitespace(text.charCodeAt(i))) i += 1;
  return i;
}

// String.fromCharCode takes its arguments on the stack, so long texts are decoded in chunks.
function decode(codes: Uint16Array, len: number): string {
  const chunk = 8192;
  const parts: string[] = [];
  for (let k = 0; k < len; k += chunk) {
    parts.push(String.fromCharCode(...codes.subarray(k, Math.min(len, k + chunk))));
  }
  return parts.join('');
}
