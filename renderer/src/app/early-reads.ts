// The reads the first screen waits for (the library's list, its codebook, its collections) are asked
// for as soon as this module runs, which main.tsx arranges to be before React and the app's own code
// are evaluated. In browser mode they are asked for with the sign-in itself and come back in its answer
// (api/http-session.ts); otherwise (the desktop app, a reloaded tab) they are calls sent at once. The
// library's changes are recorded from before each read, as useFollowed does, so nothing published while
// they travel is missed. Each read is taken once; a later mount reads afresh.
import type { CallArgs, CallResult } from '../../../shared/api';
import type { ApiResult } from '../../../shared/errors';
import type { SignInRead } from '../../../shared/sign-in';
import { call, recordLibraryChanges, valueOf, type ChangeRecorder } from '../api/client';
import { takeSignInRead } from '../api/http-session';

export interface EarlyRead<T> {
  value: Promise<T>;
  changes: ChangeRecorder;
}

function start<K extends SignInRead>(name: K): EarlyRead<CallResult<K>> {
  const changes = recordLibraryChanges();
  const value = read(name);
  value.catch(() => undefined); // reported by whoever takes it
  return { value, changes };
}

/** The read from the sign-in's answer if it came with it, else the call. */
async function read<K extends SignInRead>(name: K): Promise<CallResult<K>> {
  const answered = window.apostil ? null : takeSignInRead(name);
  const result = answered && ((await answered) as ApiResult<CallResult<K>> | null);
  return result ? valueOf<K>(result) : call(name, {} as CallArgs<K>);
}

const reads: {
  documents: EarlyRead<CallResult<'documents.list'>> | null;
  codebook: EarlyRead<CallResult<'codebook.get'>> | null;
  organisation: EarlyRead<CallResult<'collections.get'>> | null;
} = {
  documents: start('documents.list'),
  codebook: start('codebook.get'),
  organisation: start('collections.get'),
};

/** The read started at load, the first time it is asked for; null afterwards. */
export function takeEarlyRead<K extends keyof typeof reads>(name: K): (typeof reads)[K] {
  const read = reads[name];
  reads[name] = null;
  return read;
}
