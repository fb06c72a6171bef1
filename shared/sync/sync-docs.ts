// How a library is cut into CouchDB documents for sync: one per annotation, per document's metadata,
// per codebook entry, per collection, per document's tags, and one per original file (by content hash,
// so a file travels once). Pure: main's sync service (main/services/sync/) sends what `outgoing` says a
// change touched and applies what arrives through the library store.
//
// Adding a kind (memos, links, variables…): a line in SYNC_KINDS (its id prefix, its schema, when it is
// applied in a batch) and an entry in OUTGOING for its change event; TypeScript refuses a change kind
// without one. Main then needs an applier for it (main/services/sync/apply-remote.ts).
import { z } from 'zod';
import type { LibraryChange, LibraryChangeKind } from '../library-changes';
import type { Actor, Annotation, Codebook, Collection, DocumentTags, LibraryDocument, Principle } from '../model';
import { memoSchema, type Memo } from '../memos/model';
import { passageLinkSchema, type LinkEnd, type ListedLink, type PassageLink } from '../links/model';
import type { StoredLinks } from '../links/edit';
import { documentVariableSchema, variableValueSchema, type DocumentVariable, type DocumentVariables } from '../variables/model';
import { annotationSchema, codebookSchema, collectionSchema, libraryDocumentSchema, tagSchema } from '../schemas';

const principleEntrySchema = z.object({ position: z.number().int().min(0) }).and(z.looseObject({}));

/** The kinds of synced document: the prefix of their ids, how a body is checked, and when it is applied. */
export const SYNC_KINDS = {
  // Codebook entries first, so that annotations that link to a new entry find it; documents before
  // their annotations.
  principle: { prefix: 'principle:', order: 0, schema: principleEntrySchema },
  actor: { prefix: 'actor:', order: 0, schema: principleEntrySchema },
  codebookSettings: { prefix: 'codebook:', order: 0, schema: z.strictObject({ colorByPrinciple: z.boolean() }) },
  document: { prefix: 'document:', order: 1, schema: libraryDocumentSchema.omit({ modifiedAt: true }) },
  annotation: { prefix: 'annotation:', order: 2, schema: annotationSchema },
  collection: { prefix: 'collection:', order: 3, schema: z.object({ position: z.number().int().min(0), collection: collectionSchema }) },
  documentTags: { prefix: 'tags:', order: 3, schema: z.strictObject({ tags: z.array(tagSchema).max(1_000) }) },
  memo: { prefix: 'memo:', order: 3, schema: memoSchema.omit({ modified: true }) },
  variable: { prefix: 'variable:', order: 3, schema: z.object({ position: z.number().int().min(0), variable: documentVariableSchema }) },
  variableValues: { prefix: 'values:', order: 3, schema: z.strictObject({ values: z.record(z.string(), variableValueSchema) }) },
  // After annotations, so a link and its passages arriving together find them.
  link: { prefix: 'link:', order: 4, schema: passageLinkSchema.omit({ detached: true }) },
  linkRelations: { prefix: 'relations:', order: 4, schema: z.strictObject({ relations: z.array(z.string().max(60)).max(50) }) },
} as const;

export type SyncKind = keyof typeof SYNC_KINDS;
export type SyncBody = Record<string, unknown>;

/** One synced document as this library now has it: `body` null when it went away (a tombstone). */
export interface SyncDoc {
  id: string;
  kind: SyncKind;
  body: SyncBody | null;
}

/** What one change asks sync to send. */
export interface Outgoing {
  docs: SyncDoc[];
  /**
   * Prefixes this change describes whole (the codebook, the collections): a synced id under one of
   * them that is not in `docs` went away.
   */
  whole: string[];
  /** Original files the receiving side will need, by content hash. */
  files: { documentId: string; contentHash: string }[];
}

export const FILE_PREFIX = 'file:';
export const fileDocId = (contentHash: string) => `${FILE_PREFIX}${contentHash}`;

