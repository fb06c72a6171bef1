// The library's memos for every component that shows or opens them: read once, then kept up to date by
// the library's memos.changed events; and the one way to go to the Memos view (from the reader, the
// codebook), showing the memos about something, one memo, or a new memo about it.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { applyMemoChange, memoTargetLabel, sameTarget, type TargetNames } from '../../../shared/memos/memo-functions';
import type { Memo, MemoTarget } from '../../../shared/memos/model';
import type { DocumentListing } from '../../../shared/model';
import { call } from '../api/client';
import { useCodebook } from '../codebook/codebook-context';
import type { AsyncState } from '../ui/useAsync';
import { useFollowed } from '../ui/useFollowed';

export interface MemoRequest {
  /** Show the memos about this (and offer a new one about it). */
  target?: MemoTarget;
  /** Open this memo. */
  memoId?: string;
  /** Start a new memo about `target`. */
  create?: boolean;
  nonce: number;
}

export interface MemosView {
  memos: AsyncState<readonly Memo[]>;
  about(target: MemoTarget): Memo[];
  label(target: MemoTarget): string;
  names: TargetNames;
  request: MemoRequest | null;
  show(request: Omit<MemoRequest, 'nonce'>): void;
}

const MemosContext = createContext<MemosView | null>(null);

export function MemosProvider(props: { documents: readonly DocumentListing[]; onShow(): void; children: ReactNode }) {
  const { documents, onShow, children } = props;
  const codebook = useCodebook();
  const memos = useFollowed<readonly Memo[]>(() => call('memos.list', {}), applyMemoChange, 'memos');
  const [request, setRequest] = useState<MemoRequest | null>(null);
  const show = useCallback(
    (next: Omit<MemoRequest, 'nonce'>) => {
      setRequest({ ...next, nonce: Date.now() });
      onShow();
    },
    [onShow],
  );
  const value = useMemo<MemosView>(() => {
    const titles = new Map(documents.map((d) => [d.id, d.metadata.title]));
    const names: TargetNames = {
      documentTitle: (id) => titles.get(id),
      principleName: (id) => codebook.principle(id)?.name,
      actorName: (id) => codebook.actor(id)?.name,
    };
    const list = memos.status === 'ready' ? memos.value : [];
    return {
      memos,
      about: (target) => list.filter((m) => sameTarget(m.target, target)),
      label: (target) => memoTargetLabel(target, names),
      names,
      request,
      show,
    };
  }, [documents, codebook, memos, request, show]);
  return <MemosContext.Provider value={value}>{children}</MemosContext.Provider>;
}

export function useMemos(): MemosView {
  const view = useContext(MemosContext);
  if (!view) throw new Error('useMemos outside MemosProvider');
  return view;
}
