// The document variables and their values, read once and then kept up to date by the library's changes.
import type { LibraryChange } from '../../../shared/library-changes';
import type { DocumentVariables } from '../../../shared/variables';
import { call } from '../api/client';
import { useFollowed } from '../ui/useFollowed';
import type { AsyncState } from '../ui/useAsync';

export function applyToVariables(variables: DocumentVariables, change: LibraryChange): DocumentVariables {
  return change.kind === 'variables.changed' ? change.variables : variables;
}

export function useVariables(): AsyncState<DocumentVariables> {
  return useFollowed(() => call('variables.get', {}), applyToVariables, 'variables');
}
