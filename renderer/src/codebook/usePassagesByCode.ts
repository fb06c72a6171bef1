// Every coded passage of the library, grouped by the principle or actor it is linked to: the counts the
// codebook view shows beside each code and the lists a click opens. Kept fresh from change events.
import { useEffect, useMemo } from 'react';
import type { AnalysisData, CodedPassage } from '../../../shared/analysis';
import { call, onLibraryChange } from '../api/client';
import { useAsync } from '../ui/useAsync';

export interface PassagesByCode {
  data: AnalysisData | null;
  /** Passages linked to a principle or actor id (principles and actors share one id space). */
  of(id: string): CodedPassage[];
  codedCount: number;
}

export function usePassagesByCode(): PassagesByCode {
  const [state, reload] = useAsync(() => call('analysis.data', {}), 'codebook-passages');
  useEffect(() => onLibraryChange((change) => change.kind !== 'references.changed' && reload()), [reload]);
  const data = state.status === 'ready' ? state.value : null;
  return useMemo(() => {
    const byCode = new Map<string, CodedPassage[]>();
    const add = (id: string, p: CodedPassage) => (byCode.get(id) ?? byCode.set(id, []).get(id)!).push(p);
    let codedCount = 0;
    for (const p of data?.passages ?? []) {
      for (const id of p.principles) add(id, p);
      for (const link of p.actors) add(link.actorId, p);
      if (p.principles.length || p.actors.length) codedCount++;
    }
    return { data, of: (id) => byCode.get(id) ?? [], codedCount };
  }, [data]);
}
