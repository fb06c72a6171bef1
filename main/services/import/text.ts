// Plain text: paragraphs are separated by blank lines; a file without any blank line has one paragraph
// per line. Markup in a .txt file stays inert text: the reader renders blocks as text, never as HTML.
import type { DocumentMetadata } from '../../../shared/model';
import { BlockBuilder, type TextExtraction } from './blocks';
import { findDateInText } from './dates';
import { cleanTitle, compact } from './fields';

/** Splits text into paragraphs, each with its original lines (used for the title guess). */
export function splitParagraphs(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\f/g, '\n\n').split('\n');
  const isBlank = (line: string): boolean => line.trim() === '';
  const firstText = lines.findIndex((l) => !isBlank(l));
  let lastText = lines.length - 1;
  while (lastText >= 0 && isBlank(lines[lastText] ?? '')) lastText--;
  const hasBlankLines = lines.slice(Math.max(firstText, 0), lastText + 1).some(isBlank);

  if (!hasBlankLines) return lines.filter((l) => !isBlank(l)).map((l) => [l]);
  const paragraphs: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (!isBlank(line)) current.push(line);
    else if (current.length > 0) {
      paragraphs.push(current);
      current = [];
    }
  }
  if (current.length > 0) paragraphs.push(current);
  return paragraphs;
}

const MAX_TITLE_CHARS = 200;
const DATELINE_SEARCH = 6;

/**
 * A first line reads as a title when it is a single short line, does not end like a sentence, and is
 * followed by more text. A first paragraph that is a sentence (a lede, a summary) is not a title.
 */
export function titleFromFirstParagraph(paragraphs: string[][]): string | null {
  const first = paragraphs[0];
  if (!first || first.length !== 1 || paragraphs.length < 2) return null;
  const line = (first[0] ?? '').replace(/\s+/g, ' ').trim();
  if (line.length < 3 || line.length > MAX_TITLE_CHARS) return null;
  if (/[.,;:]$/.test(line) && !/\.\.\.$|…$/.test(line)) return null;
  if (line.split(' ').length > 30 || findDateInText(line) === line) return null;
  return cleanTitle(line);
}

/**
 * A date written near the top, on a short line of its own (a dateline such as "Updated on 05 April
 * 2024"). Dates inside the body's sentences are usually about events, not the document, so they are
 * not used.
 */
export function datelineDate(paragraphs: string[][], skip: number): string | null {
  const lines = paragraphs.flat().slice(skip, skip + DATELINE_SEARCH);
  for (const raw of lines) {
    const line = raw.trim();
    if (line.length > 120) continue;
    const date = findDateInText(line);
    if (date) return date;
  }
  return null;
}

export function extractPlainText(decoded: string): TextExtraction {
  const paragraphs = splitParagraphs(decoded);
  const title = titleFromFirstParagraph(paragraphs);
  const builder = new BlockBuilder();
  paragraphs.forEach((lines, i) => builder.add(i === 0 && title ? 'h1' : 'p', lines.join('\n')));
  return {
    text: builder.build(),
    metadata: compact<DocumentMetadata>({ title, date: datelineDate(paragraphs, title ? 1 : 0) }),
  };
}
