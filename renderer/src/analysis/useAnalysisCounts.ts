// A view's counts from main, asked again when the request changes or the library does. One request at
// a time: changes that arrive while one is under way (a bulk import publishes thousands) make one more
// request when it returns, not one each.
import { useEffect, useRef, useState } from 'react';
import type { AnalysisCounts } from '../../../shared/analysis';
import type { CallArgs } from '../../../shared/api';
import { call, errorMessage, onLibraryChange } from '../api/client';
import type { AsyncState } from '../ui/useAsync';

/** `request` may carry a scope (a collection or tag only). */
export function useAnalysisCounts(request: CallArgs<'analysis.counts'>): AsyncState<AnalysisCounts> {
  const [state, setState] = useState<AsyncState<AnalysisCounts>>({ status: 'loading' });
  const [changes, setChanges] = useState(0);
  useEffect(() => onLibraryChange((change) => change.kind !== 'references.changed' && setChanges((n) => n + 1)), []);
  const wanted = useRef<{ request: CallArgs<'analysis.counts'>; changes: number } | null>(null);
  const running = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    wanted.current = { request, changes };
    if (running.current) return;
    const ask = async () => {
      running.current = true;
      for (;;) {
        const asked = wanted.current!;
        let next: AsyncState<AnalysisCounts>;
        try {
          next = { status: 'ready', value: await call('analysis.counts', asked.request) };
        } catch (error) {
          next = { status: 'error', message: errorMessage(error) };
        }
        if (!mounted.current) break;
        if (wanted.current === asked) {
          setState(next);
          break;
        }
      }
      running.current = false;
    };
    void ask();
  }, [request, changes]);
  return state;
}
