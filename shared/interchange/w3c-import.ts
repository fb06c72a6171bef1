// Reads annotation files from other tools into one neutral shape: W3C Web Annotation JSON-LD (a single
// annotation, an array, an AnnotationPage or AnnotationCollection, ours included) and the JSON that
// Hypothesis exports ({ annotations: [...] } or its API rows). Matching targets to library documents
// and anchoring them happens in main; this module only reads, never trusts what it reads, and says
// in words why each entry it cannot use was left out.
import { coderNameSchema } from '../coders/coders';
import { HIGHLIGHT_COLORS, STANCES, type HighlightColor, type Selector, type Stance } from '../model';
import { selectorSchema } from '../schemas';
import { ACTOR_IRI, ANNOTATION_IRI, PRINCIPLE_IRI, SHA256_IRI } from './w3c';
import { readLinkEntry, type IncomingPassageLink } from './w3c-links-import';

export interface IncomingTarget {
  /** The target's IRI as written (a URL, our urn:sha256:…, a Hypothesis urn:x-pdf:…); null if it names none. */
  source: string | null;
  contentHash: string | null;
  title: string | null;
  url: string | null;
  doi: string | null;
}

export interface IncomingLink {
  id: string | null;
  name: string | null;
}

export interface IncomingAnnotation {
  /** The id the file gives it (without our urn prefix), if any. */
  id: string | null;
  created: string | null;
  modified: string | null;
  target: IncomingTarget;
  /** A quote, a position, a PDF area, or a position alone (usable only where the text is known to match). */
  selectors: Selector[];
  color: HighlightColor;
  note: string;
  tags: string[];
  principles: IncomingLink[];
  actors: (IncomingLink & { kind: string | null; stance: Stance })[];
  /** Who made it (W3C creator's name, a Hypothesis user), when the file says and it is a usable coder name. */
  coder: string | null;
}

export interface ParsedAnnotationFile {
  annotations: IncomingAnnotation[];
  /** Links between passages (W3C `linking` annotations), matched to highlights in main. */
  links: IncomingPassageLink[];
  /** Entries left out, by reason (in words). */
  skipped: { reason: string; count: number }[];
  format: 'w3c' | 'hypothesis';
  /** Something the user should know about the file as a whole (a collection whose other pages are elsewhere). */
  notice: string | null;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

export class AnnotationFileError extends Error {}

export function parseAnnotationFile(text: string): ParsedAnnotationFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch {
    throw new AnnotationFileError('This file is not JSON. Choose a W3C Web Annotation (JSON-LD) or Hypothesis export file.');
  }
  const collected = collectEntries(json);
  if (collected === null) {
    throw new AnnotationFileError('This JSON file holds no annotations: expected a W3C Web Annotation collection, page or list, or a Hypothesis export.');
  }
  const { entries, notice } = collected;
  const hypothesis = entries.some((e) => isObj(e) && ('uri' in e || 'text' in e) && Array.isArray(e.target) && !('type' in e));
  const annotations: IncomingAnnotation[] = [];
  const links: IncomingPassageLink[] = [];
  const skipped = new Map<string, number>();
  for (const entry of entries) {
    const linking = isObj(entry) && list(entry.motivation).includes('linking');
    const parsed = !isObj(entry) ? { skip: 'not an annotation (not a JSON object)' } : linking ? readLinkEntry(entry) : readEntry(entry);
    if ('skip' in parsed) skipped.set(parsed.skip, (skipped.get(parsed.skip) ?? 0) + 1);
    else if ('from' in parsed) links.push(parsed);
    else annotations.push(parsed);
  }
  return { annotations, links, skipped: [...skipped].map(([reason, count]) => ({ reason, count })), format: hypothesis ? 'hypothesis' : 'w3c', notice };
}

