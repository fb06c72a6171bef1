// The text view behind the reader's view interface: the document's extracted text, block by block,
// with highlights as marks. Selections map to offsets through dom-offsets; find matches and jumps are
// shown with the CSS Custom Highlight API, which changes no DOM.
import { useImperativeHandle, useMemo, useRef } from 'react';
import { describeRange } from '../../../shared/anchoring';
import type { DocumentText } from '../../../shared/model';
import { describeMark } from '../../../shared/pdf/mark-contents';
import { meaningColors } from '../../../shared/codebooks/colors';
import { useCodebook } from '../codebook/codebook-context';
import { offsetsToRange, rangeToOffsets } from './dom-offsets';
import { flashRange, scrollRangeIntoView, showFindRanges } from './flash';
import { startKeyboardSelection } from './keyboard-selection';
import { TextView, type DrawnHighlight } from './TextView';
import type { DocumentViewProps, RevealTarget } from './view-types';

export function TextDocumentView({ text, anchoring, activeId, ref, onSelection, onAnnotationClick, pageLabel }: DocumentViewProps & { text: DocumentText }) {
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const { codebook } = useCodebook();
  // Screen readers announce each highlight with its coding, as the PDF export's pop-up notes say it.
  const highlights = useMemo<DrawnHighlight[]>(() => {
    const tint = meaningColors(codebook);
    return anchoring.anchored.map(({ annotation, start, end }) => ({
      id: annotation.id,
      start,
      end,
      color: annotation.body.color,
      tint: tint(annotation),
      description: describeMark('Highlight', annotation.body, codebook),
    }));
  }, [anchoring, codebook]);

  useImperativeHandle(
    ref,
    () => ({
      scrollContainer: () => scroller.current,
      reveal(target: RevealTarget) {
        const placed = 'annotationId' in target ? anchoring.anchored.find((a) => a.annotation.id === target.annotationId) : target;
        if (!placed || !content.current || !scroller.current) return;
        const range = offsetsToRange(content.current, placed.start, placed.end);
        if (!range) return;
        scrollRangeIntoView(scroller.current, range);
        flashRange(range);
      },
      showMatches(matches, current) {
        const root = content.current;
        if (!root) return;
        const ranges = matches.map((m) => offsetsToRange(root, m.start, m.end));
        showFindRanges(
          ranges.filter((r): r is Range => r !== null),
          ranges[current] ?? null,
        );
        const shown = ranges[current];
        if (shown && scroller.current) scrollRangeIntoView(scroller.current, shown);
      },
    }),
    [anchoring],
  );

  function onSelectionEnd() {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed || !content.current) return;
    const range = selection.getRangeAt(0);
    const offsets = rangeToOffsets(range, content.current);
    if (!offsets) return;
    const { start, end } = trimOffsets(text.text, offsets.start, offsets.end);
    if (end <= start) return;
    onSelection({ selectors: describeRange(text.text, start, end), label: text.text.slice(start, end), rect: range.getBoundingClientRect() });
  }

  return (
    // Focusable, so the text scrolls with the keyboard too, and Shift+arrows select in it.
    <div
      ref={scroller}
      className="reader-scroll"
      tabIndex={0}
      role="region"
      aria-label="Document text"
      onMouseUp={onSelectionEnd}
      onKeyDown={(event) => content.current && scroller.current && startKeyboardSelection(event, content.current, scroller.current)}
      onKeyUp={(event) => event.key === 'Shift' && onSelectionEnd()}
    >
      <article ref={content} className="reader-text">
        <TextView text={text} highlights={highlights} activeId={activeId} onHighlightClick={onAnnotationClick} pageLabel={pageLabel} />
      </article>
    </div>
  );
}

/** Selections often take a space or line break at either end; the passage is what lies between. */
function trimOffsets(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}
