// "Copy with citation" on an annotation card: the button and the style it uses, Ctrl/Cmd+C on the card,
// and dragging the card into a word processor. The citation is asked of main (its CSL styles) while the
// card is open, so a copy or a drag has it at once.
import { useEffect, useState, type DragEvent, type KeyboardEvent } from 'react';
import { CITATION_STYLES, CITATION_STYLE_LABELS, type CitationStyle } from '../../../shared/interchange/types';
import type { Annotation } from '../../../shared/model';
import { call } from '../api/client';
import { useNotices } from '../ui/notices';
import { putCitationOnDrag, useCitationStyle, writeCitationToClipboard, type Cited } from './copy-with-citation';

export interface CopyWithCitation {
  cited: Cited | null;
  style: CitationStyle;
  setStyle(style: CitationStyle): void;
  copy(): Promise<void>;
  onKeyDown(event: KeyboardEvent): void;
  onDragStart(event: DragEvent): void;
}

export function useCopyWithCitation(annotation: Annotation, open: boolean, citeVersion: string): CopyWithCitation {
  const { notify } = useNotices();
  const [style, setStyle] = useCitationStyle();
  const [cited, setCited] = useState<(Cited & { key: string }) | null>(null);
  const key = `${annotation.id} ${annotation.modified} ${style} ${citeVersion}`;
  const cite = () => call('annotations.cite', { documentId: annotation.documentId, annotationId: annotation.id, style });

  useEffect(() => {
    if (!open) return;
    let live = true;
    cite().then(
      (value) => live && setCited({ ...value, key }),
      () => undefined, // said in words when the user copies
    );
    return () => {
      live = false;
    };
    // The key names everything the citation depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, key]);

  const current = cited?.key === key ? cited : null;
  const copy = async () => {
    try {
      const value = current ?? (await cite());
      await writeCitationToClipboard(value);
      notify('info', `Copied with citation: ${value.text.length > 90 ? `…${value.text.slice(-80)}` : value.text}`);
    } catch (error) {
      notify('error', `The quote could not be copied: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return {
    cited: current,
    style,
    setStyle: (next) =>
      void setStyle(next).catch((error: unknown) => notify('error', `The citation style could not be saved: ${error instanceof Error ? error.message : String(error)}`)),
    copy,
    onKeyDown(event) {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'c' || event.altKey || event.shiftKey) return;
      // Typing in the note or tags, or text selected on purpose: the ordinary copy.
      if ((event.target as HTMLElement).closest('input, textarea, select, [contenteditable]')) return;
      if (!(globalThis.getSelection()?.isCollapsed ?? true)) return;
      event.preventDefault();
      void copy();
    },
    onDragStart(event) {
      if (current) putCitationOnDrag(event.dataTransfer, current);
    },
  };
}

export function CitationActions({ citing }: { citing: CopyWithCitation }) {
  return (
    <div className="card-citation">
      <button type="button" onClick={() => void citing.copy()}>
        Copy with citation
      </button>
      <select value={citing.style} onChange={(event) => citing.setStyle(event.target.value as CitationStyle)} aria-label="Citation style">
        {CITATION_STYLES.map((style) => (
          <option key={style} value={style}>
            {CITATION_STYLE_LABELS[style]}
          </option>
        ))}
      </select>
    </div>
  );
}
