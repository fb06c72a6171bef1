// What the codebook view shows beside each code: how many passages it codes (the analysis' code
// frequencies, which main keeps from the change events), and for the chosen code its passages, a page
// of the analysis' passages at a time. Both are asked again after every change to the library.
import { useEffect, useMemo, useState } from 'react';
import { NO_FILTER, type CodedPassage, type PassageSelector } from '../../../shared/analysis';
import { STANCES } from '../../../shared/model';
import { call, onLibraryChange } from '../api/client';
import { useAsync } from '../ui/useAsync';

/** The most passages listed for one code (its count says how many there are in all). */
export const PASSAGES_SHOWN = 500;

export interface CodeCounts {
  /** Passages linked to a principle or actor id (principles and actors share one id space). */
  count(id: string): number;
  /** Whether any passage of the library is linked to any code. */
  anyCoded: boolean;
  ready: boolean;
}

function useChangeCount(): number {
  const [changes, setChanges] = useState(0);
  useEffect(() => onLibraryChange((change) => change.kind !== 'references.changed' && setChanges((n) => n + 1)), []);
  return changes;
}

export function useCodeCounts(): CodeCounts {
  const changes = useChangeCount();
  const [state] = useAsync(() => call('analysis.counts', { view: 'frequencies', filter: NO_FILTER, actorKinds: [], granularity: null }), changes);
  const counts = state.status === 'ready' && state.value.view === 'frequencies' ? state.value.frequencies : null;
  return useMemo(() => {
    const byId = new Map<string, number>();
    for (const p of counts?.principles ?? []) byId.set(p.principle.id, p.count);
    for (const a of counts?.actors ?? []) byId.set(a.actor.id, a.count);
    return { count: (id) => byId.get(id) ?? 0, anyCoded: [...byId.values()].some((n) => n > 0), ready: counts !== null };
  }, [counts]);
}

export interface CodePassages {
  passages: CodedPassage[];
  /** How many there are in all (more than listed when over PASSAGES_SHOWN). */
  total: number;
  error: string | null;
}

/** The passages of one code, in library order; an actor's are gathered over its four stances. */
export function useCodePassages(code: { kind: 'principle' | 'actor'; id: string } | null): CodePassages {
  const changes = useChangeCount();
  const key = code ? `${code.kind}:${code.id}:${changes}` : 'none';
  const [state] = useAsync(async () => {
    if (!code) return { passages: [], total: 0 };
    const selectors: PassageSelector[] =
      code.kind === 'principle' ? [{ kind: 'principle', principleId: code.id }] : STANCES.map((stance) => ({ kind: 'actor', actorId: code.id, stance }));
    const pages = await Promise.all(selectors.map((selector) => call('analysis.passages', { filter: NO_FILTER, selector, offset: 0, limit: PASSAGES_SHOWN })));
    const order = (p: CodedPassage) => `${p.documentId}\u0000${String(p.start ?? 0).padStart(12, '0')}`;
    // An actor linked to one passage under two stances is listed once.
    const unique = new Map(pages.flatMap((page) => page.passages).map((p) => [p.annotationId, p]));
    const passages = [...unique.values()].sort((a, b) => order(a).localeCompare(order(b)));
    return { passages: passages.slice(0, PASSAGES_SHOWN), total: pages.reduce((n, page) => n + page.total, 0) };
  }, key);
  if (state.status === 'ready') return { ...state.value, error: null };
  return { passages: [], total: 0, error: state.status === 'error' ? state.message : null };
}
