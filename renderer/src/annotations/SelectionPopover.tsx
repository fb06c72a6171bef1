// Appears beside a fresh selection. The first change (a colour, a principle, an actor...) creates the
// highlight and saves it; later changes edit it, each saved at once. Nothing to press "save" on.
import { useEffect, useRef, useState } from 'react';
import type { Actor, AnnotationBody } from '../../../shared/model';
import { AnnotationEditor } from './AnnotationEditor';
import { usePopoverPlacement } from './usePopoverPlacement';

export const DEFAULT_BODY: AnnotationBody = { color: 'yellow', note: '', tags: [], principles: [], actors: [] };

interface Props {
  quote: string;
  /** Where the selection was on screen, and the view it is in, scrolled as it was then. */
  selection: DOMRect;
  scroller: HTMLElement;
  scrolledTo: { top: number; left: number };
  body: AnnotationBody | null;
  suggestedActors: Actor[];
  /** A region of a PDF page rather than a passage of text. */
  region?: boolean;
  onChange(patch: Partial<AnnotationBody>): void;
  onDelete(): void;
  onClose(): void;
}

export function SelectionPopover({ quote, selection, scroller, scrolledTo, body, suggestedActors, region, onChange, onDelete, onClose }: Props) {
  const what = region ? 'region' : 'highlight';
  const element = useRef<HTMLDivElement>(null);
  const placement = usePopoverPlacement(element, selection, scroller, scrolledTo);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  // Where the focus was before the editor took it (the text, for a keyboard user): it goes back there
  // when the editor closes, unless the user has put it somewhere else.
  const [returnTo] = useState(() => document.activeElement);
  useEffect(
    () => () => {
      const lost = document.activeElement === null || document.activeElement === document.body;
      if (lost && returnTo instanceof HTMLElement && returnTo.isConnected) returnTo.focus({ preventScroll: true });
    },
    [returnTo],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && close.current();
    const onPointer = (event: PointerEvent) => {
      if (element.current && !element.current.contains(event.target as Node)) close.current();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer, true);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer, true);
    };
  }, []);

  return (
    <div
      ref={element}
      className="selection-popover"
      role="dialog"
      aria-label={body ? `Edit ${what}` : `New ${what}`}
      // Drawn once its height is known, where all of it fits.
      style={placement ? { top: placement.top, left: placement.left, maxHeight: placement.maxHeight } : { visibility: 'hidden' }}
    >
      <p className="popover-quote">{region ? quote : `“${quote.length > 160 ? `${quote.slice(0, 160)}…` : quote}”`}</p>
      {!body && <p className="hint">Pick a colour to {region ? 'mark it' : 'highlight'}, or link principles and actors.</p>}
      <AnnotationEditor body={body ?? DEFAULT_BODY} suggestedActors={suggestedActors} onChange={onChange} autoFocusColor />
      <div className="card-actions">
        {body && (
          <button type="button" className="danger" onClick={onDelete}>
            Delete
          </button>
        )}
        <button type="button" onClick={onClose}>
          {body ? 'Done' : 'Cancel'}
        </button>
      </div>
    </div>
  );
}
