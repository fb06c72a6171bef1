// BibTeX and BibLaTeX files, read with @retorquere/bibtex-parser, the parser behind Better BibTeX for
// Zotero: it reads entry by entry (a broken entry costs only itself), knows real-world files (JabRef
// groups, Mendeley's fields, "+" in field names) and turns LaTeX into Unicode, which no hand-written
// rules here would match. Its output becomes CSL items; its error messages become sentences.
import { parseAsync, type Creator, type Entry } from '@retorquere/bibtex-parser';
import type { CslItem, CslName } from '../../../shared/interchange/csl-json';
import { plainText } from './plain-text';
import { LineIndex, type ReferenceEntry } from './reference-entry';

const CSL_TYPE: Record<string, string> = {
  article: 'article-journal',
  periodical: 'article-journal',
  suppperiodical: 'article-journal',
  book: 'book',
  mvbook: 'book',
  booklet: 'book',
  collection: 'book',
  mvcollection: 'book',
  proceedings: 'book',
  mvproceedings: 'book',
  reference: 'book',
  inbook: 'chapter',
  bookinbook: 'chapter',
  suppbook: 'chapter',
  incollection: 'chapter',
  suppcollection: 'chapter',
  inreference: 'entry-encyclopedia',
  inproceedings: 'paper-conference',
  conference: 'paper-conference',
  report: 'report',
  techreport: 'report',
  thesis: 'thesis',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  online: 'webpage',
  www: 'webpage',
  electronic: 'webpage',
  webpage: 'webpage',
  legislation: 'legislation',
  legal: 'legislation',
  jurisdiction: 'legal_case',
  standard: 'standard',
  patent: 'patent',
  dataset: 'dataset',
  software: 'software',
  unpublished: 'manuscript',
  manual: 'report',
};

// Commands the parser does not know: a control space or spacing command is a space, anything else
// is dropped and its argument kept ("\foo{bar}" reads "bar").
const unknownCommand = (_node: unknown, tex: string): string => (/^\\[ ,;:]$/.test(tex) ? ' ' : '');

// Fields Apostil does not keep are read verbatim: converting LaTeX in every abstract and file list
// would cost most of the time, and a broken formula in an abstract should not cost the entry.
const USED_FIELDS = /^(?!(?:title|author|date|year|month|journal|journaltitle|booktitle|maintitle|series|publisher|institution|school|organization|url|doi|eprint|eprinttype)$)/i;

