// The two reads the first screen waits for (the library's list and its codebook) are asked for as soon
// as this module runs, which main.tsx arranges to be before React and the app's own code are
// evaluated: they travel while the page's script is still being run, instead of after React's first
// render. The library's changes are recorded from before each read, as useFollowed does, so nothing
// published while they travel is missed. Each read is taken once; a later mount reads afresh.
import type { CallResult } from '../../../shared/api';
import { call, recordLibraryChanges, type ChangeRecorder } from '../api/client';

export interface EarlyRead<T> {
  value: Promise<T>;
  changes: ChangeRecorder;
}

function start<T>(load: () => Promise<T>): EarlyRead<T> {
  const changes = recordLibraryChanges();
  const value = load();
  value.catch(() => undefined); // reported by whoever takes it
  return { value, changes };
}

const reads: { documents: EarlyRead<CallResult<'documents.list'>> | null; codebook: EarlyRead<CallResult<'codebook.get'>> | null } = {
  documents: start(() => call('documents.list', {})),
  codebook: start(() => call('codebook.get', {})),
};

/** The read started at load, the first time it is asked for; null afterwards. */
export function takeEarlyRead<K extends keyof typeof reads>(name: K): (typeof reads)[K] {
  const read = reads[name];
  reads[name] = null;
  return read;
}
