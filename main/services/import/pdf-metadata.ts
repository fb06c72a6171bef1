// Metadata of a PDF: XMP (dc:title, dc:creator) when present, else the info dictionary (Title, Author,
// CreationDate). Authoring tools often fill these with junk ("Microsoft Word - draft3.docx"), so a
// missing or placeholder title falls back to the largest text near the top of the first page.
import type { DocumentMetadata } from '../../../shared/model';
import { parseDateValue, parsePdfDate } from './dates';
import { cleanAuthors, cleanText, cleanTitle, compact, findDoi, splitAuthors, truncate } from './fields';
import type { PdfLine } from '../../../shared/pdf';

/** What pdf.js's getMetadata() gives, narrowed to what we read. */
export interface PdfMetadataSource {
  info: object;
  metadata: { get(name: string): unknown } | null;
}

const stringField = (record: object, key: string): string | null => {
  const value: unknown = (record as Record<string, unknown>)[key];
  return typeof value === 'string' && value.trim() ? value : null;
};

function xmp(source: PdfMetadataSource, key: string): unknown {
  try {
    return source.metadata?.get(key) ?? null;
  } catch {
    return null;
  }
}

/** The biggest text in the top half of page 1, if it stands out from the body text. */
export function titleFromFirstPage(lines: readonly PdfLine[]): string | null {
  if (lines.length < 2) return null;
  const top = Math.max(...lines.map((l) => l.y));
  const bottom = Math.min(...lines.map((l) => l.y));
  const sizes = lines.map((l) => l.size).sort((a, b) => a - b);
  const bodySize = sizes[Math.floor(sizes.length / 2)] ?? 0;
  const upper = lines.filter((l) => l.y >= bottom + (top - bottom) / 2);
  const largest = Math.max(...upper.map((l) => l.size));
  if (!(largest > bodySize * 1.25)) return null;
  const start = lines.findIndex((l) => l.size === largest && upper.includes(l));
  const parts: string[] = [];
  for (let i = start; i < lines.length && parts.length < 3; i++) {
    const line = lines[i];
    if (!line || Math.abs(line.size - largest) > 0.5) break;
    parts.push(line.text);
  }
  return cleanTitle(truncate(cleanText(parts.join(' ')), 300));
}

export function readPdfMetadata(
  source: PdfMetadataSource,
  firstPageLines: readonly PdfLine[],
  openingText: string,
): Partial<DocumentMetadata> {
  const { info } = source;
  const xmpTitle = xmp(source, 'dc:title');
  const xmpCreators = xmp(source, 'dc:creator');

  const title =
    cleanTitle(typeof xmpTitle === 'string' ? xmpTitle : null) ??
    cleanTitle(stringField(info, 'Title')) ??
    titleFromFirstPage(firstPageLines);

  const authors =
    Array.isArray(xmpCreators) && xmpCreators.length > 0
      ? cleanAuthors(xmpCreators.filter((c): c is string => typeof c === 'string').flatMap(splitAuthors))
      : splitAuthors(stringField(info, 'Author'));

  const xmpDate = xmp(source, 'xmp:createdate');
  const date =
    parsePdfDate(stringField(info, 'CreationDate')) ?? parseDateValue(typeof xmpDate === 'string' ? xmpDate : null);

  const xmpDoi = xmp(source, 'prism:doi');
  const doi =
    findDoi(typeof xmpDoi === 'string' ? xmpDoi : null) ??
    findDoi(stringField(info, 'doi')) ??
    findDoi(stringField(info, 'Subject')) ??
    findDoi(openingText);

  return compact<DocumentMetadata>({ title, authors, date, doi });
}
