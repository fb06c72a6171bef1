// Our document metadata as CSL-JSON (the citation data model of Zotero, citeproc-js and citation.js)
// and back. Every reference format (BibTeX, RIS, the citation styles) goes through this mapping.
import type { DocumentKind, DocumentMetadata } from '../model';
import { foldForMatching } from '../codebooks';

export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

export interface CslItem {
  id: string;
  type: string;
  title?: string;
  author?: CslName[];
  issued?: { 'date-parts'?: (number | string)[][]; raw?: string; literal?: string };
  'container-title'?: string;
  publisher?: string;
  URL?: string;
  DOI?: string;
  'citation-key'?: string;
  [field: string]: unknown;
}

const TYPE_OF_KIND: Record<DocumentKind, (m: DocumentMetadata) => string> = {
  // "Article" is what an import guesses when nothing says what a file is: with no journal, nothing
  // says it is a journal article, so it goes out as a generic document (BibTeX @misc, RIS GEN).
  article: (m) => (m.publication ? 'article-journal' : 'document'),
  treaty: () => 'treaty',
  report: () => 'report',
  chapter: () => 'chapter',
  webpage: () => 'webpage',
};

// Words that mark a name as an organisation's, which citation styles must print as written.
const ORGANISATION = /\b(of|for|the|and|government|ministry|department|agency|office|council|commission|institute|foundation|corporation|inc|ltd|llc|association|union|organi[sz]ation|nations|forum|cent(er|re)|group|committee|initiative|alliance|university|network|coalition|company|microsoft|google)\b|[&.]$/i;

/** "Jane Smith" → {given, family}; "Smith, Jane" likewise; organisations and one-word names stay whole. */
export function parseName(name: string): CslName {
  const trimmed = name.trim();
  if (trimmed.includes(',')) {
    const [family, ...given] = trimmed.split(',');
    return { family: family!.trim(), given: given.join(',').trim() };
  }
  const words = trimmed.split(/\s+/);
  if (words.length < 2 || ORGANISATION.test(trimmed)) return { literal: trimmed };
  // Particles ("van", "de", "von der") belong to the family name.
  let cut = words.length - 1;
  while (cut > 1 && /^(van|von|de|der|den|da|del|della|di|du|la|le|ter|ten|bin|al)$/i.test(words[cut - 1]!)) cut--;
  return { given: words.slice(0, cut).join(' '), family: words.slice(cut).join(' ') };
}

export function formatName(name: CslName): string | null {
  if (name.literal?.trim()) return name.literal.trim();
  const parts = [name.given, name.family].map((p) => p?.trim()).filter(Boolean);
  return parts.length ? parts.join(' ') : null;
}

export function toCslItem(id: string, metadata: DocumentMetadata): CslItem {
  const item: CslItem = { id, type: TYPE_OF_KIND[metadata.kind](metadata), title: metadata.title };
  if (metadata.authors.length) item.author = metadata.authors.map(parseName);
  if (metadata.date) item.issued = { 'date-parts': [metadata.date.split('-').map(Number)] };
  if (metadata.publication) item[metadata.kind === 'report' ? 'publisher' : 'container-title'] = metadata.publication;
  if (metadata.url) item.URL = metadata.url;
  if (metadata.doi) item.DOI = metadata.doi;
  return item;
}

/**
 * Citation keys for LaTeX: first author's family name, year and first significant title word
 * ("smith2018norms"), ASCII only, made unique with a, b, c… in the order given.
 */
export function citationKeys(entries: readonly { id: string; metadata: DocumentMetadata }[]): Map<string, string> {
  const keys = new Map<string, string>();
  const used = new Set<string>();
  for (const { id, metadata } of entries) {
    const first = metadata.authors[0] ? parseName(metadata.authors[0]) : null;
    const name = first ? (first.family ?? first.literal ?? '') : '';
    const word = metadata.title.split(/\s+/).find((w) => !/^(a|an|the|on|of|in|and|for|to)$/i.test(w)) ?? '';
    const base = [name.split(/\s+/).pop() ?? '', metadata.date?.slice(0, 4) ?? '', word].map(asciiWord).join('') || 'ref';
    let key = base;
    for (let n = 0; used.has(key); n++) key = base + suffix(n);
    used.add(key);
    keys.set(id, key);
  }
  return keys;
}

function asciiWord(text: string): string {
  return foldForMatching(text).toLowerCase().replace(/[^a-z0-9]/g, '');
}

function suffix(n: number): string {
  return n < 26 ? String.fromCharCode(97 + n) : String(n);
}

const KIND_OF_TYPE: [RegExp, DocumentKind][] = [
  [/^(treaty|legislation|bill|regulation|legal_case|standard)$/, 'treaty'],
  [/^(report|book|thesis|manuscript|dataset|pamphlet)$/, 'report'],
  [/^(chapter|paper-conference|entry-encyclopedia|entry-dictionary|entry)$/, 'chapter'],
  [/^(webpage|post|post-weblog|software|interview)$/, 'webpage'],
];

/** The metadata a CSL item carries, or a reason it cannot be used. Fields we do not model are left out. */
export function fromCslItem(item: CslItem): { metadata: DocumentMetadata } | { skipped: string } {
  const title = cleanText(typeof item.title === 'string' ? item.title : '');
  if (!title) return { skipped: 'it has no title' };
  const authors = (Array.isArray(item.author) ? item.author : []).map(formatName).filter((n): n is string => n !== null).slice(0, 500);
  const kind = KIND_OF_TYPE.find(([pattern]) => pattern.test(String(item.type ?? '')))?.[1] ?? 'article';
  const publication = [item['container-title'], item.publisher, item['collection-title']].find((v): v is string => typeof v === 'string' && v.trim() !== '');
  return {
    metadata: {
      title: title.slice(0, 1_000),
      authors: authors.map((a) => a.slice(0, 500)),
      date: cslDate(item.issued),
      publication: publication ? cleanText(publication).slice(0, 2_000) : null,
      url: typeof item.URL === 'string' && item.URL.trim() ? item.URL.trim().slice(0, 2_000) : null,
      doi: typeof item.DOI === 'string' ? normalizeDoi(item.DOI) : null,
      kind,
    },
  };
}

function cleanText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function cslDate(issued: CslItem['issued']): string | null {
  const parts = issued?.['date-parts']?.[0];
  const numbers = (parts ?? []).map(Number);
  if (numbers.length && Number.isInteger(numbers[0]) && numbers[0]! > 0 && numbers[0]! < 10_000) {
    const [y, m, d] = numbers;
    let date = String(y).padStart(4, '0');
    if (m && m >= 1 && m <= 12) {
      date += `-${String(m).padStart(2, '0')}`;
      if (d && d >= 1 && d <= 31) date += `-${String(d).padStart(2, '0')}`;
    }
    return date;
  }
  const year = /\b(\d{4})\b/.exec(issued?.raw ?? issued?.literal ?? '');
  return year ? year[1]! : null;
}

/** "https://doi.org/10.1000/X" and "doi:10.1000/x" both become "10.1000/x"; anything else is no DOI. */
export function normalizeDoi(doi: string): string | null {
  const match = /10\.\d{4,9}\/\S+/.exec(doi.trim());
  return match ? match[0].toLowerCase().slice(0, 2_000) : null;
}

/** Titles compared as words: case, accents, punctuation and spacing do not matter. */
export function titleKey(title: string): string {
  return foldForMatching(title)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
