// Highlights that have no rectangles for this file yet (made in the text view, or re-anchored after
// the file was replaced) get them from the pages they lie on, one after another in the background;
// the new selectors are handed up to be stored, so this happens once per highlight.
import { useEffect, useRef } from 'react';
import type { DocumentText, Selector } from '../../../shared/model';
import { findSelector } from '../../../shared/model';
import { selectorsFor } from './describe-selection';
import type { AreaNeeded } from './drawn-areas';
import type { PdfPages } from './pdf-pages';

export function useMissingAreas(
  pages: PdfPages,
  text: DocumentText | null,
  needed: readonly AreaNeeded[],
  onRetarget: (id: string, selectors: Selector[]) => void,
): void {
  const tried = useRef(new Set<string>());
  const retarget = useRef(onRetarget);
  useEffect(() => {
    retarget.current = onRetarget;
  });
  useEffect(() => {
    let live = true;
    (async () => {
      if (!text) return; // nothing is anchored before the text is there
      for (const { annotation, start, end } of needed) {
        const key = `${annotation.id}:${annotation.modified}:${start}:${end}`;
        if (!live) return;
        if (tried.current.has(key)) continue;
        const selectors = await selectorsFor(pages, text, { start, end }).catch(() => null);
        if (!live) return; // a newer list is being worked through; it will try this one again
        tried.current.add(key);
        // Without rectangles (the page's text differs from the import) there is nothing better to store.
        if (selectors?.some((s) => s.type === 'PdfAreaSelector') && findSelector(annotation, 'TextQuoteSelector')) {
          retarget.current(annotation.id, selectors);
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [pages, text, needed]);
}
