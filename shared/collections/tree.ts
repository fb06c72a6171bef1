// Collections as a tree: children, descendants, paths, and which documents a collection holds. Pure.
import type { Collection } from '../model';

const byName = (a: Collection, b: Collection) => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' });

/** The collections directly in `parentId` (null: the top level), by name. */
export function childrenOf(collections: readonly Collection[], parentId: string | null): Collection[] {
  return collections.filter((c) => c.parentId === parentId).sort(byName);
}

/** The ids of a collection and of every collection nested in it, at any depth. */
export function withDescendants(collections: readonly Collection[], id: string): Set<string> {
  const ids = new Set([id]);
  // Each pass adds the children of what is already in; a tree of depth d needs d passes.
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of collections) {
      if (c.parentId !== null && ids.has(c.parentId) && !ids.has(c.id)) {
        ids.add(c.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** The names from the top down to the collection, e.g. ["EU", "Commission"]; [] for an unknown id. */
export function collectionPath(collections: readonly Collection[], id: string): string[] {
  const byId = new Map(collections.map((c) => [c.id, c]));
  const names: string[] = [];
  const seen = new Set<string>();
  for (let at = byId.get(id); at && !seen.has(at.id); at = at.parentId ? byId.get(at.parentId) : undefined) {
    seen.add(at.id);
    names.unshift(at.name);
  }
  return names;
}

/** A collection's documents, with those of its sub-collections: what a user expects "EU" to show. */
export function documentsInCollection(collections: readonly Collection[], id: string): Set<string> {
  const ids = withDescendants(collections, id);
  const documents = new Set<string>();
  for (const c of collections) if (ids.has(c.id)) for (const d of c.documentIds) documents.add(d);
  return documents;
}

/** Every document that is in at least one collection. */
export function filedDocuments(collections: readonly Collection[]): Set<string> {
  const documents = new Set<string>();
  for (const c of collections) for (const d of c.documentIds) documents.add(d);
  return documents;
}

/** The collections each document is directly in, by document id. */
export function collectionsByDocument(collections: readonly Collection[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const c of collections) {
    for (const d of c.documentIds) {
      const list = map.get(d);
      if (list) list.push(c.id);
      else map.set(d, [c.id]);
    }
  }
  return map;
}

export interface TreeRow {
  collection: Collection;
  depth: number;
  hasChildren: boolean;
}

/** The tree in display order (depth first, by name), skipping the insides of collapsed collections. */
export function flattenTree(collections: readonly Collection[], collapsed: ReadonlySet<string> = new Set()): TreeRow[] {
  const children = new Map<string | null, Collection[]>();
  for (const c of collections) {
    const list = children.get(c.parentId);
    if (list) list.push(c);
    else children.set(c.parentId, [c]);
  }
  const rows: TreeRow[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const collection of (children.get(parentId) ?? []).sort(byName)) {
      const hasChildren = children.has(collection.id);
      rows.push({ collection, depth, hasChildren });
      if (hasChildren && !collapsed.has(collection.id)) visit(collection.id, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}