function collectEntries(json: unknown): { entries: unknown[]; notice: string | null } | null {
  if (Array.isArray(json)) return { entries: json, notice: null };
  if (!isObj(json)) return null;
  if (Array.isArray(json.annotations)) return { entries: json.annotations, notice: null }; // Hypothesis export
  if (Array.isArray(json.rows)) return { entries: json.rows, notice: null }; // Hypothesis API search result
  const type = list(json.type).map(String);
  if (type.includes('AnnotationCollection')) {
    const first = json.first;
    const total = typeof json.total === 'number' ? json.total : null;
    const label = str(json.label) ? `“${String(json.label)}”` : 'This collection';
    if (typeof first === 'string') {
      // The W3C protocol's paged collection: the annotations are in pages on the web, fetched one by one.
      throw new AnnotationFileError(
        `${label} holds ${total === null ? 'its' : `${total}`} annotations in separate pages on the web (the first is ${first}), not in this file, and Apostil does not download anything. ` +
          'Save the pages themselves (each an AnnotationPage file) and import those, or export the annotations as a single file.',
      );
    }
    if (isObj(first)) {
      const items = list(first.items);
      const next = str(first.next) ?? (isObj(first.next) ? str(first.next.id) : null);
      return { entries: items, notice: next ? morePages(items.length, total, next) : null };
    }
    return { entries: list(json.items), notice: null };
  }
  if (type.includes('AnnotationPage')) {
    const items = list(json.items);
    const next = str(json.next) ?? (isObj(json.next) ? str(json.next.id) : null);
    const total = isObj(json.partOf) && typeof json.partOf.total === 'number' ? json.partOf.total : null;
    return { entries: items, notice: next ? morePages(items.length, total, next) : null };
  }
  if (type.includes('Annotation') || ('target' in json && ('body' in json || 'text' in json || 'bodyValue' in json))) return { entries: [json], notice: null };
  return null;
}

function morePages(here: number, total: number | null, next: string): string {
  const of = total !== null && total > here ? ` of ${total}` : '';
  return `This file is one page of a larger collection: it has ${here}${of} annotations; the next page (${next}) is not in the file and was not downloaded. Import the other pages' files too.`;
}

function readEntry(entry: Obj): IncomingAnnotation | { skip: string } {
  const targets = list(entry.target);
  const target = targets.find((t) => isObj(t) || typeof t === 'string');
  if (target === undefined) return { skip: 'no target: it does not say what it annotates' };
  const targetObj: Obj = isObj(target) ? target : { source: target };
  const kind = list(targetObj.type).map(String);
  if (kind.some((k) => ['Composite', 'List', 'Independents'].includes(k))) return { skip: 'it annotates several whole resources at once, not a passage' };
  const selection = readSelectors(targetObj.selector);
  if (selection.selectors.length === 0) {
    if (selection.unusable.length > 0) return { skip: describeUnusable(selection.unusable) };
    const what = kind.find((k) => ['Image', 'Video', 'Sound', 'Audio', 'Dataset'].includes(k));
    return { skip: what ? `it annotates a whole ${what.toLowerCase()}, not a passage of text` : 'it annotates a whole document (a page note), not a passage of text' };
  }

  const note: string[] = [];
  const tags: string[] = [...list(entry.tags).map(str).filter((t): t is string => t !== null)]; // Hypothesis
  const principles: IncomingLink[] = [];
  const actors: IncomingAnnotation['actors'] = [];
  if (str(entry.text)) note.push(String(entry.text)); // Hypothesis
  for (const body of list(entry.body)) {
    if (typeof body === 'string') continue; // an IRI body we cannot show
    if (!isObj(body)) continue;
    const purpose = list(body.purpose).map(String);
    const source = isObj(body.source) ? body.source : typeof body.source === 'string' ? { id: body.source } : null;
    if (purpose.includes('tagging') && str(body.value)) tags.push(String(body.value));
    else if (purpose.includes('classifying') && source) principles.push(readLink(source, PRINCIPLE_IRI));
    else if (purpose.includes('identifying') && source) {
      const stance = String(body['apostil:stance'] ?? '');
      actors.push({
        ...readLink(source, ACTOR_IRI),
        kind: str(source['apostil:actorKind']),
        stance: (STANCES as readonly string[]).includes(stance) ? (stance as Stance) : 'mentions',
      });
    } else if (str(body.value)) note.push(String(body.value));
  }
  if (str(entry.bodyValue)) note.push(String(entry.bodyValue));
  // styleClass belongs on the target (a SpecificResource); older Apostil files wrote "stylesClass" on
  // the annotation, which is still read.
  const style = str(targetObj.styleClass) ?? str(entry.styleClass) ?? str(entry.stylesClass) ?? '';
  const colorClass = /^apostil-([a-z]+)$/.exec(style)?.[1] ?? '';
  const rawId = str(entry.id);
  return {
    id: rawId ? (rawId.startsWith(ANNOTATION_IRI) ? rawId.slice(ANNOTATION_IRI.length) : rawId) : null,
    created: str(entry.created),
    modified: str(entry.modified) ?? str(entry.updated),
    target: readTarget(targetObj, entry),
    selectors: selection.selectors,
    color: (HIGHLIGHT_COLORS as readonly string[]).includes(colorClass) ? (colorClass as HighlightColor) : 'yellow',
    note: note.join('\n\n'),
    tags: [...new Set(tags.map((t) => t.trim().replace(/[\s,]+/g, '-')).filter(Boolean))],
    principles,
    actors,
    coder: readCoder(entry),
  };
}

