// Reads annotation files from other tools into one neutral shape: W3C Web Annotation JSON-LD (a single
// annotation, an array, an AnnotationPage or AnnotationCollection, ours included) and the JSON that
// Hypothesis exports ({ annotations: [...] } or its API rows). Matching targets to library documents
// and anchoring them happens in main; this module only reads, and never trusts what it reads.
import { HIGHLIGHT_COLORS, STANCES, type HighlightColor, type Selector, type Stance } from '../model';
import { selectorSchema } from '../schemas';
import { ACTOR_IRI, ANNOTATION_IRI, PRINCIPLE_IRI, SHA256_IRI } from './w3c';

export interface IncomingTarget {
  /** The target's IRI as written (a URL, our urn:sha256:…, a Hypothesis urn:x-pdf:…). */
  source: string;
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
  selectors: Selector[];
  color: HighlightColor;
  note: string;
  tags: string[];
  principles: IncomingLink[];
  actors: (IncomingLink & { kind: string | null; stance: Stance })[];
}

export interface ParsedAnnotationFile {
  annotations: IncomingAnnotation[];
  /** Entries that are not annotations of a text (no target, no usable selector). */
  skipped: number;
  format: 'w3c' | 'hypothesis';
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
  const entries = collectEntries(json);
  if (entries === null) {
    throw new AnnotationFileError('This JSON file holds no annotations: expected a W3C Web Annotation collection, page or list, or a Hypothesis export.');
  }
  const hypothesis = entries.some((e) => isObj(e) && ('uri' in e || 'text' in e) && Array.isArray(e.target) && !('type' in e));
  const annotations: IncomingAnnotation[] = [];
  let skipped = 0;
  for (const entry of entries) {
    const parsed = isObj(entry) ? readEntry(entry) : null;
    if (parsed) annotations.push(parsed);
    else skipped++;
  }
  return { annotations, skipped, format: hypothesis ? 'hypothesis' : 'w3c' };
}

function collectEntries(json: unknown): unknown[] | null {
  if (Array.isArray(json)) return json;
  if (!isObj(json)) return null;
  if (Array.isArray(json.annotations)) return json.annotations; // Hypothesis export
  if (Array.isArray(json.rows)) return json.rows; // Hypothesis API search result
  const type = list(json.type).map(String);
  if (type.includes('AnnotationCollection')) {
    const first = json.first;
    if (isObj(first)) {
      const items: unknown[] = [...list(first.items)];
      return items;
    }
    return list(json.items);
  }
  if (type.includes('AnnotationPage')) return list(json.items);
  if (type.includes('Annotation') || ('target' in json && ('body' in json || 'text' in json))) return [json];
  return null;
}

function readEntry(entry: Obj): IncomingAnnotation | null {
  const target = list(entry.target).find((t) => isObj(t) || typeof t === 'string');
  if (target === undefined) return null;
  const targetObj: Obj = isObj(target) ? target : { source: target };
  const incomingTarget = readTarget(targetObj, entry);
  if (!incomingTarget) return null;
  const selectors = readSelectors(targetObj.selector);
  if (!selectors.some((s) => s.type === 'TextQuoteSelector' || s.type === 'PdfAreaSelector')) return null;

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
  const colorClass = /^apostil-([a-z]+)$/.exec(String(entry.stylesClass ?? ''))?.[1] ?? '';
  const rawId = str(entry.id);
  return {
    id: rawId ? (rawId.startsWith(ANNOTATION_IRI) ? rawId.slice(ANNOTATION_IRI.length) : rawId) : null,
    created: str(entry.created),
    modified: str(entry.modified) ?? str(entry.updated),
    target: incomingTarget,
    selectors,
    color: (HIGHLIGHT_COLORS as readonly string[]).includes(colorClass) ? (colorClass as HighlightColor) : 'yellow',
    note: note.join('\n\n'),
    tags: [...new Set(tags.map((t) => t.trim().replace(/[\s,]+/g, '-')).filter(Boolean))],
    principles,
    actors,
  };
}

function readTarget(target: Obj, entry: Obj): IncomingTarget | null {
  const source = isObj(target.source) ? target.source : { id: target.source };
  const sourceId = str(source.id) ?? str(entry.uri);
  if (!sourceId) return null;
  const document = isObj(entry.document) ? entry.document : {};
  const hypothesisTitle = list(document.title).map(str).find((t) => t !== null) ?? null;
  const highwire = isObj(document.highwire) ? document.highwire : {};
  const hypothesisDoi = list(highwire.doi).map(str).find((t) => t !== null) ?? null;
  return {
    source: sourceId,
    contentHash: sourceId.startsWith(SHA256_IRI) ? sourceId.slice(SHA256_IRI.length).toLowerCase() : null,
    title: str(source['dc:title']) ?? str(source.title) ?? hypothesisTitle,
    url: str(source['apostil:url']) ?? (/^https?:\/\//i.test(sourceId) ? sourceId : null) ?? str(entry.uri),
    doi: str(source['apostil:doi']) ?? hypothesisDoi,
  };
}

function readSelectors(value: unknown): Selector[] {
  const out: Selector[] = [];
  for (const raw of list(value)) {
    if (!isObj(raw)) continue;
    let candidate: unknown;
    if (raw.type === 'TextQuoteSelector') {
      candidate = { type: raw.type, exact: raw.exact, prefix: raw.prefix ?? '', suffix: raw.suffix ?? '' };
    } else if (raw.type === 'TextPositionSelector') {
      candidate = { type: raw.type, start: raw.start, end: raw.end };
    } else if (raw.type === 'apostil:PdfAreaSelector') {
      candidate = { type: 'PdfAreaSelector', areas: raw['apostil:areas'] };
    } else continue;
    const parsed = selectorSchema.safeParse(candidate);
    if (parsed.success && !out.some((s) => s.type === parsed.data.type)) out.push(parsed.data);
  }
  return out;
}

function readLink(source: Obj, prefix: string): IncomingLink {
  const id = str(source.id);
  return {
    id: id?.startsWith(prefix) ? id.slice(prefix.length) : null,
    name: str(source.label) ?? str(source.prefLabel) ?? str(source.name),
  };
}
