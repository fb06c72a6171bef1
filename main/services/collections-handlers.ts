// Handlers of the calls that organise the library: collections, document tags, document variables, the table's counts,
// and moving documents to the trash and back (spread into handlers.ts). Like every handler they only
// call the store; search, the analysis and the renderer follow the changes it publishes.
import type { CallName } from '../../shared/api';
import { scopeExists, scopeTest, type LibraryScope } from '../../shared/collections/scope';
import { documentStats, type DocumentStats } from '../../shared/document-table';
import type { AnalysisFilter } from '../../shared/analysis';
import { AppError } from '../../shared/errors';
import type { Handlers } from '../api/dispatch';
import type { AppServices } from './app';
import type { LibraryStore } from './library/store';

type OrganiseCallName =
  | 'documents.trash'
  | 'documents.restore'
  | 'documents.stats'
  | 'collections.get'
  | 'collections.edit'
  | 'documentTags.edit'
  | 'variables.get'
  | 'variables.edit';

export function createOrganiseHandlers(app: AppServices): Pick<Handlers, Extract<CallName, OrganiseCallName>> {
  const { store } = app;
  return {
    'documents.trash': async ({ ids }) => {
      for (const id of ids) store.getDocument(id); // all or nothing: refuse before any moves
      const trashed: string[] = [];
      for (const id of new Set(ids)) {
        await store.deleteDocument(id);
        trashed.push(id);
      }
      return { trashed };
    },
    'documents.restore': async ({ ids }) => store.restoreDocuments(ids),
    'documents.stats': async ({ ids }) => {
      const stats: Record<string, DocumentStats> = {};
      for (const id of ids ?? store.listDocuments().map((d) => d.id)) {
        if (store.hasDocument(id)) stats[id] = documentStats(await store.listAnnotations(id));
      }
      return stats;
    },
    'collections.get': async () => store.collections.organisation(),
    'collections.edit': async ({ edit }) => store.collections.edit(edit),
    'documentTags.edit': async ({ edit }) => store.collections.editTags(edit),
    'variables.get': async () => store.variables.get(),
    'variables.edit': async ({ edit }) => store.variables.edit(edit),
  };
}

/**
 * The documents of a scope, or null for the whole library. A collection that no longer exists is an
 * error, not an empty result, so a stale choice is never mistaken for "nothing there".
 */
export function documentsInScope(store: LibraryStore, scope: LibraryScope | undefined): Set<string> | null {
  if (!scope || scope.kind === 'library') return null;
  const organisation = store.collections.organisation();
  if (!scopeExists(scope, organisation)) throw new AppError('not-found', 'That collection no longer exists.');
  const test = scopeTest(scope, organisation)!;
  return new Set(store.listDocuments().map((d) => d.id).filter(test));
}

/** An analysis filter narrowed to a scope's documents (null: the whole library, nothing to narrow). */
export function scopedFilter(filter: AnalysisFilter, inScope: ReadonlySet<string> | null): AnalysisFilter {
  if (!inScope) return filter;
  const chosen = filter.documentIds ? filter.documentIds.filter((id) => inScope.has(id)) : [...inScope];
  return { ...filter, documentIds: chosen };
}