/** W3C `creator` (a name, a Person with a name or nickname, or a list of them) or Hypothesis's `user` (acct:name@host). */
function readCoder(entry: Obj): string | null {
  const names = list(entry.creator).map((c) => (isObj(c) ? (str(c.name) ?? str(c.nickname)) : str(c)));
  const hypothesis = /^acct:([^@]+)@/.exec(str(entry.user) ?? '')?.[1] ?? null;
  for (const name of [...names, hypothesis]) {
    // An IRI naming the creator is not a name a person would know the coder by.
    if (name === null || /^[a-z][a-z0-9+.-]*:\/\//i.test(name)) continue;
    const parsed = coderNameSchema.safeParse(name);
    if (parsed.success) return parsed.data;
  }
  return null;
}

function readTarget(target: Obj, entry: Obj): IncomingTarget {
  const source = isObj(target.source) ? target.source : { id: target.source ?? target.id };
  const sourceId = str(source.id) ?? str(entry.uri);
  const document = isObj(entry.document) ? entry.document : {};
  const hypothesisTitle = list(document.title).map(str).find((t) => t !== null) ?? null;
  const highwire = isObj(document.highwire) ? document.highwire : {};
  const hypothesisDoi = list(highwire.doi).map(str).find((t) => t !== null) ?? null;
  return {
    source: sourceId,
    contentHash: sourceId?.startsWith(SHA256_IRI) ? sourceId.slice(SHA256_IRI.length).toLowerCase() : null,
    title: str(source['dc:title']) ?? str(source.title) ?? hypothesisTitle,
    url: str(source['apostil:url']) ?? (sourceId && /^https?:\/\//i.test(sourceId) ? sourceId : null) ?? str(entry.uri),
    doi: str(source['apostil:doi']) ?? hypothesisDoi,
  };
}

/** A selector Apostil cannot use, and why (for the skip reason). */
interface Unusable {
  type: string;
  /** A position counted within a part of the document (refining a FragmentSelector…), not the whole text. */
  relative?: boolean;
}

/**
 * The selectors Apostil can use, including those nested in `refinedBy` (a FragmentSelector refined by a
 * TextQuoteSelector: the quote holds wherever the fragment is). A position refining another selector
 * counts within that part, not within the whole text, so it is not taken as one.
 */
function readSelectors(value: unknown): { selectors: Selector[]; unusable: Unusable[] } {
  const selectors: Selector[] = [];
  const unusable: Unusable[] = [];
  const visit = (raw: unknown, nested: boolean) => {
    if (typeof raw === 'string') {
      unusable.push({ type: 'link' });
      return;
    }
    if (!isObj(raw)) return;
    const type = String(raw.type ?? '');
    let candidate: unknown = null;
    if (type === 'TextQuoteSelector') {
      candidate = { type, exact: raw.exact, prefix: raw.prefix ?? '', suffix: raw.suffix ?? '' };
    } else if (type === 'TextPositionSelector') {
      if (nested) unusable.push({ type, relative: true });
      else candidate = { type, start: raw.start, end: raw.end };
    } else if (type === 'apostil:PdfAreaSelector') {
      candidate = { type: 'PdfAreaSelector', areas: raw['apostil:areas'] };
    } else {
      unusable.push({ type: type || 'a selector without a type' });
    }
    if (candidate !== null) {
      const parsed = selectorSchema.safeParse(candidate);
      if (parsed.success && !selectors.some((s) => s.type === parsed.data.type)) selectors.push(parsed.data);
      else if (!parsed.success) unusable.push({ type: `a malformed ${type}` });
    }
    for (const refinement of list(raw.refinedBy)) visit(refinement, true);
  };
  for (const raw of list(value)) visit(raw, false);
  // Hypothesis's RangeSelector (XPaths into the page) comes beside a quote: it needs no reason then.
  return { selectors, unusable: selectors.length ? [] : unusable };
}

function describeUnusable(unusable: Unusable[]): string {
  const relative = unusable.find((u) => u.relative);
  if (relative) return 'its only position is counted within a part of the document (it refines another selector), not within the whole text, and it has no quote';
  const types = [...new Set(unusable.map((u) => u.type).filter((t) => t !== 'link' || unusable.every((u) => u.type === 'link')))];
  if (types.length === 1 && types[0] === 'link') return 'its selector is only a link to a description elsewhere, which Apostil does not download, and it has no quote';
  return `its selectors (${types.join(', ')}) point into a page's structure or media, which Apostil's text does not keep, and it has no quote`;
}

function readLink(source: Obj, prefix: string): IncomingLink {
  const id = str(source.id);
  return {
    id: id?.startsWith(prefix) ? id.slice(prefix.length) : null,
    name: str(source.label) ?? str(source.prefLabel) ?? str(source.name),
  };
}
