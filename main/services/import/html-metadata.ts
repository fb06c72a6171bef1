// Metadata a web page declares about itself: Highwire/Google Scholar citation_* tags (the most
// precise, written for citation), then Dublin Core, then Open Graph, then plain HTML (<title>, canonical
// link). Readability's guesses (byline, JSON-LD) only fill what the tags leave empty.
import type { DocumentKind, DocumentMetadata } from '../../../shared/model';
import { parseDateValue } from './dates';
import {
  cleanAuthors,
  cleanPublication,
  cleanText,
  cleanTitle,
  cleanUrl,
  compact,
  findDoi,
  splitAuthors,
} from './fields';

/** What Readability found, used as a fallback. */
export interface ReadabilityHints {
  title?: string | null;
  byline?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
}

/** All <meta> values by lower-cased name or property, in document order. */
export function collectMeta(document: Document): Map<string, string[]> {
  const meta = new Map<string, string[]>();
  for (const element of Array.from(document.querySelectorAll('meta[content]'))) {
    const content = element.getAttribute('content') ?? '';
    for (const attribute of ['name', 'property', 'itemprop']) {
      const key = element.getAttribute(attribute)?.trim().toLowerCase();
      if (!key || !content.trim()) continue;
      const values = meta.get(key) ?? [];
      values.push(content);
      meta.set(key, values);
    }
  }
  return meta;
}

/** The first non-empty value among the keys, in order of preference. */
function pick(meta: Map<string, string[]>, keys: string[], accept: (v: string) => string | null): string | null {
  for (const key of keys) {
    for (const value of meta.get(key) ?? []) {
      const cleaned = accept(value);
      if (cleaned) return cleaned;
    }
  }
  return null;
}

/** "Article title | Site name" → "Article title" when the suffix is the site's name. */
function stripSiteSuffix(title: string | null, siteName: string | null): string | null {
  if (!title || !siteName) return title;
  const escaped = siteName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const stripped = title.replace(new RegExp(`\\s+[-|–—:·]\\s+${escaped}$`, 'i'), '').trim();
  return stripped || title;
}

function authorsFrom(meta: Map<string, string[]>, hints: ReadabilityHints): string[] {
  for (const key of ['citation_author', 'dc.creator', 'dcterms.creator']) {
    const values = meta.get(key);
    if (values?.length) return cleanAuthors(values.flatMap((v) => (v.includes(';') ? splitAuthors(v) : [v])));
  }
  for (const key of ['author', 'article:author', 'parsely-author', 'sailthru.author']) {
    const authors = (meta.get(key) ?? []).flatMap(splitAuthors);
    if (authors.length) return authors;
  }
  return splitAuthors(hints.byline);
}

function kindFrom(meta: Map<string, string[]>): DocumentKind {
  const scholarly = ['citation_journal_title', 'citation_conference_title', 'citation_doi', 'citation_title'];
  if (scholarly.some((key) => meta.has(key))) return 'article';
  const ogType = meta.get('og:type')?.[0]?.trim().toLowerCase();
  return ogType === 'article' ? 'article' : 'webpage';
}

export function readHtmlMetadata(document: Document, hints: ReadabilityHints = {}): Partial<DocumentMetadata> {
  const meta = collectMeta(document);
  const siteName = pick(meta, ['og:site_name', 'application-name'], cleanPublication) ?? cleanPublication(hints.siteName);
  const htmlTitle = cleanText(document.querySelector('title')?.textContent);
  const withoutSite = stripSiteSuffix(htmlTitle, siteName);

  // A <title> with a known site suffix is cut exactly; otherwise Readability's title, which cuts
  // "Article - Site" suffixes heuristically, beats the raw <title>.
  const title =
    pick(meta, ['citation_title', 'dc.title', 'dcterms.title', 'og:title', 'twitter:title'], cleanTitle) ??
    (withoutSite !== htmlTitle ? cleanTitle(withoutSite) : null) ??
    cleanTitle(hints.title) ??
    cleanTitle(htmlTitle) ??
    cleanTitle(document.querySelector('h1')?.textContent);

  const date =
    pick(
      meta,
      [
        'citation_publication_date', 'citation_date', 'citation_online_date', 'dc.date', 'dcterms.date',
        'dcterms.issued', 'dc.date.issued', 'article:published_time', 'og:published_time', 'datepublished',
        'date', 'pubdate', 'publish-date',
      ],
      parseDateValue,
    ) ?? parseDateValue(hints.publishedTime);

  const publication =
    pick(meta, ['citation_journal_title', 'citation_conference_title', 'prism.publicationname', 'dc.publisher', 'citation_publisher'], cleanPublication) ??
    siteName;

  const canonical = document.querySelector('link[rel~="canonical" i]')?.getAttribute('href');
  const url =
    cleanUrl(canonical) ??
    pick(meta, ['og:url', 'citation_public_url', 'citation_abstract_html_url', 'citation_fulltext_html_url', 'dc.identifier'], cleanUrl);

  const doi = pick(meta, ['citation_doi', 'dc.identifier', 'dcterms.identifier', 'prism.doi', 'bepress_citation_doi'], findDoi);

  return compact<DocumentMetadata>({
    title,
    authors: authorsFrom(meta, hints),
    date,
    publication,
    url,
    doi,
    kind: kindFrom(meta),
  });
}
