// What changed in a library, as the library store publishes it: one change per successful write, in
// the order the writes happened. Main's services (search, analysis) and the renderer follow these
// instead of re-reading the library or comparing what they hold with what is there.
//
// Adding a kind of change (collections, memos, links, …): add a member to LibraryChange below with a
// `kind` named "<thing>.<what happened>", carrying what a follower needs to apply it without asking
// the store again (the new state of what changed, and the ids of what went away).
import type { WaitingReference } from './interchange/types';
import type { LinksState } from './links/model';
import { listingOf, type Annotation, type Codebook, type Collection, type DocumentListing, type DocumentTags, type LibraryDocument } from './model';
import type { Memo } from './memos/model';
import type { DocumentVariables } from './variables/model';

export type LibraryChange =
  /** A document was imported. It has no annotations yet. */
  | { kind: 'document.added'; document: LibraryDocument }
  /**
   * A document's file was replaced by a new version: its text changed, and `annotations` is its whole
   * list of annotations, re-anchored in the new text.
   */
  | { kind: 'document.replaced'; document: LibraryDocument; annotations: Annotation[] }
  /** A document and its annotations left the library (moved to trash/). */
  | { kind: 'document.deleted'; documentId: string }
  /** A document came back from trash/ (Undo), with its annotations and as it was when deleted. */
  | { kind: 'document.restored'; document: LibraryDocument; annotations: Annotation[] }
  /** A document's title, authors, date, kind… changed (not its file or text). */
  | { kind: 'document.metadataChanged'; document: LibraryDocument }
  /**
   * Annotations of one document were created, changed or deleted: `added` and `updated` as now stored,
   * `removed` by id. Each id appears in one list at most.
   */
  | { kind: 'annotations.changed'; documentId: string; added: Annotation[]; updated: Annotation[]; removed: string[] }
  /**
   * The codebook changed. `recoded` are the annotations whose principle or actor links the same write
   * changed (a merge or split of codes), as now stored; a plain edit of the codebook recodes none.
   */
  | { kind: 'codebook.changed'; codebook: Codebook; recoded: Annotation[] }
  /** The references waiting for their file changed; `references` is the whole list, as listed. */
  | { kind: 'references.changed'; references: WaitingReference[] }
  | CollectionsChange
  /** Memos were written or deleted: `changed` as now stored, `removed` by id. */
  | { kind: 'memos.changed'; changed: Memo[]; removed: string[] }
  /** The document variables or their values changed; the whole new state (one small file). */
  | { kind: 'variables.changed'; variables: DocumentVariables }
  | LinksChange;

/** Collections or document tags changed; each carries the whole new state (it is small). */
export type CollectionsChange =
  | { kind: 'collections.changed'; collections: Collection[] }
  | { kind: 'documentTags.changed'; tags: DocumentTags };

/**
 * Links between passages changed (made, edited, deleted, gone with a deleted highlight or back with it):
 * the relations offered and every link as now listed (shared/links/model.ts).
 */
export type LinksChange = { kind: 'links.changed'; state: LinksState };

export type LibraryChangeKind = LibraryChange['kind'];

/** The ids of the documents a change is about ([] for a library-wide change such as the codebook's). */
export function changedDocumentIds(change: LibraryChange): string[] {
  switch (change.kind) {
    case 'document.added':
    case 'document.replaced':
    case 'document.restored':
    case 'document.metadataChanged':
      return [change.document.id];
    case 'document.deleted':
    case 'annotations.changed':
      return [change.documentId];
    case 'codebook.changed':
      return [...new Set(change.recoded.map((a) => a.documentId))];
    case 'references.changed':
    case 'collections.changed':
    case 'documentTags.changed':
    case 'memos.changed':
    case 'variables.changed':
    case 'links.changed':
      return [];
  }
}

/**
 * A list of documents as documents.list lists them (newest import first) with a change applied; the same
 * list when the change is not about documents. Applying a change the list already shows changes
 * nothing, so changes received while the list was being read can be applied to it safely.
 */
export function applyToDocuments(documents: readonly DocumentListing[], change: LibraryChange): readonly DocumentListing[] {
  switch (change.kind) {
    case 'document.added':
    case 'document.replaced':
    case 'document.restored':
    case 'document.metadataChanged': {
      const document = listingOf(change.document);
      const rest = documents.filter((d) => d.id !== document.id);
      const at = rest.findIndex((d) => d.importedAt < document.importedAt);
      return at === -1 ? [...rest, document] : [...rest.slice(0, at), document, ...rest.slice(at)];
    }
    case 'document.deleted':
      return documents.some((d) => d.id === change.documentId) ? documents.filter((d) => d.id !== change.documentId) : documents;
    default:
      return documents;
  }
}
