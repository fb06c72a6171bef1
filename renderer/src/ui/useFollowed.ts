// A value read once from main and then kept up to date from the library's change events, instead of
// being read again after every change. Changes published while it is being read are recorded and
// applied to it (apply must leave a value unchanged by a change it already shows).
import { useEffect, useState } from 'react';
import type { LibraryChange } from '../../../shared/library-changes';
import { errorMessage, recordLibraryChanges, type ChangeRecorder } from '../api/client';
import type { AsyncState } from './useAsync';

export function useFollowed<T>(
  load: () => Promise<T>,
  apply: (value: T, change: LibraryChange) => T,
  key: unknown,
  /** A read of the same value already under way with its changes recorded (app/early-reads.ts), taken instead of `load`. */
  takeEarly?: () => { value: Promise<T>; changes: ChangeRecorder } | null,
): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    const early = takeEarly?.() ?? null;
    const changes = early?.changes ?? recordLibraryChanges();
    (early?.value ?? load()).then(
      (value) => {
        if (!current) return;
        setState({ status: 'ready', value });
        changes.deliverTo((change) =>
          setState((s) => {
            if (s.status !== 'ready') return s;
            const next = apply(s.value, change);
            return next === s.value ? s : { status: 'ready', value: next };
          }),
        );
      },
      (error: unknown) => current && setState({ status: 'error', message: errorMessage(error) }),
    );
    return () => {
      current = false;
      changes.stop();
    };
    // `load`, `apply` and `takeEarly` are deliberately left out: callers pass fresh closures; `key` says when to reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}
