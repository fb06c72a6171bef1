// Reading a W3C `linking` annotation back as a link between passages, as our export writes them (body:
// the highlight the link goes from, and the relation as a tagging body; target: the highlight it goes
// to; the note as a commenting body) and as other tools write the same idea with IRIs of annotations.
import { ANNOTATION_IRI, LINK_IRI } from './w3c';

export interface IncomingPassageLink {
  /** The link's id in the file (without our urn prefix), if any. */
  id: string | null;
  /** The ids of the two highlights, as the file names them (without our urn prefix). */
  from: string;
  to: string;
  relation: string;
  note: string;
  created: string | null;
  modified: string | null;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const strip = (iri: string, prefix: string) => (iri.startsWith(prefix) ? iri.slice(prefix.length) : iri);

/** The IRI of an annotation named by a body or target (a string, or an object's id or source). */
function annotationIri(v: unknown): string | null {
  if (typeof v === 'string') return str(v);
  if (!isObj(v) || v.type === 'TextualBody' || 'value' in v) return null;
  return str(v.id) ?? str(v.source) ?? (isObj(v.source) ? str(v.source.id) : null);
}

export function readLinkEntry(entry: Obj): IncomingPassageLink | { skip: string } {
  const bodies = list(entry.body);
  const from = bodies.map(annotationIri).find((iri) => iri !== null) ?? null;
  const to = list(entry.target).map(annotationIri).find((iri) => iri !== null) ?? null;
  if (!from || !to) return { skip: 'a link that does not name both of its passages' };
  const textual = (purpose: string) =>
    bodies.filter((b): b is Obj => isObj(b) && list(b.purpose).map(String).includes(purpose)).map((b) => str(b.value)).find((v) => v !== null) ?? null;
  const relation = str(entry['apostil:relation']) ?? textual('tagging') ?? textual('linking') ?? 'linked to';
  const note = (typeof entry['apostil:note'] === 'string' ? entry['apostil:note'] : null) ?? textual('commenting') ?? '';
  const id = str(entry.id);
  return {
    id: id ? strip(id, LINK_IRI) : null,
    from: strip(from, ANNOTATION_IRI),
    to: strip(to, ANNOTATION_IRI),
    relation,
    note,
    created: str(entry.created),
    modified: str(entry.modified),
  };
}
