// Metadata of a PDF. Fields in the file are guesses, often wrong: a browser writes the page's <title>
// and the day it printed, authoring tools write "Microsoft Word - draft3.docx", converters put a
// paragraph in Title. So each field is taken from the best source that is plausible:
// - title: XMP dc:title or the info Title when it reads as a title, else the largest text at the top
//   of page one;
// - date: XMP publication dates, else a date printed near the title on page one, and only last the
//   file's creation date, marked "file-created" (shown as "from the file, check it");
// - authors: XMP dc:creator or the info Author, else the byline under the title;
// - DOI: XMP or info fields, else the first DOI in the opening text.
import type { DocumentMetadata, FieldOrigins } from '../../../shared/model';
import type { PdfLine } from '../../../shared/pdf';
import { findDateInText, parseDateValue, parsePdfDate } from './dates';
import { cleanAuthors, cleanText, cleanTitle, compact, findDoi, splitAuthors, truncate } from './fields';

/** What pdf.js's getMetadata() gives, narrowed to what we read. */
export interface PdfMetadataSource {
  info: object;
  metadata: { get(name: string): unknown } | null;
}

export interface PdfMetadataReading {
  metadata: Partial<DocumentMetadata>;
  /** Where fields came from, where it matters (the creation date used for lack of a better one). */
  fieldOrigins: FieldOrigins;
}

const stringField = (record: object, key: string): string | null => {
  const value: unknown = (record as Record<string, unknown>)[key];
  return typeof value === 'string' && value.trim() ? value : null;
};

/** An XMP value as text (pdf.js lower-cases the names: "prism:publicationdate"). */
function xmp(source: PdfMetadataSource, key: string): string | null {
  let value: unknown;
  try {
    value = source.metadata?.get(key) ?? null;
  } catch {
    return null;
  }
  if (Array.isArray(value)) value = value.find((v) => typeof v === 'string' && v.trim());
  return typeof value === 'string' && value.trim() ? value : null;
}

