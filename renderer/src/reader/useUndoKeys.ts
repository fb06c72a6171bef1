// Ctrl/Cmd+Z undoes the last change to the open document's annotations, Shift+Ctrl/Cmd+Z or Ctrl+Y
// redoes it. Inside a text field the keys keep their usual meaning.
import { useEffect } from 'react';
import type { AnnotationStore } from '../annotations/annotation-store';

export function useUndoKeys(store: AnnotationStore, onDone: (what: string) => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || isTextField(event.target)) return;
      const key = event.key.toLowerCase();
      let message: string | null;
      if (key === 'z' && !event.shiftKey) {
        const what = store.undo();
        message = what && `Undone: ${what}`;
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        const what = store.redo();
        message = what && `Redone: ${what}`;
      } else return;
      event.preventDefault();
      if (message) onDone(message);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store, onDone]);
}

function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type !== 'checkbox'))
  );
}
