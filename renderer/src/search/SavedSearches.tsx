// Saved searches in the sidebar: one click runs one again; × forgets it.
import { useCallback, useEffect, useState } from 'react';
import type { SavedSearch } from '../../../shared/search/types';
import { call, errorMessage } from '../api/client';
import { useNotices } from '../ui/notices';
import { useSearch } from './search-context';

/** Saved searches change from the search box too; it announces changes with this event. */
export const SAVED_SEARCHES_CHANGED = 'apostil:saved-searches-changed';

export function SavedSearches() {
  const { run } = useSearch();
  const { notify } = useNotices();
  const [saved, setSaved] = useState<SavedSearch[]>([]);
  const reload = useCallback(() => {
    call('search.saved.list', {}).then(setSaved, (e: unknown) => notify('error', `Saved searches could not be read: ${errorMessage(e)}`));
  }, [notify]);
  useEffect(() => {
    reload();
    window.addEventListener(SAVED_SEARCHES_CHANGED, reload);
    return () => window.removeEventListener(SAVED_SEARCHES_CHANGED, reload);
  }, [reload]);

  const remove = async (search: SavedSearch) => {
    try {
      setSaved(await call('search.saved.delete', { id: search.id }));
      notify('info', `Saved search “${search.name}” deleted.`, {
        label: 'Undo',
        run: () => void call('search.saved.save', { name: search.name, query: search.query }).then(setSaved),
      });
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  return (
    <section className="saved-searches" aria-label="Saved searches">
      <h2>Saved searches</h2>
      {saved.length === 0 ? (
        <p className="hint">Search, then “Save search…” to keep a search here.</p>
      ) : (
        <ul>
          {saved.map((search) => (
            <li key={search.id}>
              <button type="button" className="saved-search" title={search.query} onClick={() => run(search.query)}>
                <span className="saved-name">{search.name}</span>
                <span className="saved-query">{search.query}</span>
              </button>
              <button type="button" className="icon" aria-label={`Delete saved search ${search.name}`} onClick={() => void remove(search)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
