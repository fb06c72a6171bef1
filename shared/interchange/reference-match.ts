// Whether two entries describe the same work, and how one completes the other. Merging needs strong
// evidence: the same DOI, or the same title, year and first author. A matching title without that
// (a 1972 paper and its 1975 namesake, an entry without a year) only makes the two possible
// duplicates, which the user compares and merges by hand. Two different DOIs are never the same work.
import type { DocumentMetadata, FieldOrigins, MetadataField } from '../model';
import { foldForMatching } from '../codebooks';
import { normalizeDoi, parseName, titleKey } from './csl-json';

export type WorkEvidence = 'same' | 'possible' | 'different';

/** What evidence is compared: a date known to be a guess (a file's creation date) is left out. */
export interface WorkKeys {
  doi: string | null;
  title: string;
  year: string | null;
  firstAuthor: string | null;
}

export function workKeys(metadata: DocumentMetadata, origins: FieldOrigins = {}): WorkKeys {
  const first = metadata.authors[0];
  const name = first ? parseName(first) : null;
  return {
    doi: metadata.doi ? normalizeDoi(metadata.doi) : null,
    title: titleKey(metadata.title),
    year: origins.date === 'file-created' ? null : (metadata.date?.slice(0, 4) ?? null),
    firstAuthor: name ? foldForMatching(name.family ?? name.literal ?? '').toLowerCase().trim() || null : null,
  };
}

export function compareWorks(a: WorkKeys, b: WorkKeys): WorkEvidence {
  if (a.doi && b.doi) return a.doi === b.doi ? 'same' : 'different';
  if (!a.title || a.title !== b.title) return 'different';
  const known = a.year !== null && b.year !== null && a.firstAuthor !== null && b.firstAuthor !== null;
  return known && a.year === b.year && a.firstAuthor === b.firstAuthor ? 'same' : 'possible';
}

export interface Candidate {
  metadata: DocumentMetadata;
  fieldOrigins?: FieldOrigins;
}

/**
 * Entries indexed by DOI and title, so a file of thousands of references is matched against a
 * library of thousands without comparing every pair.
 */
export class WorkIndex<T extends Candidate> {
  private readonly byDoi = new Map<string, T[]>();
  private readonly byTitle = new Map<string, T[]>();
  private readonly keys = new Map<T, WorkKeys>();

  constructor(entries: Iterable<T> = []) {
    for (const entry of entries) this.add(entry);
  }

  add(entry: T): void {
    const keys = workKeys(entry.metadata, entry.fieldOrigins);
    this.keys.set(entry, keys);
    if (keys.doi) push(this.byDoi, keys.doi, entry);
    if (keys.title) push(this.byTitle, keys.title, entry);
  }

  delete(entry: T): void {
    const keys = this.keys.get(entry);
    if (!keys) return;
    this.keys.delete(entry);
    if (keys.doi) remove(this.byDoi, keys.doi, entry);
    if (keys.title) remove(this.byTitle, keys.title, entry);
  }

  /** The entry that is the same work, else one that may be; null if none. */
  find(metadata: DocumentMetadata, origins?: FieldOrigins): { entry: T; evidence: 'same' | 'possible' } | null {
    const keys = workKeys(metadata, origins);
    const candidates = [...(keys.doi ? (this.byDoi.get(keys.doi) ?? []) : []), ...(this.byTitle.get(keys.title) ?? [])];
    let possible: T | null = null;
    for (const entry of candidates) {
      let evidence = compareWorks(keys, this.keys.get(entry)!);
      // An entry that says nothing the other does not already say (the same file imported again).
      if (evidence === 'possible' && holdsAllOf(entry.metadata, metadata)) evidence = 'same';
      if (evidence === 'same') return { entry, evidence };
      if (evidence === 'possible') possible ??= entry;
    }
    return possible ? { entry: possible, evidence: 'possible' } : null;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function remove<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)?.filter((v) => v !== value);
  if (list?.length) map.set(key, list);
  else map.delete(key);
}

export interface MergeResult {
  metadata: DocumentMetadata;
  origins: FieldOrigins;
  /** Fields whose value changed. */
  changed: MetadataField[];
  /** Fields the incoming entry would have changed but the user had edited, so they were kept. */
  kept: MetadataField[];
}

/**
 * A reference's details laid over what the library has: every field the reference fills wins, except
 * the fields the user edited by hand. A field it sets loses its "file-created" mark. With `fillOnly`
 * (one reference completing another, neither better than the other) only empty fields are filled, so
 * importing the same file twice changes nothing the second time.
 */
export function mergeMetadata(current: DocumentMetadata, incoming: DocumentMetadata, origins: FieldOrigins = {}, fillOnly = false): MergeResult {
  const metadata: DocumentMetadata = { ...current };
  const next: FieldOrigins = { ...origins };
  const changed: MetadataField[] = [];
  const kept: MetadataField[] = [];
  const empty = (value: unknown) => value === null || (Array.isArray(value) && value.length === 0);
  const offer = <K extends MetadataField>(field: K, value: DocumentMetadata[K], fills: boolean) => {
    if (!fills || same(value, current[field])) return;
    if (fillOnly && !empty(current[field])) return;
    if (origins[field] === 'user') {
      kept.push(field);
      return;
    }
    metadata[field] = value;
    delete next[field];
    changed.push(field);
  };
  offer('title', incoming.title, incoming.title.trim() !== '');
  offer('authors', incoming.authors, incoming.authors.length > 0);
  // A less precise date of the same day, month or year ("2018" for "2018-11-12") adds nothing.
  offer('date', incoming.date, incoming.date !== null && !(current.date?.startsWith(incoming.date) && origins.date !== 'file-created'));
  offer('publication', incoming.publication, incoming.publication !== null);
  offer('url', incoming.url, incoming.url !== null);
  offer('doi', incoming.doi, incoming.doi !== null);
  offer('kind', incoming.kind, true);
  return { metadata, origins: next, changed, kept };
}

/** Whether `outer` already holds every value `inner` has (what attaching a reference leaves behind). */
export function holdsAllOf(outer: DocumentMetadata, inner: DocumentMetadata): boolean {
  const filled = (field: MetadataField) => {
    const value = inner[field];
    return value !== null && !(Array.isArray(value) && value.length === 0);
  };
  return (
    titleKey(outer.title) === titleKey(inner.title) &&
    (['authors', 'date', 'publication', 'url', 'doi', 'kind'] as const).every((field) => !filled(field) || same(outer[field], inner[field]))
  );
}

export function sameMetadata(a: DocumentMetadata, b: DocumentMetadata): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Fields whose value differs between two versions of a document's metadata. */
export function changedFields(before: DocumentMetadata, after: DocumentMetadata): MetadataField[] {
  return (['title', 'authors', 'date', 'publication', 'url', 'doi', 'kind'] as const).filter((f) => !same(before[f], after[f]));
}

/** The origins after the user saved `after` over `before`: every field they changed is theirs. */
export function originsAfterUserEdit(before: DocumentMetadata, after: DocumentMetadata, origins: FieldOrigins = {}): FieldOrigins {
  const next: FieldOrigins = { ...origins };
  for (const field of changedFields(before, after)) next[field] = 'user';
  return next;
}
