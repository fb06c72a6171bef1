// The library's codebook for every component that shows or links principles and actors, and the one
// way the renderer changes it: an edit sent to main (one undoable step there), undo and redo. The
// codebook itself is followed from the library's change events (App), so a change made anywhere (this
// view, another window, an import) shows at once; here only what undo and redo would do is kept.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { CodebookEditResult, CodebookHistory } from '../../../shared/api';
import type { CodebookEditInput } from '../../../shared/codebooks/edits';
import { principlesInTreeOrder } from '../../../shared/codebooks/tree';
import type { Actor, Codebook, Principle } from '../../../shared/model';
import { call, errorMessage, onLibraryChange } from '../api/client';
import { useNotices } from '../ui/notices';

export interface CodebookView {
  codebook: Codebook;
  principle(id: string): Principle | undefined;
  actor(id: string): Actor | undefined;
  /** Principles depth first, as the tree shows them: keys 1–9 link the first nine. */
  ordered: Principle[];
  history: CodebookHistory;
  /**
   * Sends an edit; on success the codebook is updated and, unless `quiet`, what was done is shown with
   * an Undo. A refusal is shown as an error and resolves to null; `throwErrors` hands it to the caller.
   */
  edit(edit: CodebookEditInput, options?: { quiet?: boolean; throwErrors?: boolean }): Promise<CodebookEditResult | null>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** A result from a call made elsewhere (an import), taken in as if it were an edit. */
  accept(result: CodebookHistory): void;
}

const CodebookContext = createContext<CodebookView | null>(null);

export function CodebookProvider(props: { codebook: Codebook; children: ReactNode }) {
  const { codebook } = props;
  const { notify } = useNotices();
  const [history, setHistory] = useState<CodebookHistory>({ undo: null, redo: null });

  // What undo would do changes with every codebook change, wherever it was made.
  useEffect(() => {
    const refresh = () => void call('codebook.history', {}).then(setHistory, () => undefined);
    refresh();
    return onLibraryChange((change) => change.kind === 'codebook.changed' && refresh());
  }, []);

  const accept = useCallback((result: CodebookHistory) => setHistory({ undo: result.undo, redo: result.redo }), []);

  const travel = useCallback(
    async (direction: 'undo' | 'redo') => {
      try {
        const result = await call(direction === 'undo' ? 'codebook.undo' : 'codebook.redo', {});
        accept(result);
        notify('info', result.summary);
      } catch (error) {
        notify('error', errorMessage(error));
      }
    },
    [accept, notify],
  );

  const edit = useCallback<CodebookView['edit']>(
    async (change, options = {}) => {
      try {
        const result = await call('codebook.edit', { edit: change });
        accept(result);
        if (!options.quiet) notify('info', result.summary, { label: 'Undo', run: () => void travel('undo') });
        return result;
      } catch (error) {
        if (options.throwErrors) throw error;
        notify('error', errorMessage(error));
        return null;
      }
    },
    [accept, notify, travel],
  );

  const value = useMemo<CodebookView>(() => {
    const principles = new Map(codebook.principles.map((p) => [p.id, p]));
    const actors = new Map(codebook.actors.map((a) => [a.id, a]));
    return {
      codebook,
      principle: (id) => principles.get(id),
      actor: (id) => actors.get(id),
      ordered: principlesInTreeOrder(codebook.principles).map((p) => p.principle),
      history,
      edit,
      undo: () => travel('undo'),
      redo: () => travel('redo'),
      accept,
    };
  }, [codebook, history, edit, travel, accept]);
  return <CodebookContext.Provider value={value}>{props.children}</CodebookContext.Provider>;
}

export function useCodebook(): CodebookView {
  const view = useContext(CodebookContext);
  if (!view) throw new Error('useCodebook is used outside a CodebookProvider.');
  return view;
}