export const docIds = {
  annotation: (a: Pick<Annotation, 'documentId' | 'id'>) => `annotation:${a.documentId}:${a.id}`,
  document: (id: string) => `document:${id}`,
  principle: (id: string) => `principle:${id}`,
  actor: (id: string) => `actor:${id}`,
  codebookSettings: () => 'codebook:settings',
  collection: (id: string) => `collection:${id}`,
  documentTags: (documentId: string) => `tags:${documentId}`,
  memo: (id: string) => `memo:${id}`,
  variable: (id: string) => `variable:${id}`,
  variableValues: (documentId: string) => `values:${documentId}`,
  link: (id: string) => `link:${id}`,
  linkRelations: () => 'relations:links',
};

/** The kind of a synced id, or null for an id this version does not know (left alone). */
export function kindOf(id: string): SyncKind | null {
  for (const [kind, spec] of Object.entries(SYNC_KINDS)) if (id.startsWith(spec.prefix)) return kind as SyncKind;
  return null;
}

/** The annotations of one document are a range of ids: `annotation:<documentId>:…`. */
export function annotationRange(documentId: string): { startkey: string; endkey: string } {
  return { startkey: `annotation:${documentId}:`, endkey: `annotation:${documentId}:\uffff` };
}

// ---- From this library's state to synced bodies ---------------------------------------------------

export const annotationDoc = (a: Annotation): SyncDoc => ({ id: docIds.annotation(a), kind: 'annotation', body: { ...a } });

export function documentDoc(d: LibraryDocument): SyncDoc {
  // When it was last changed is this machine's business: the other side's apply sets its own.
  const { modifiedAt: _modifiedAt, ...body } = d;
  return { id: docIds.document(d.id), kind: 'document', body };
}

export function codebookDocs(codebook: Codebook): SyncDoc[] {
  return [
    ...codebook.principles.map((p, position): SyncDoc => ({ id: docIds.principle(p.id), kind: 'principle', body: { ...p, position } })),
    ...codebook.actors.map((a, position): SyncDoc => ({ id: docIds.actor(a.id), kind: 'actor', body: { ...a, position } })),
    { id: docIds.codebookSettings(), kind: 'codebookSettings', body: { colorByPrinciple: codebook.colorByPrinciple } },
  ];
}

export const collectionDocs = (collections: readonly Collection[]): SyncDoc[] =>
  collections.map((collection, position) => ({ id: docIds.collection(collection.id), kind: 'collection', body: { position, collection } }));

export function memoDoc(memo: Memo): SyncDoc {
  // Like a document's, a memo's time of change is this machine's: the receiving side's edit sets its own.
  const { modified: _modified, ...body } = memo;
  return { id: docIds.memo(memo.id), kind: 'memo', body };
}

export function variableDocs(state: DocumentVariables): SyncDoc[] {
  return [
    ...state.variables.map((variable, position): SyncDoc => ({ id: docIds.variable(variable.id), kind: 'variable', body: { position, variable } })),
    ...Object.entries(state.values).map(([documentId, values]): SyncDoc => ({ id: docIds.variableValues(documentId), kind: 'variableValues', body: { values } })),
  ];
}

/** Document variables with remote definitions and values applied (null removes one), ordered by position. */
export function mergeVariables(current: DocumentVariables, entries: readonly SyncDoc[]): DocumentVariables {
  const byId = new Map(current.variables.map((variable, position) => [variable.id, { variable, position }]));
  const values = { ...current.values };
  for (const doc of entries) {
    if (doc.kind === 'variable') {
      const id = doc.id.slice(SYNC_KINDS.variable.prefix.length);
      if (doc.body === null) byId.delete(id);
      else byId.set(id, doc.body as { variable: DocumentVariable; position: number });
    } else if (doc.kind === 'variableValues') {
      const id = doc.id.slice(SYNC_KINDS.variableValues.prefix.length);
      if (doc.body === null) delete values[id];
      else values[id] = (doc.body as { values: DocumentVariables['values'][string] }).values;
    }
  }
  const variables = [...byId.values()].sort((a, b) => a.position - b.position || (a.variable.id < b.variable.id ? -1 : 1)).map((x) => x.variable);
  return { variables, values };
}