const ENTRY_START = /@\s*([a-z]+)\s*[{(]\s*([^,\s{}()]*)/gi;
const NOT_ENTRIES = new Set(['string', 'comment', 'preamble']);

export async function readBibtex(text: string): Promise<ReferenceEntry[]> {
  // parseAsync pauses between chunks of entries, so the worker's heartbeat goes on through a large file.
  const library = await parseAsync(text, { english: false, unsupported: unknownCommand, verbatimFields: [USED_FIELDS], applyCrossRef: true });
  const lines = new LineIndex(text);
  // Where each entry starts, by key, in file order (a key may be used twice).
  const starts = new Map<string, number[]>();
  for (const m of text.matchAll(ENTRY_START)) {
    if (NOT_ENTRIES.has(m[1]!.toLowerCase())) continue;
    const key = m[2]!;
    (starts.get(key) ?? starts.set(key, []).get(key)!).push(lines.lineOf(m.index));
  }
  const lineOf = (key: string): number | null => starts.get(key)?.shift() ?? null;

  const problems = new Map<string, string>();
  for (const { error, input } of library.errors) {
    const key = input ? /^@\s*[a-z]+\s*[{(]\s*([^,\s{}()]*)/i.exec(input)?.[1] : undefined;
    if (key !== undefined && !problems.has(key)) problems.set(key, describeError(error));
  }
  const entries: ReferenceEntry[] = library.entries.map((entry) => {
    const problem = problems.get(entry.key);
    problems.delete(entry.key);
    return { key: entry.key || null, line: lineOf(entry.key), read: problem ? { problem } : { item: toCslItem(entry) } };
  });
  // Entries the parser gave up on entirely.
  for (const [key, problem] of problems) entries.push({ key: key || null, line: lineOf(key), read: { problem } });
  return entries.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
}

/** The parser's message as a sentence for the user (its wording is about its own grammar). */
function describeError(message: string): string {
  const at = /at line (\d+)/.exec(message);
  const where = at ? ` (line ${at[1]})` : '';
  if (/unclosed math/i.test(message)) return `a “$” starts a formula that is never closed${where}`;
  const mismatch = /expected "(.+?)", found "(.*?)"/.exec(message);
  if (mismatch) {
    const found = mismatch[2]!.replace(/\\n/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 30);
    const before = found ? `before “${found}”` : 'before the end of the file';
    return `a “${mismatch[1]}” is missing ${before}${where}: the entry's braces or quotes do not match`;
  }
  return `its BibTeX could not be read${where}; check its braces, quotes and commas`;
}

function toCslItem(entry: Entry): CslItem {
  const f = entry.fields;
  const text = (name: string): string | undefined => {
    const value = f[name];
    const joined = Array.isArray(value) ? value.join('; ') : value;
    return typeof joined === 'string' && joined.trim() ? plainText(tidyTex(joined)) : undefined;
  };
  const item: CslItem = { id: entry.key || 'entry', type: CSL_TYPE[entry.type.toLowerCase()] ?? 'document' };
  const title = text('title');
  if (title) item.title = title;
  const authors = (f.author ?? []).map(toCslName).filter((n): n is CslName => n !== null);
  if (authors.length) item.author = authors;
  const issued = bibtexDate(f.date, f.year, f.month);
  if (issued) item.issued = issued;
  const container = text('journaltitle') ?? text('journal') ?? text('booktitle') ?? text('maintitle') ?? text('series');
  if (container) item['container-title'] = container;
  const publisher = text('publisher') ?? text('institution') ?? text('school') ?? text('organization');
  if (publisher) item.publisher = publisher;
  const url = f.url?.trim();
  if (url) item.URL = url;
  const doi = f.doi ?? (f.eprinttype?.toLowerCase() === 'doi' ? f.eprint : undefined);
  if (doi) item.DOI = doi.trim();
  return item;
}

// The parser writes \TeX and \LaTeX with raised and lowered letters; as text they are their names.
function tidyTex(value: string): string {
  return value.replace(/Lᴬ\s*T<sub>E<\/sub>X/g, 'LaTeX').replace(/T<sub>E<\/sub>X/g, 'TeX');
}

function toCslName(creator: Creator): CslName | null {
  if (creator.name) return { literal: plainText(creator.name) };
  const family = [creator.prefix, creator.lastName].filter(Boolean).join(' ');
  const given = [creator.firstName, creator.suffix].filter(Boolean).join(' ');
  if (!family && !given) return null;
  if (/^others$/i.test(family) && !given) return null; // "and others"
  return { family: plainText(family), ...(given ? { given: plainText(given) } : {}) };
}

/** BibLaTeX's date ("2019-04-29", "2019/2020") or BibTeX's year and month. */
function bibtexDate(date: string | undefined, year: string | undefined, month: string | undefined): CslItem['issued'] {
  const iso = /^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?/.exec(date?.trim() ?? '');
  if (iso) return { 'date-parts': [[iso[1], iso[2], iso[3]].filter((p): p is string => p !== undefined).map(Number)] };
  const y = /\d{4}/.exec(year ?? '')?.[0];
  if (!y) return date || year ? { raw: (date ?? year)!.trim() } : undefined;
  const m = Number(month);
  return { 'date-parts': [Number.isInteger(m) && m >= 1 && m <= 12 ? [Number(y), m] : [Number(y)]] };
}
