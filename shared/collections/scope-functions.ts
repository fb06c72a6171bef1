// What a library scope holds and how it is named, without its schema (scope.ts, which re-exports
// these): the page's first load uses them and does without zod.
import type { Collection, DocumentTags } from '../model';
import type { LibraryScope } from './scope';

export type { LibraryScope };
import { collectionPath, documentsInCollection, filedDocuments } from './tree';

export const WHOLE_LIBRARY: LibraryScope = { kind: 'library' };

export interface Organisation {
  collections: readonly Collection[];
  tags: DocumentTags;
}

/**
 * Whether a document is in the scope; `null` stands for the whole library. A collection that no longer
 * exists holds nothing (the caller says so: see describeScope).
 */
export function scopeTest(scope: LibraryScope, organisation: Organisation): ((documentId: string) => boolean) | null {
  switch (scope.kind) {
    case 'library':
      return null;
    case 'unfiled': {
      const filed = filedDocuments(organisation.collections);
      return (id) => !filed.has(id);
    }
    case 'collection': {
      const inside = documentsInCollection(organisation.collections, scope.collectionId);
      return (id) => inside.has(id);
    }
    case 'tag': {
      const wanted = scope.tag.toLowerCase();
      return (id) => organisation.tags[id]?.some((t) => t.toLowerCase() === wanted) ?? false;
    }
  }
}

export function scopeExists(scope: LibraryScope, organisation: Organisation): boolean {
  return scope.kind !== 'collection' || organisation.collections.some((c) => c.id === scope.collectionId);
}

/** The scope in words, for headings and messages: "the collection “EU › Commission”". */
export function describeScope(scope: LibraryScope, collections: readonly Collection[]): string {
  switch (scope.kind) {
    case 'library':
      return 'the whole library';
    case 'unfiled':
      return 'documents in no collection';
    case 'collection': {
      const path = collectionPath(collections, scope.collectionId);
      return path.length ? `the collection “${path.join(' › ')}”` : 'a collection that no longer exists';
    }
    case 'tag':
      return `documents tagged #${scope.tag}`;
  }
}

/** Why there is nothing to show or export in a scope that holds no documents. */
export function emptyScopeMessage(scope: LibraryScope, collections: readonly Collection[]): string {
  switch (scope.kind) {
    case 'library':
      return 'The library holds no documents.';
    case 'unfiled':
      return 'Every document is in a collection: none is unfiled.';
    case 'collection':
      return `${describeScope(scope, collections).replace(/^the/, 'The')} holds no documents.`;
    case 'tag':
      return `No document is tagged #${scope.tag}.`;
  }
}

/** A short name for file names: "collection-commission", "tag-followup". */
export function scopeSlug(scope: LibraryScope, collections: readonly Collection[]): string {
  const slug = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'untitled';
  switch (scope.kind) {
    case 'library':
      return 'library';
    case 'unfiled':
      return 'unfiled';
    case 'collection':
      return `collection-${slug(collectionPath(collections, scope.collectionId).pop() ?? '')}`;
    case 'tag':
      return `tag-${slug(scope.tag)}`;
  }
}

export function sameScope(a: LibraryScope, b: LibraryScope): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
