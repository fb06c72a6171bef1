// "This collection only": a choice of the whole library, the unfiled documents, a collection (with
// its sub-collections) or a document tag, for search, the analysis and exports.
import { flattenTree } from '../../../shared/collections/tree';
import type { LibraryScope, Organisation } from '../../../shared/collections/scope';

export function scopeValue(scope: LibraryScope): string {
  switch (scope.kind) {
    case 'library':
      return 'library';
    case 'unfiled':
      return 'unfiled';
    case 'collection':
      return `c:${scope.collectionId}`;
    case 'tag':
      return `t:${scope.tag}`;
  }
}

export function scopeFromValue(value: string): LibraryScope {
  if (value.startsWith('c:')) return { kind: 'collection', collectionId: value.slice(2) };
  if (value.startsWith('t:')) return { kind: 'tag', tag: value.slice(2) };
  return value === 'unfiled' ? { kind: 'unfiled' } : { kind: 'library' };
}

/** The distinct document tags, by name. */
export function documentTagNames(organisation: Organisation): string[] {
  const byLower = new Map<string, string>();
  for (const list of Object.values(organisation.tags)) for (const t of list) if (!byLower.has(t.toLowerCase())) byLower.set(t.toLowerCase(), t);
  return [...byLower.values()].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
}

interface Props {
  scope: LibraryScope;
  organisation: Organisation;
  onChange(scope: LibraryScope): void;
  label: string;
  className?: string;
}

export function ScopeSelect({ scope, organisation, onChange, label, className }: Props) {
  const tags = documentTagNames(organisation);
  return (
    <select className={className ?? 'scope-select'} aria-label={label} value={scopeValue(scope)} onChange={(e) => onChange(scopeFromValue(e.target.value))}>
      <option value="library">Whole library</option>
      <option value="unfiled">Unfiled documents</option>
      {organisation.collections.length > 0 && (
        <optgroup label="Collections">
          {flattenTree(organisation.collections).map(({ collection, depth }) => (
            <option key={collection.id} value={`c:${collection.id}`}>
              {'\u00a0\u00a0'.repeat(depth)}
              {collection.name}
            </option>
          ))}
        </optgroup>
      )}
      {tags.length > 0 && (
        <optgroup label="Tags">
          {tags.map((t) => (
            <option key={t} value={`t:${t}`}>
              #{t}
            </option>
          ))}
        </optgroup>
      )}
    </select>
  );
}
