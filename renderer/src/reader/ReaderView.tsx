// A document open for reading: its header, its text with highlights, the selection popover and the
// annotation sidebar. Annotations live in an AnnotationStore that saves every change at once.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { OpenedDocument } from '../../../shared/api';
import type { Annotation, AnnotationBody, LibraryDocument } from '../../../shared/model';
import { DOCUMENT_KIND_LABELS } from '../../../shared/model';
import { anchorAnnotations, describeRange } from '../../../shared/anchoring';
import { suggestActors } from '../../../shared/codebooks';
import { call } from '../api/client';
import { AnnotationStore } from '../annotations/annotation-store';
import { AnnotationSidebar } from '../annotations/AnnotationSidebar';
import { SelectionPopover } from '../annotations/SelectionPopover';
import { useCodebook } from '../codebook/codebook-context';
import { byline } from '../library/format';
import { MetadataDialog } from '../library/MetadataDialog';
import { useNotices } from '../ui/notices';
import { offsetsToRange, rangeToOffsets } from './dom-offsets';
import { flashRange, scrollRangeIntoView } from './flash';
import { TextView, type DrawnHighlight } from './TextView';
import { useUndoKeys } from './useUndoKeys';

export interface FocusRequest {
  documentId: string;
  start: number;
  end: number;
  annotationId: string | null;
  /** Changes on every request, so asking for the same place twice still scrolls. */
  nonce: number;
}

interface PendingSelection {
  start: number;
  end: number;
  top: number;
  left: number;
  /** Above the selection when there is more room there than below. */
  above: boolean;
  /** Set once the first change created the highlight. */
  annotationId: string | null;
}

interface Props {
  opened: OpenedDocument;
  focus: FocusRequest | null;
  onDocumentChanged(document: LibraryDocument): void;
}

