// Which library entry a reference is about: the same DOI, or else the same title (compared as words).
// Two entries with different DOIs are never the same, whatever their titles.
import type { DocumentMetadata } from '../model';
import { normalizeDoi, titleKey } from './csl-json';

export function sameWork(a: DocumentMetadata, b: DocumentMetadata): boolean {
  const doiA = a.doi ? normalizeDoi(a.doi) : null;
  const doiB = b.doi ? normalizeDoi(b.doi) : null;
  if (doiA && doiB) return doiA === doiB;
  const key = titleKey(a.title);
  return key.length > 0 && key === titleKey(b.title);
}

export function findSameWork<T extends { metadata: DocumentMetadata }>(metadata: DocumentMetadata, candidates: Iterable<T>): T | undefined {
  const list = [...candidates];
  const doi = metadata.doi ? normalizeDoi(metadata.doi) : null;
  return (doi ? list.find((c) => c.metadata.doi && normalizeDoi(c.metadata.doi) === doi) : undefined) ?? list.find((c) => sameWork(metadata, c.metadata));
}

/** A reference's details laid over what the library has: every field the reference fills wins. */
export function mergeMetadata(current: DocumentMetadata, incoming: DocumentMetadata): DocumentMetadata {
  return {
    title: incoming.title || current.title,
    authors: incoming.authors.length ? incoming.authors : current.authors,
    date: incoming.date ?? current.date,
    publication: incoming.publication ?? current.publication,
    url: incoming.url ?? current.url,
    doi: incoming.doi ?? current.doi,
    kind: incoming.kind,
  };
}

export function sameMetadata(a: DocumentMetadata, b: DocumentMetadata): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
