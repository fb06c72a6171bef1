// What can be done to the selected documents at once: file them in a collection (or take them out of
// the one shown), tag them, set a variable, export them, move them to the trash.
import { useState, type FormEvent, type ReactNode } from 'react';
import { flattenTree } from '../../../shared/collections/tree';
import type { LibraryScope, Organisation } from '../../../shared/collections/scope';

interface Props {
  count: number;
  organisation: Organisation;
  scope: LibraryScope;
  onAddToCollection(collectionId: string): void;
  onRemoveFromCollection(collectionId: string): void;
  onTag(tag: string): void;
  onUntag(tag: string): void;
  onExport(): void;
  onTrash(): void;
  onClear(): void;
  /** More actions, shown after tagging (setting a document variable). */
  children?: ReactNode;
}

export function BulkActions(props: Props) {
  const { count, organisation, scope } = props;
  const [tag, setTag] = useState('');
  const tree = flattenTree(organisation.collections);
  const shownCollection = scope.kind === 'collection' ? organisation.collections.find((c) => c.id === scope.collectionId) : undefined;
  const submitTag = (event: FormEvent) => {
    event.preventDefault();
    const words = tag.trim().replace(/^#/, '');
    if (!words) return;
    props.onTag(words);
    setTag('');
  };
  return (
    <fieldset className="bulk-actions" role="toolbar" aria-label="Selected documents" disabled={count === 0}>
      {/* Always shown (disabled when nothing is selected), so the table does not jump when a row is clicked. */}
      <strong className={count ? undefined : 'none'}>{count === 0 ? 'No document selected' : count === 1 ? '1 selected' : `${count} selected`}</strong>
      <select
        aria-label="Add to collection"
        value=""
        disabled={tree.length === 0}
        onChange={(e) => e.target.value && props.onAddToCollection(e.target.value)}
      >
        <option value="">{tree.length ? 'Add to collection…' : 'No collections yet'}</option>
        {tree.map(({ collection, depth }) => (
          <option key={collection.id} value={collection.id}>
            {'\u00a0\u00a0'.repeat(depth)}
            {collection.name}
          </option>
        ))}
      </select>
      {shownCollection && (
        <button type="button" className="small" onClick={() => props.onRemoveFromCollection(shownCollection.id)}>
          Remove from “{shownCollection.name}”
        </button>
      )}
      <form className="bulk-tag" onSubmit={submitTag}>
        <input aria-label="Tag to add to the selected documents" placeholder="tag" value={tag} maxLength={100} onChange={(e) => setTag(e.target.value)} />
        <button type="submit" className="small" disabled={!tag.trim()}>
          Tag
        </button>
      </form>
      {props.children}
      {scope.kind === 'tag' && (
        <button type="button" className="small" onClick={() => props.onUntag(scope.tag)}>
          Remove #{scope.tag}
        </button>
      )}
      <button type="button" className="small" onClick={props.onExport}>
        Export…
      </button>
      <button type="button" className="small danger" onClick={props.onTrash}>
        Move to trash
      </button>
      <button type="button" className="small" onClick={props.onClear}>
        Clear selection
      </button>
    </fieldset>
  );
}