function xmpList(source: PdfMetadataSource, key: string): string[] {
  try {
    const value: unknown = source.metadata?.get(key);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * A title field's value if it reads as a title: not a paragraph (a converter's first lines), not a
 * web address (a browser printing a page without a title), not a tool's placeholder.
 */
export function plausibleTitle(value: string | null | undefined): string | null {
  const title = cleanTitle(value);
  if (!title) return null;
  const words = title.split(' ').length;
  const sentences = title.split(/[.!?]\s+(?=\p{Lu})/u).length;
  if (title.length > 250 || words > 35 || sentences > 2) return null;
  if (/^(https?:\/\/|www\.|file:)/i.test(title) || /^[\w.-]+\.(com|org|net|edu|gov|int|eu|fr|de|uk)(\/|$)/i.test(title)) return null;
  return title;
}

/** The title on page one: the biggest text in the top half, if it stands out from the body text. */
interface FirstPageTitle {
  title: string;
  /** Its lines [first, last] in `lines`. */
  first: number;
  last: number;
  size: number;
}

function firstPageTitle(lines: readonly PdfLine[]): FirstPageTitle | null {
  if (lines.length < 2) return null;
  const top = Math.max(...lines.map((l) => l.y));
  const bottom = Math.min(...lines.map((l) => l.y));
  const sizes = lines.map((l) => l.size).sort((a, b) => a - b);
  const bodySize = sizes[Math.floor(sizes.length / 2)] ?? 0;
  const upper = lines.filter((l) => l.y >= bottom + (top - bottom) / 2);
  const largest = Math.max(...upper.map((l) => l.size));
  if (!(largest > bodySize * 1.25)) return null;
  const first = lines.findIndex((l) => l.size === largest && upper.includes(l));
  const parts: string[] = [];
  let last = first;
  for (let i = first; i < lines.length && parts.length < 4; i++) {
    const line = lines[i];
    if (!line || Math.abs(line.size - largest) > 0.5) break;
    parts.push(line.text);
    last = i;
  }
  const title = cleanTitle(truncate(cleanText(parts.join(' ')), 300));
  return title ? { title, first, last, size: largest } : null;
}

export function titleFromFirstPage(lines: readonly PdfLine[]): string | null {
  return firstPageTitle(lines)?.title ?? null;
}

/**
 * A browser's page header or footer ("12/7/26, 6:13 AM", "https://…", "1/3"): what it shows is the
 * print date and the page's address, never the document's.
 */
function isBrowserMargin(text: string): boolean {
  return (
    /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+\d{1,2}:\d{2}/.test(text) ||
    /^(https?|file):\/\//i.test(text) ||
    /^\d+\s*\/\s*\d+$/.test(text)
  );
}

/** How many lines below the title a date or byline may be and still belong to it. */
const NEAR_TITLE = 8;

/**
 * The lines where a date or byline of the document is printed: those at the top of the page before
 * its body text begins (the first full-width line after the title), at most a few below the title.
 */
function linesNearTitle(lines: readonly PdfLine[], title: FirstPageTitle | null): PdfLine[] {
  const widths = lines.map((l) => l.right - l.x).sort((a, b) => a - b);
  const full = (widths[Math.floor(widths.length * 0.9)] ?? 0) * 0.75;
  const near: PdfLine[] = [];
  const end = Math.min(lines.length, (title ? title.last + 1 : 0) + NEAR_TITLE);
  for (let i = 0; i < end; i++) {
    const line = lines[i]!;
    if (title && i >= title.first && i <= title.last) continue;
    if (isBrowserMargin(line.text.trim())) continue;
    if (line.right - line.x >= full && (!title || i > title.last)) break; // the body text has begun
    near.push(line);
  }
  return near;
}

/**
 * A date with at least its month on a dateline near the title ("/ April 29, 2019, 9:46 a.m.",
 * "Updated on 05 April 2024", "By Ann Smith | May 2020"), not a date the prose mentions ("On November
 * 12, 2018, the government of France initiated…").
 */
export function dateNearTitle(lines: readonly PdfLine[]): string | null {
  for (const line of linesNearTitle(lines, firstPageTitle(lines))) {
    const date = findDateInText(cleanText(line.text));
    if (date && date.length >= 7) return date;
  }
  return null;
}

const NAME_WORD = /^(\p{Lu}[\p{L}'’-]*\.?|\p{Lu}\.|(van|von|de|der|den|da|di|del|la|le|du|dos|bin|al|el)|[\p{Lu}]\.-?\p{Lu}\.)$/u;

/** "Ann Smith" or "J. R. Tolkien" or "Ludwig van Beethoven": a personal name, 2 to 5 words. */
function looksLikeName(name: string): boolean {
  const words = name.replace(/[*†‡§¹²³⁰-⁹\d]+$/u, '').split(/\s+/).filter(Boolean);
  return words.length >= 2 && words.length <= 5 && words.every((w) => NAME_WORD.test(w)) && /^\p{Lu}/u.test(words[words.length - 1]!);
}

/**
 * The byline below the title: "By Ann Smith and Bob Jones", or a line of nothing but names
 * ("Ann Smith, Bob Jones"). A date on the same line ("By Ann Smith / April 29, 2019") is left out.
 */
export function bylineFromFirstPage(lines: readonly PdfLine[]): string[] {
  const title = firstPageTitle(lines);
  if (!title) return [];
  for (const line of lines.slice(title.last + 1, title.last + 1 + 4)) {
    if (line.size >= title.size) break;
    const text = cleanText(line.text).replace(/\s*[/|·•–—]\s*[^/|·•–—]*\d{4}.*$/u, '');
    const by = /^by\s+(.+)$/i.exec(text);
    const names = splitAuthors(by ? by[1] : text);
    if (names.length > 0 && names.length <= 12 && names.every(looksLikeName)) return names;
    if (by) return [];
  }
  return [];
}

export function readPdfMetadata(source: PdfMetadataSource, firstPageLines: readonly PdfLine[], openingText: string): PdfMetadataReading {
  const { info } = source;
  const title = plausibleTitle(xmp(source, 'dc:title')) ?? plausibleTitle(stringField(info, 'Title')) ?? titleFromFirstPage(firstPageLines);

  const xmpCreators = cleanAuthors(xmpList(source, 'dc:creator').flatMap(splitAuthors));
  const infoAuthors = splitAuthors(stringField(info, 'Author'));
  const authors = xmpCreators.length ? xmpCreators : infoAuthors.length ? infoAuthors : bylineFromFirstPage(firstPageLines);

  const published =
    parseDateValue(xmp(source, 'prism:publicationdate')) ??
    parseDateValue(xmp(source, 'prism:coverdate')) ??
    parseDateValue(xmp(source, 'dc:date')) ??
    dateNearTitle(firstPageLines);
  const created = published ? null : (parsePdfDate(stringField(info, 'CreationDate')) ?? parseDateValue(xmp(source, 'xmp:createdate')));

  const doi =
    findDoi(xmp(source, 'prism:doi')) ??
    findDoi(stringField(info, 'doi')) ??
    findDoi(stringField(info, 'Subject')) ??
    findDoi(openingText);

  return {
    metadata: compact<DocumentMetadata>({ title, authors, date: published ?? created, doi }),
    fieldOrigins: created ? { date: 'file-created' } : {},
  };
}
