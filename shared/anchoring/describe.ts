// Turns a selection in a text into redundant selectors: the position is fast and exact while the
// text is unchanged; the quote with its surroundings lets anchoring find the passage after edits.
import type { TextPositionSelector, TextQuoteSelector } from '../model';

export const DEFAULT_CONTEXT_LENGTH = 32;

/** Describes text[start, end) as a quote (with up to `contextLength` chars either side) and a position. */
export function describeRange(
  text: string,
  start: number,
  end: number,
  contextLength = DEFAULT_CONTEXT_LENGTH,
): [TextQuoteSelector, TextPositionSelector] {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new RangeError(`Cannot describe the range ${start}–${end} of a text of length ${text.length}.`);
  }
  if (!Number.isInteger(contextLength) || contextLength < 0) {
    throw new RangeError(`The context length must be a whole number ≥ 0, not ${contextLength}.`);
  }
  const quote: TextQuoteSelector = {
    type: 'TextQuoteSelector',
    exact: text.slice(start, end),
    prefix: withoutLoneSurrogates(text.slice(Math.max(0, start - contextLength), start)),
    suffix: withoutLoneSurrogates(text.slice(end, end + contextLength)),
  };
  return [quote, { type: 'TextPositionSelector', start, end }];
}

// A context cut in the middle of a surrogate pair would store half a character.
function withoutLoneSurrogates(s: string): string {
  let from = 0;
  let to = s.length;
  if (to > 0 && isLowSurrogate(s.charCodeAt(0))) from = 1;
  if (to > from && isHighSurrogate(s.charCodeAt(to - 1))) to -= 1;
  return s.slice(from, to);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