/** A link as synced: whether it is hidden with a deleted passage is each machine's own business. */
export function linkDoc(link: PassageLink | ListedLink): SyncDoc {
  const end = (e: LinkEnd): LinkEnd => ({ documentId: e.documentId, annotationId: e.annotationId });
  const { id, from, to, relation, note, created, modified } = link;
  return { id: docIds.link(id), kind: 'link', body: { id, from: end(from), to: end(to), relation, note, created, modified } };
}

export function linkDocs(state: StoredLinks): SyncDoc[] {
  return [{ id: docIds.linkRelations(), kind: 'linkRelations', body: { relations: state.relations } }, ...state.links.map(linkDoc)];
}

/**
 * Links with remote ones applied (null removes one). A link whose passages have not arrived here (or
 * were deleted here) is kept hidden, marked as gone with its passage, and comes back when they are
 * both here, as after an Undo.
 */
export function mergeLinks(current: StoredLinks, entries: readonly SyncDoc[], exists: (end: LinkEnd) => boolean): StoredLinks {
  const byId = new Map(current.links.map((link) => [link.id, link]));
  let relations = current.relations;
  for (const doc of entries) {
    if (doc.kind === 'linkRelations' && doc.body) relations = (doc.body as { relations: string[] }).relations;
    if (doc.kind !== 'link') continue;
    const id = doc.id.slice(SYNC_KINDS.link.prefix.length);
    if (doc.body === null) byId.delete(id);
    else {
      const link = { ...(doc.body as PassageLink), id };
      byId.set(id, exists(link.from) && exists(link.to) ? link : { ...link, detached: true });
    }
  }
  // A relation missing from the list is added by the check every links.json goes through (shared/links/check.ts).
  return { relations, links: [...byId.values()] };
}

const nothing = (): Outgoing => ({ docs: [], whole: [], files: [] });

/** What each change of the library sends. */
const OUTGOING: { [K in LibraryChangeKind]: (change: Extract<LibraryChange, { kind: K }>) => Outgoing } = {
  'document.added': ({ document }) => ({ docs: [documentDoc(document)], whole: [], files: [{ documentId: document.id, contentHash: document.contentHash }] }),
  'document.replaced': ({ document, annotations }) => ({
    docs: [documentDoc(document), ...annotations.map(annotationDoc)],
    whole: [],
    files: [{ documentId: document.id, contentHash: document.contentHash }],
  }),
  // Its annotations go to the trash with it; their synced documents stay, for an Undo to bring back.
  'document.deleted': ({ documentId }) => ({ docs: [{ id: docIds.document(documentId), kind: 'document', body: null }], whole: [], files: [] }),
  'document.restored': ({ document, annotations }) => ({
    docs: [documentDoc(document), ...annotations.map(annotationDoc)],
    whole: [],
    files: [{ documentId: document.id, contentHash: document.contentHash }],
  }),
  'document.metadataChanged': ({ document }) => ({ docs: [documentDoc(document)], whole: [], files: [] }),
  'annotations.changed': ({ documentId, added, updated, removed }) => ({
    docs: [
      ...[...added, ...updated].map(annotationDoc),
      ...removed.map((id): SyncDoc => ({ id: docIds.annotation({ documentId, id }), kind: 'annotation', body: null })),
    ],
    whole: [],
    files: [],
  }),
  'codebook.changed': ({ codebook, recoded }) => ({
    docs: [...codebookDocs(codebook), ...recoded.map(annotationDoc)],
    whole: [SYNC_KINDS.principle.prefix, SYNC_KINDS.actor.prefix],
    files: [],
  }),
  // References waiting for their file stay on the machine that has the reference file.
  'references.changed': nothing,
  'collections.changed': ({ collections }) => ({ docs: collectionDocs(collections), whole: [SYNC_KINDS.collection.prefix], files: [] }),
  'documentTags.changed': ({ tags }) => ({
    docs: Object.entries(tags).map(([documentId, list]): SyncDoc => ({ id: docIds.documentTags(documentId), kind: 'documentTags', body: { tags: list } })),
    whole: [SYNC_KINDS.documentTags.prefix],
    files: [],
  }),
  'variables.changed': ({ variables }) => ({
    docs: variableDocs(variables),
    whole: [SYNC_KINDS.variable.prefix, SYNC_KINDS.variableValues.prefix],
    files: [],
  }),
  // Links hidden with a deleted passage are not listed, so not in `docs`: sending reads the library's
  // links as stored (main/services/sync/local-docs.ts), which still has them, so they are not deleted.
  'links.changed': ({ state }) => ({
    docs: [{ id: docIds.linkRelations(), kind: 'linkRelations', body: { relations: state.relations } }, ...state.links.map(linkDoc)],
    whole: [SYNC_KINDS.link.prefix],
    files: [],
  }),
  'memos.changed': ({ changed, removed }) => ({
    docs: [...changed.map(memoDoc), ...removed.map((id): SyncDoc => ({ id: docIds.memo(id), kind: 'memo', body: null }))],
    whole: [],
    files: [],
  }),
};

