// Find matches and brief "you jumped here" marks, as rectangles on the pages being drawn. Rectangles
// come from the pages' laid-out text, so they are computed only for pages near the viewport.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentText, PdfAreaSelector, PdfRect } from '../../../shared/model';
import { areaForRange, pageSlices } from '../../../shared/pdf';
import type { TextRange } from '../reader/view-types';
import type { PdfPages } from './pdf-pages';

export interface FindState {
  matches: readonly TextRange[];
  current: number;
}

export type MatchRects = Map<number, { rects: PdfRect[]; current: boolean }[]>;

export function useMatchRects(pages: PdfPages, text: DocumentText | null, find: FindState, drawn: [number, number]): MatchRects {
  const [rects, setRects] = useState<MatchRects>(() => new Map());
  const [from, to] = drawn;
  useEffect(() => {
    let live = true;
    (async () => {
      const next: MatchRects = new Map();
      if (find.matches.length > 0 && text?.pages) {
        for (let page = from; page <= to; page++) {
          const range = text.pages[page];
          if (!range) continue;
          const onPage = find.matches
            .map((match, index) => ({ match, index }))
            .filter(({ match }) => match.end > range.start && match.start < range.end);
          if (onPage.length === 0) continue;
          const info = await pages.loadText(page);
          if (!info.exact) continue;
          next.set(
            page,
            onPage.map(({ match, index }) => {
              const area = areaForRange(text, match.start, match.end, (p) => (p === page ? info : null));
              return { rects: area?.areas.find((a) => a.page === page)?.rects ?? [], current: index === find.current };
            }),
          );
        }
      }
      if (live) setRects(next);
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [pages, text, find, from, to]);
  return rects;
}

/** A mark that fades after a moment: set it to the areas of what the user jumped to. */
export function useFlash(): [PdfAreaSelector['areas'], (areas: PdfAreaSelector['areas']) => void] {
  const [areas, setAreas] = useState<PdfAreaSelector['areas']>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const flash = useCallback((next: PdfAreaSelector['areas']) => {
    clearTimeout(timer.current);
    setAreas(next);
    timer.current = setTimeout(() => setAreas([]), 1_800);
  }, []);
  return [areas, flash];
}

/** The pages a match or passage lies on, first one first. */
export function firstPageOf(text: DocumentText, range: TextRange): number | null {
  return pageSlices(text.pages ?? [], range.start, range.end)[0]?.page ?? null;
}
