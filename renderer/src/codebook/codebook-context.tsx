// The library's codebook for every component that shows or links principles and actors.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Actor, Codebook, Principle } from '../../../shared/model';

export interface CodebookView {
  codebook: Codebook;
  principle(id: string): Principle | undefined;
  actor(id: string): Actor | undefined;
  save(codebook: Codebook): Promise<void>;
}

const CodebookContext = createContext<CodebookView | null>(null);

export function CodebookProvider(props: { codebook: Codebook; save: (c: Codebook) => Promise<void>; children: ReactNode }) {
  const { codebook, save } = props;
  const value = useMemo<CodebookView>(() => {
    const principles = new Map(codebook.principles.map((p) => [p.id, p]));
    const actors = new Map(codebook.actors.map((a) => [a.id, a]));
    return { codebook, principle: (id) => principles.get(id), actor: (id) => actors.get(id), save };
  }, [codebook, save]);
  return <CodebookContext.Provider value={value}>{props.children}</CodebookContext.Provider>;
}

export function useCodebook(): CodebookView {
  const view = useContext(CodebookContext);
  if (!view) throw new Error('useCodebook is used outside a CodebookProvider.');
  return view;
}