export function ReaderView({ opened, focus, onDocumentChanged }: Props) {
  const { notify } = useNotices();
  const { codebook } = useCodebook();
  const [document, setDocument] = useState(opened.document);
  const { text } = opened;
  const store = useMemo(
    () =>
      new AnnotationStore(
        opened.document.id,
        opened.annotations,
        {
          save: (annotation) => call('annotations.save', { annotation }),
          remove: async (documentId, id) => void (await call('annotations.delete', { documentId, id })),
        },
        (message) => notify('error', message),
      ),
    [opened, notify],
  );
  const annotations = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const anchoring = useMemo(() => anchorAnnotations(text.text, annotations), [text.text, annotations]);
  const highlights = useMemo<DrawnHighlight[]>(
    () =>
      anchoring.anchored.map(({ annotation, start, end }) => ({ id: annotation.id, start, end, color: annotation.body.color })),
    [anchoring],
  );
  const placed = useMemo(() => [...anchoring.anchored].sort((a, b) => a.start - b.start).map((a) => a.annotation), [anchoring]);

  const [activeId, setActiveId] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingSelection | null>(null);
  const [editingDetails, setEditingDetails] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);

  const announce = useCallback((message: string) => notify('info', message), [notify]);
  useUndoKeys(store, announce);

  const deleteAnnotation = useCallback(
    (annotation: Annotation) => {
      store.remove(annotation.id);
      setActiveId(null);
      notify('info', 'Highlight deleted.', { label: 'Undo', run: () => store.restore(annotation) });
    },
    [store, notify],
  );

  function onSelectionEnd() {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed || !content.current || !scroller.current) return;
    const range = selection.getRangeAt(0);
    const offsets = rangeToOffsets(range, content.current);
    if (!offsets || !text.text.slice(offsets.start, offsets.end).trim()) return;
    const trimmed = trimOffsets(text.text, offsets.start, offsets.end);
    const rect = range.getBoundingClientRect();
    const box = scroller.current.getBoundingClientRect();
    const roomBelow = box.bottom - rect.bottom;
    const above = roomBelow < 420 && rect.top - box.top > roomBelow;
    setActiveId(null);
    setPending({
      ...trimmed,
      top: (above ? rect.top - 8 : rect.bottom + 8) - box.top + scroller.current.scrollTop,
      left: Math.max(8, Math.min(rect.left - box.left, box.width - 380)),
      above,
      annotationId: null,
    });
  }

  function changePending(patch: Partial<AnnotationBody>) {
    if (!pending) return;
    if (pending.annotationId) return store.update(pending.annotationId, patch);
    const created = store.create(describeRange(text.text, pending.start, pending.end), {
      color: 'yellow',
      note: '',
      tags: [],
      principles: [],
      actors: [],
      ...patch,
    });
    window.getSelection()?.removeAllRanges();
    setPending({ ...pending, annotationId: created.id });
  }

  // Jump to a search result or an annotation chosen elsewhere.
  useEffect(() => {
    if (!focus || focus.documentId !== opened.document.id) return;
    const placedAnnotation = focus.annotationId ? anchoring.anchored.find((a) => a.annotation.id === focus.annotationId) : undefined;
    const start = placedAnnotation?.start ?? focus.start;
    const end = placedAnnotation?.end ?? focus.end;
    requestAnimationFrame(() => {
      if (focus.annotationId) setActiveId(focus.annotationId);
      if (!content.current || !scroller.current) return;
      const range = offsetsToRange(content.current, start, end);
      if (!range) return;
      scrollRangeIntoView(scroller.current, range);
      flashRange(range);
    });
    // Only a new request should scroll, not every change of the annotations.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus?.nonce, opened.document.id]);

  const selectFromText = useCallback(
    (id: string) => {
      setPending(null);
      setActiveId(id);
    },
    [],
  );

  const selectFromSidebar = (id: string | null) => {
    setActiveId(id);
    const anchored = id ? anchoring.anchored.find((a) => a.annotation.id === id) : undefined;
    if (!anchored || !content.current || !scroller.current) return;
    const range = offsetsToRange(content.current, anchored.start, anchored.end);
    if (range) {
      scrollRangeIntoView(scroller.current, range);
      flashRange(range);
    }
  };

  const pendingAnnotation = pending?.annotationId ? store.get(pending.annotationId) : undefined;
  const quote = pending ? text.text.slice(pending.start, pending.end) : '';

  return (
    <div className="reader-layout">
      <section className="reader" aria-label="Document">
        <header className="reader-head">
          <div>
            <h1>{document.metadata.title}</h1>
            <p className="document-byline">
              {byline(document)}
              {byline(document) ? ' · ' : ''}
              {DOCUMENT_KIND_LABELS[document.metadata.kind]} · {document.originalName}
              {document.pageCount ? ` · ${document.pageCount} pages` : ''}
            </p>
            {document.warnings.length > 0 && (
              <details className="warnings">
                <summary>{document.warnings.length === 1 ? '1 import warning' : `${document.warnings.length} import warnings`}</summary>
                <ul>
                  {document.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </details>
            )}
          </div>
          <button type="button" onClick={() => setEditingDetails(true)}>
            Edit details
          </button>
        </header>
        <div
          ref={scroller}
          className="reader-scroll"
          onMouseUp={onSelectionEnd}
          onKeyUp={(event) => event.shiftKey && onSelectionEnd()}
        >
          <article ref={content} className="reader-text">
            <TextView text={text} highlights={highlights} activeId={activeId} onHighlightClick={selectFromText} />
          </article>
          {pending && (
            <SelectionPopover
              key={`${pending.start}-${pending.end}`}
              quote={quote}
              top={pending.top}
              left={pending.left}
              above={pending.above}
              body={pendingAnnotation?.body ?? null}
              suggestedActors={suggestActors(quote, codebook)}
              onChange={changePending}
              onDelete={() => {
                if (pendingAnnotation) deleteAnnotation(pendingAnnotation);
                setPending(null);
              }}
              onClose={() => setPending(null)}
            />
          )}
        </div>
      </section>
      <AnnotationSidebar
        placed={placed}
        orphaned={anchoring.orphaned}
        activeId={activeId}
        onSelect={selectFromSidebar}
        onChange={(id, patch) => store.update(id, patch)}
        onDelete={deleteAnnotation}
      />
      {editingDetails && (
        <MetadataDialog
          metadata={document.metadata}
          onClose={() => setEditingDetails(false)}
          onSave={async (metadata) => {
            const updated = await call('documents.updateMetadata', { id: document.id, metadata });
            setDocument(updated);
            onDocumentChanged(updated);
          }}
        />
      )}
    </div>
  );
}

/** Selections often take a space or line break at either end; the passage is what lies between. */
function trimOffsets(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}
