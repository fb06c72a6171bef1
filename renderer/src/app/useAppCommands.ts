// The workbench's own commands: switching views (Alt+1, 2, 3, 4), search, import, and the codebook's undo,
// redo and colour setting, listed in the command palette and the shortcut list.
import { useEffect } from 'react';
import type { AppView } from '../analysis/ViewSwitch';
import { useCodebook } from '../codebook/codebook-context';
import { matches, useCommands, type Command, type KeyCombo } from '../commands/commands';

const VIEWS: [AppView, string, KeyCombo][] = [
  ['library', 'Show the library and reader', { key: '1', alt: true }],
  ['codebook', 'Show the codebook', { key: '2', alt: true }],
  ['analysis', 'Show the analysis', { key: '3', alt: true }],
  ['memos', 'Show the memos', { key: '4', alt: true }],
];

export function useAppCommands(setView: (view: AppView) => void): void {
  const { codebook, edit, undo, redo, history } = useCodebook();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const view = VIEWS.find(([, , keys]) => matches(event, keys));
      if (!view) return;
      event.preventDefault();
      setView(view[0]);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [setView]);

  const commands: Command[] = [
    ...VIEWS.map(([view, label, keys]) => ({ id: `view-${view}`, group: 'Everywhere', label, keys, run: () => setView(view) })),
    { id: 'search', group: 'Everywhere', label: 'Search the library (or /)', keys: { key: 'k', mod: true } },
    { id: 'import', group: 'Everywhere', label: 'Import files…', keys: null, run: () => document.querySelector<HTMLInputElement>('[data-testid="import-input"]')?.click() },
    { id: 'codebook-undo', group: 'Codebook', label: history.undo ? `Undo: ${history.undo}` : 'Undo a codebook change', keys: null, run: () => void undo(), available: history.undo !== null },
    { id: 'codebook-redo', group: 'Codebook', label: history.redo ? `Redo: ${history.redo}` : 'Redo a codebook change', keys: null, run: () => void redo(), available: history.redo !== null },
    {
      id: 'color-by-principle',
      group: 'Codebook',
      label: codebook.colorByPrinciple ? 'Give highlights their own colours again' : 'Colour highlights by their first principle',
      keys: null,
      run: () => void edit({ kind: 'display', colorByPrinciple: !codebook.colorByPrinciple }),
    },
  ];
  useCommands('app', commands);
}
