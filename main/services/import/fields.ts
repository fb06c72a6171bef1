// Cleaning metadata values found in files: they are guesses, so each helper returns null (or drops the
// value) rather than pass on something malformed that the library would then reject.

const MAX_TITLE = 500;
const MAX_AUTHOR = 200;
const MAX_AUTHORS = 100;

export function cleanText(value: string | null | undefined): string {
  // eslint-disable-next-line no-control-regex
  return (value ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Cuts a long value at a word boundary, with an ellipsis. */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

// Titles that authoring tools write when the author wrote none.
const PLACEHOLDER_TITLE = /^(untitled( document)?|title|document\d*|slide ?\d*|no title|\(?anonymous\)?)$/i;
const TOOL_PREFIX = /^(microsoft (word|powerpoint|excel) - )/i;
const FILE_NAME = /\.(docx?|pdf|rtf|odt|pages|indd|tex|dvi|ps|txt|html?|md)$/i;

export function cleanTitle(value: string | null | undefined): string | null {
  let title = cleanText(value).replace(TOOL_PREFIX, '');
  if (FILE_NAME.test(title)) title = title.replace(FILE_NAME, '').replace(/[_]+/g, ' ').trim();
  if (!title || !/\p{L}/u.test(title) || PLACEHOLDER_TITLE.test(title)) return null;
  return truncate(title, MAX_TITLE);
}

/** "Ann Smith; Bob Jones", "Ann Smith and Bob Jones", "By Ann Smith & Bob Jones" → names. */
export function splitAuthors(value: string | null | undefined): string[] {
  const text = cleanText(value).replace(/^by\s+/i, '');
  if (!text) return [];
  const names = text.split(/\s*;\s*|\s+and\s+|\s*&\s*|\s*\|\s*/i).flatMap(splitCommas);
  return cleanAuthors(names);
}

// "Smith, John" is one name; "Ann Smith, Bob Jones" is two: split on commas only when every part is a
// full name of its own.
function splitCommas(name: string): string[] {
  const parts = name.split(/\s*,\s*/).filter(Boolean);
  return parts.length > 1 && parts.every((p) => p.includes(' ')) ? parts : [name];
}

/** Trims, drops empty, URL-like and duplicate names, and caps their number and length. */
export function cleanAuthors(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of names) {
    const name = truncate(cleanText(raw).replace(/^by\s+/i, '').replace(/[,;]+$/, ''), MAX_AUTHOR);
    // "ARRAY(0x2c7cf020)": a Perl tool wrote its list's address instead of the names.
    if (!name || !/\p{L}/u.test(name) || /^https?:\/\//i.test(name) || /^(ARRAY|HASH|SCALAR|CODE)\(0x[0-9a-f]+\)$/i.test(name) || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    result.push(name);
    if (result.length >= MAX_AUTHORS) break;
  }
  return result;
}

const DOI = /\b(10\.\d{4,9}\/[^\s"'<>]+)/;

/** A DOI in any of its usual dresses ("doi:10.…", "https://doi.org/10.…") → "10.…". */
export function findDoi(value: string | null | undefined): string | null {
  const m = DOI.exec(value ?? '');
  if (!m?.[1]) return null;
  // Sentence punctuation after a DOI is not part of it.
  const doi = m[1].replace(/[.,;:)\]}]+$/, '');
  return doi.length <= 300 ? doi : null;
}

/** Only absolute http(s) URLs are kept: a page's metadata must never smuggle in javascript: or file:. */
export function cleanUrl(value: string | null | undefined): string | null {
  const text = cleanText(value);
  if (!text) return null;
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.href.length <= 2_000 ? url.href : null;
  } catch {
    return null;
  }
}

export function cleanPublication(value: string | null | undefined): string | null {
  const text = cleanText(value);
  return text && /\p{L}/u.test(text) ? truncate(text, 300) : null;
}

/** Copies only the fields that have a value, so Partial<…> never carries explicit nulls or []. */
export function compact<T extends object>(fields: { [K in keyof T]?: T[K] | null | undefined }): Partial<T> {
  const result: Partial<T> = {};
  for (const key of Object.keys(fields) as (keyof T)[]) {
    const value = fields[key];
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    result[key] = value as T[keyof T];
  }
  return result;
}