export function outgoing(change: LibraryChange): Outgoing {
  return (OUTGOING[change.kind] as (c: LibraryChange) => Outgoing)(change);
}

// ---- From synced bodies to this library's state ---------------------------------------------------

/** A remote body checked against its kind's schema: the value, or a message in words. */
export function checkBody(kind: SyncKind, body: unknown): { ok: true; value: SyncBody } | { ok: false; message: string } {
  const result = SYNC_KINDS[kind].schema.safeParse(body);
  if (result.success) return { ok: true, value: result.data as SyncBody };
  return { ok: false, message: result.error.issues.map((i) => `${i.path.join('.') || kind}: ${i.message}`).join('; ') };
}

/**
 * The codebook with remote entries applied: `body` null removes an entry. Entries are ordered by the
 * position each side gave them (ties by id), so both sides end with the same order. Throws (zod) if
 * the result is not a valid codebook, e.g. an entry whose parent went away.
 */
export function mergeCodebook(codebook: Codebook, entries: readonly SyncDoc[]): Codebook {
  const place = <T extends { id: string }>(list: readonly T[], kind: 'principle' | 'actor'): T[] => {
    const byId = new Map(list.map((entry, position) => [entry.id, { entry, position }]));
    for (const doc of entries) {
      if (doc.kind !== kind) continue;
      const id = doc.id.slice(SYNC_KINDS[kind].prefix.length);
      if (doc.body === null) byId.delete(id);
      else {
        const { position, ...entry } = doc.body as { position: number } & T;
        byId.set(id, { entry: { ...entry, id } as unknown as T, position });
      }
    }
    return [...byId.values()].sort((a, b) => a.position - b.position || (a.entry.id < b.entry.id ? -1 : 1)).map((x) => x.entry);
  };
  const settings = entries.find((d) => d.kind === 'codebookSettings' && d.body !== null)?.body as { colorByPrinciple: boolean } | undefined;
  return codebookSchema.parse({
    version: 1,
    principles: place<Principle>(codebook.principles, 'principle'),
    actors: place<Actor>(codebook.actors, 'actor'),
    colorByPrinciple: settings ? settings.colorByPrinciple : codebook.colorByPrinciple,
  });
}

/** The collections with remote ones applied (null removes one), ordered by the positions given. */
export function mergeCollections(current: readonly Collection[], entries: readonly SyncDoc[]): Collection[] {
  const byId = new Map(current.map((collection, position) => [collection.id, { collection, position }]));
  for (const doc of entries) {
    if (doc.kind !== 'collection') continue;
    const id = doc.id.slice(SYNC_KINDS.collection.prefix.length);
    if (doc.body === null) byId.delete(id);
    else byId.set(id, doc.body as { collection: Collection; position: number });
  }
  return [...byId.values()].sort((a, b) => a.position - b.position || (a.collection.id < b.collection.id ? -1 : 1)).map((x) => x.collection);
}

/** Document tags with remote ones applied (null: the document has no tags any more). */
export function mergeDocumentTags(current: DocumentTags, entries: readonly SyncDoc[]): DocumentTags {
  const next: DocumentTags = { ...current };
  for (const doc of entries) {
    if (doc.kind !== 'documentTags') continue;
    const id = doc.id.slice(SYNC_KINDS.documentTags.prefix.length);
    if (doc.body === null) delete next[id];
    else next[id] = (doc.body as { tags: string[] }).tags;
  }
  return next;
}

/** A stable text of a body, the same on every machine whatever the order of its keys. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
