// Collections and document tags, read once and then kept up to date by the library's changes.
import type { Organisation } from '../../../shared/collections/scope';
import type { LibraryChange } from '../../../shared/library-changes';
import { call, type ChangeRecorder } from '../api/client';
import { useFollowed } from '../ui/useFollowed';
import type { AsyncState } from '../ui/useAsync';

export function applyToOrganisation(organisation: Organisation, change: LibraryChange): Organisation {
  if (change.kind === 'collections.changed') return { ...organisation, collections: change.collections };
  if (change.kind === 'documentTags.changed') return { ...organisation, tags: change.tags };
  return organisation;
}

export function useOrganisation(takeEarly?: () => { value: Promise<Organisation>; changes: ChangeRecorder } | null): AsyncState<Organisation> {
  return useFollowed(() => call('collections.get', {}), applyToOrganisation, 'organisation', takeEarly);
}
