// The side list of the documents view: all documents, the unfiled ones, the collections as a tree
// (open and close, new, rename, delete) and the document tags. Choosing one shows its documents;
// dropping documents on a collection files them there, on a tag tags them; dropping a collection on
// another nests it, on "All documents" takes it to the top.
import { useState, type DragEvent, type FormEvent } from 'react';
import { documentsInCollection, filedDocuments, flattenTree } from '../../../shared/collections/tree';
import { sameScope, type LibraryScope, type Organisation } from '../../../shared/collections/scope-functions';
import type { CollectionEdit } from '../../../shared/collections/edit';
import { COLLECTION_DRAG_TYPE, DOCUMENTS_DRAG_TYPE, droppedDocumentIds } from './drag';
import { documentTagNames } from './ScopeSelect';

interface Props {
  organisation: Organisation;
  /** Every document id in the library, for the counts. */
  documentIds: readonly string[];
  scope: LibraryScope;
  onScope(scope: LibraryScope): void;
  onEdit(edit: CollectionEdit): Promise<boolean>;
  onTag(documentIds: string[], tag: string): void;
}

type Naming = { kind: 'create'; parentId: string | null } | { kind: 'rename'; id: string; name: string };

export function CollectionTree({ organisation, documentIds, scope, onScope, onEdit, onTag }: Props) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [naming, setNaming] = useState<Naming | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const { collections } = organisation;
  const inLibrary = new Set(documentIds);
  const filed = filedDocuments(collections);
  const unfiled = documentIds.filter((id) => !filed.has(id)).length;
  const chosen = scope.kind === 'collection' ? collections.find((c) => c.id === scope.collectionId) ?? null : null;
  const tags = documentTagNames(organisation);

  const count = (ids: Iterable<string>) => {
    let n = 0;
    for (const id of ids) if (inLibrary.has(id)) n++;
    return n;
  };

  /** Drop handlers for an entry; `key` marks it while something is dragged over it. */
  const dropTarget = (key: string, accepts: (types: readonly string[]) => boolean, drop: (event: DragEvent) => void) => ({
    onDragOver: (event: DragEvent) => {
      if (!accepts(event.dataTransfer.types)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = event.dataTransfer.types.includes(COLLECTION_DRAG_TYPE) ? 'move' : 'copy';
      setTarget(key);
    },
    onDragLeave: () => setTarget((t) => (t === key ? null : t)),
    onDrop: (event: DragEvent) => {
      event.preventDefault();
      event.stopPropagation(); // not an import of files dropped on the window
      setTarget(null);
      drop(event);
    },
  });
  const documentsOrCollection = (types: readonly string[]) => types.includes(DOCUMENTS_DRAG_TYPE) || types.includes(COLLECTION_DRAG_TYPE);

  const entry = (key: string, label: string, n: number, entryScope: LibraryScope, extra: Record<string, unknown> = {}) => (
    <button
      type="button"
      className={['tree-entry', sameScope(scope, entryScope) ? 'active' : '', target === key ? 'drop-target' : ''].filter(Boolean).join(' ')}
      aria-current={sameScope(scope, entryScope) ? 'true' : undefined}
      onClick={() => onScope(entryScope)}
      {...extra}
    >
      <span className="tree-name">{label}</span>
      <span className="tree-count" aria-label={n === 1 ? '1 document' : `${n} documents`}>
        {n}
      </span>
    </button>
  );

  const submitName = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name') ?? '').trim();
    if (!naming || !name) return setNaming(null);
    const ok = await onEdit(naming.kind === 'create' ? { op: 'create', name, parentId: naming.parentId } : { op: 'rename', id: naming.id, name });
    if (ok) setNaming(null);
  };
  const nameForm = (initial: string, depth: number) => (
    <form className="tree-name-form" style={{ paddingLeft: 8 + depth * 14 }} onSubmit={(e) => void submitName(e)}>
      <input
        name="name"
        aria-label={naming?.kind === 'rename' ? 'New name of the collection' : 'Name of the new collection'}
        defaultValue={initial}
        autoFocus
        maxLength={200}
        onKeyDown={(e) => e.key === 'Escape' && setNaming(null)}
        onBlur={(e) => !e.currentTarget.value.trim() && setNaming(null)}
      />
    </form>
  );

  return (
    <nav className="collection-tree" aria-label="Collections">
      <ul>
        <li>
          {entry(
            'all',
            'All documents',
            documentIds.length,
            { kind: 'library' },
            dropTarget('all', (t) => t.includes(COLLECTION_DRAG_TYPE), (e) => void onEdit({ op: 'move', id: e.dataTransfer.getData(COLLECTION_DRAG_TYPE), parentId: null })),
          )}
        </li>
        <li>{entry('unfiled', 'Unfiled', unfiled, { kind: 'unfiled' })}</li>
      </ul>
      <div className="tree-heading">
        <h3>Collections</h3>
        <button type="button" className="small" onClick={() => setNaming({ kind: 'create', parentId: null })}>
          New collection
        </button>
      </div>
      <ul>
        {naming?.kind === 'create' && naming.parentId === null && <li>{nameForm('', 0)}</li>}
        {flattenTree(collections, collapsed).map(({ collection, depth, hasChildren }) => {
          const open = !collapsed.has(collection.id);
          const key = `c:${collection.id}`;
          return (
            <li key={collection.id}>
              {naming?.kind === 'rename' && naming.id === collection.id ? (
                nameForm(naming.name, depth)
              ) : (
                <div className="tree-row" style={{ paddingLeft: depth * 14 }}>
                  {hasChildren ? (
                    <button
                      type="button"
                      className="tree-toggle icon"
                      aria-expanded={open}
                      aria-label={`${open ? 'Close' : 'Open'} ${collection.name}`}
                      onClick={() => {
                        const next = new Set(collapsed);
                        if (open) next.add(collection.id);
                        else next.delete(collection.id);
                        setCollapsed(next);
                      }}
                    >
                      {open ? '▾' : '▸'}
                    </button>
                  ) : (
                    <span className="tree-toggle" aria-hidden="true" />
                  )}
                  {entry(key, collection.name, count(documentsInCollection(collections, collection.id)), { kind: 'collection', collectionId: collection.id }, {
                    draggable: true,
                    onDragStart: (event: DragEvent) => {
                      event.dataTransfer.setData(COLLECTION_DRAG_TYPE, collection.id);
                      event.dataTransfer.effectAllowed = 'move';
                    },
                    ...dropTarget(key, documentsOrCollection, (event) => {
                      const moved = event.dataTransfer.getData(COLLECTION_DRAG_TYPE);
                      if (moved) return void (moved !== collection.id && onEdit({ op: 'move', id: moved, parentId: collection.id }));
                      const ids = droppedDocumentIds(event.dataTransfer);
                      if (ids.length) void onEdit({ op: 'addDocuments', id: collection.id, documentIds: ids });
                    }),
                  })}
                </div>
              )}
              {naming?.kind === 'create' && naming.parentId === collection.id && nameForm('', depth + 1)}
            </li>
          );
        })}
      </ul>
      {collections.length === 0 && naming === null && <p className="hint">No collections yet. Make one, then drag documents onto it.</p>}
      {chosen && naming === null && (
        <div className="tree-actions" role="group" aria-label={`Collection “${chosen.name}”`}>
          <button
            type="button"
            className="small"
            onClick={() => {
              setCollapsed((c) => new Set([...c].filter((id) => id !== chosen.id)));
              setNaming({ kind: 'create', parentId: chosen.id });
            }}
          >
            New sub-collection
          </button>
          <button type="button" className="small" onClick={() => setNaming({ kind: 'rename', id: chosen.id, name: chosen.name })}>
            Rename
          </button>
          <button type="button" className="small" onClick={() => void onEdit({ op: 'delete', id: chosen.id })}>
            Delete collection
          </button>
        </div>
      )}
      <div className="tree-heading">
        <h3>Tags</h3>
      </div>
      {tags.length === 0 ? (
        <p className="hint">No tags yet. Select documents and tag them, or drop them on a tag.</p>
      ) : (
        <ul>
          {tags.map((tag) => {
            const key = `t:${tag}`;
            const lower = tag.toLowerCase();
            const n = Object.entries(organisation.tags).filter(([id, list]) => inLibrary.has(id) && list.some((t) => t.toLowerCase() === lower)).length;
            return (
              <li key={tag}>
                {entry(key, `#${tag}`, n, { kind: 'tag', tag }, dropTarget(key, (t) => t.includes(DOCUMENTS_DRAG_TYPE), (event) => {
                  const ids = droppedDocumentIds(event.dataTransfer);
                  if (ids.length) onTag(ids, tag);
                }))}
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
}
