// A text with its normalized form computed at most once, so anchoring many annotations in one
// document normalizes the document once, and only if some annotation needs a tolerant search.
import { normalizeText, type NormalizedText } from './normalize';

export interface PreparedText {
  readonly raw: string;
  normalized(): NormalizedText;
}

export function prepareText(raw: string): PreparedText {
  let cache: NormalizedText | null = null;
  return {
    raw,
    normalized: () => (cache ??= normalizeText(raw)),
  };
}
