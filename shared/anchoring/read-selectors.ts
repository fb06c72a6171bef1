// Selectors come from files on disk and may be malformed; this reads the usable parts and says what
// was wrong, so anchoring can report an orphan instead of throwing.
import type { Selector } from '../model';

export interface StoredSelection {
  quote: { exact: string; prefix: string; suffix: string } | null;
  /** A well-formed stored position (it may still lie outside the text). */
  position: { start: number; end: number } | null;
  problems: string[];
}

export function readSelectors(selectors: readonly Selector[]): StoredSelection {
  const result: StoredSelection = { quote: null, position: null, problems: [] };
  if (!Array.isArray(selectors)) {
    result.problems.push('its selectors are not a list');
    return result;
  }
  const list: unknown[] = selectors;
  const quote = list.find((s) => isObject(s) && s.type === 'TextQuoteSelector');
  const position = list.find((s) => isObject(s) && s.type === 'TextPositionSelector');
  if (isObject(quote)) {
    if (typeof quote.exact === 'string' && quote.exact.trim().length > 0) {
      result.quote = { exact: quote.exact, prefix: stringOr(quote.prefix), suffix: stringOr(quote.suffix) };
    } else {
      result.problems.push('its quote is empty');
    }
  }
  if (isObject(position)) {
    const { start, end } = position;
    if (typeof start === 'number' && typeof end === 'number' && Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end) {
      result.position = { start, end };
    } else {
      result.problems.push(`its position (${String(start)}–${String(end)}) is not a valid range`);
    }
  }
  if (quote === undefined && position === undefined) result.problems.push('it has no quote or position selector');
  return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function stringOr(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
