// A document open for reading: its header, its view (the text view, or for PDFs the page view too),
// the selection popover, find in document and the annotation sidebar. Views sit behind one small
// interface (view-types.ts); annotations live in an AnnotationStore that saves every change at once.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import type { OpenedDocument } from '../../../shared/api';
import type { Annotation, AnnotationBody, DocumentText, Selector } from '../../../shared/model';
import { DOCUMENT_KIND_LABELS } from '../../../shared/model';
import { anchorAnnotations, anchorRegionsOnly } from '../../../shared/anchoring';
import { suggestActors } from '../../../shared/codebooks';
import { printedPageLabel } from '../../../shared/pdf/page-labels';
import { call, type ChangeRecorder } from '../api/client';
import { AnnotationStore } from '../annotations/annotation-store';
import { useCoderSettings } from '../coders/coder-settings';
import { ReaderCoderBar, visibleAnnotations, type CoderFilter } from '../coders/ReaderCoderBar';
import { AnnotationSidebar, type RegionThumbnail } from '../annotations/AnnotationSidebar';
import { DEFAULT_BODY, SelectionPopover } from '../annotations/SelectionPopover';
import { MeaningLegend } from '../codebook/MeaningLegend';
import { useCodingKeys } from '../codebook/useCodingKeys';
import '../codebook/codebook.css';
import { useCommands } from '../commands/commands';
import { useCodebook } from '../codebook/codebook-context';
import { byline, dateIsFromFile } from '../library/format';
import { MetadataDialog } from '../library/MetadataDialog';
import { PdfFileMenu } from '../pdf/PdfFileMenu';
import { PdfView } from '../pdf/PdfView';
import { useNotices } from '../ui/notices';
import type { AskPassword } from '../ui/PasswordPrompt';
import { FindBar } from './FindBar';
import { placeAnnotations } from './placement';
import { ReplaceFileButton } from './ReplaceFileButton';
import { TextDocumentView } from './TextDocumentView';
import { AttachedMemos } from '../memos/AttachedMemos';
import { useUndoKeys } from './useUndoKeys';
import type { DocumentViewHandle, SelectionDescription } from './view-types';
import { pdfViewModeOf, rememberPdfViewMode, type FocusRequest, type ViewMode } from './view-mode';
import './reader.css';

interface PendingSelection extends SelectionDescription {
  /** The view's scrolling element, and how far it was scrolled when the selection was made. */
  host: HTMLElement;
  scrolledTo: { top: number; left: number };
  /** Set once the first change created the annotation. */
  annotationId: string | null;
}

interface Props {
  opened: OpenedDocument;
  /**
   * The document's text, or null while it is on its way (a PDF's page view is shown first): regions
   * are drawn meanwhile, highlights once their text is there to find them in.
   */
  text: DocumentText | null;
  /** The library's changes since `opened` was read: annotations imported or edited elsewhere appear at once. */
  changes: ChangeRecorder;
  focus: FocusRequest | null;
  askPassword: AskPassword;
}

export function ReaderView({ opened, text, changes, focus, askPassword }: Props) {
  const { notify } = useNotices();
  const { codebook } = useCodebook();
  const [document, setDocument] = useState(opened.document);
  const isPdf = document.format === 'pdf';
  const [mode, setModeState] = useState<ViewMode>(() => (isPdf ? pdfViewModeOf(document.id) : 'text'));
  const setMode = (next: ViewMode) => {
    rememberPdfViewMode(document.id, next);
    setModeState(next);
  };
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
  useEffect(
    () =>
      changes.deliverTo((change) => {
        store.applyLibraryChange(change);
        if (change.kind === 'document.metadataChanged' && change.document.id === store.documentId) setDocument(change.document);
      }),
    [changes, store],
  );
  useEffect(() => {
    // Closing or reloading while a change is queued would lose it: the browser (or Electron's
    // will-prevent-unload dialog) asks first.
    const warn = (event: BeforeUnloadEvent) => {
      if (!store.hasUnsavedChanges()) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [store]);
  const allAnnotations = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const { coderName, blindCoding } = useCoderSettings();
  const [coderFilter, setCoderFilter] = useState<CoderFilter>(undefined);
  const [openedAt] = useState(() => Date.now());
  const annotations = useMemo(() => visibleAnnotations(allAnnotations, coderName, blindCoding, coderFilter), [allAnnotations, coderName, blindCoding, coderFilter]);
  const { report: anchoring, waiting } = useMemo(
    () => (text ? { report: anchorAnnotations(text.text, annotations), waiting: 0 } : anchorRegionsOnly(annotations)),
    [text, annotations],
  );
  const placement = useMemo(() => placeAnnotations(anchoring, text ?? { pages: isPdf ? [] : null }, document.pageCount), [anchoring, text, isPdf, document.pageCount]);

  const [activeId, setActiveId] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingSelection | null>(null);
  const [reattaching, setReattaching] = useState<Annotation | null>(null);
  const [editingDetails, setEditingDetails] = useState(false);
  const [finding, setFinding] = useState<number | null>(null);
  const [thumbnail, setThumbnail] = useState<RegionThumbnail | null>(null);
  const view = useRef<DocumentViewHandle>(null);

  const announce = useCallback((message: string) => notify('info', message), [notify]);
  useUndoKeys(store, announce);

  // Ctrl/Cmd+F opens find in document (or puts the focus back in it).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        setFinding(Date.now());
      }
    };
    globalThis.document.addEventListener('keydown', onKey);
    return () => globalThis.document.removeEventListener('keydown', onKey);
  }, []);

  const deleteAnnotation = useCallback(
    (annotation: Annotation) => {
      store.remove(annotation.id);
      setActiveId(null);
      notify('info', 'Annotation deleted.', { label: 'Undo', run: () => store.restore(annotation) });
    },
    [store, notify],
  );

  const onSelection = useCallback(
    (selection: SelectionDescription) => {
      if (reattaching) {
        store.retarget(reattaching.id, selection.selectors, { record: true });
        notify('info', 'Re-attached to the new selection.', { label: 'Undo', run: () => store.undo() });
        window.getSelection()?.removeAllRanges();
        setActiveId(reattaching.id);
        setReattaching(null);
        return;
      }
      const container = view.current?.scrollContainer();
      if (!container) return;
      setActiveId(null);
      setPending({ ...selection, host: container, scrolledTo: { top: container.scrollTop, left: container.scrollLeft }, annotationId: null });
    },
    [reattaching, store, notify],
  );

  function changePending(patch: Partial<AnnotationBody>) {
    if (!pending) return;
    if (pending.annotationId) return store.update(pending.annotationId, patch);
    const created = store.create(pending.selectors, { color: 'yellow', note: '', tags: [], principles: [], actors: [], ...patch });
    window.getSelection()?.removeAllRanges();
    setPending({ ...pending, annotationId: created.id });
  }

  // Keys 1–9 and Shift+1–9 link principles and actors to the selection, or to the chosen highlight.
  useCodingKeys(
    pending || activeId
      ? (change) => {
          if (pending) return (changePending(change(store.get(pending.annotationId ?? '')?.body ?? DEFAULT_BODY)), true);
          const chosen = store.get(activeId ?? '');
          if (chosen) store.update(chosen.id, change(chosen.body));
          return Boolean(chosen);
        }
      : null,
  );
  useCommands('reader', [
    { id: 'find', group: 'Reader', label: 'Find in this document', keys: { key: 'f', mod: true } },
    { id: 'undo-annotation', group: 'Reader', label: 'Undo the last change to a highlight', keys: { key: 'z', mod: true } },
    { id: 'redo-annotation', group: 'Reader', label: 'Redo it', keys: { key: 'z', mod: true, shift: true } },
  ]);

  const onRetarget = useCallback((id: string, selectors: Selector[]) => store.retarget(id, selectors, { record: false }), [store]);
  const onThumbnailSource = useCallback((source: RegionThumbnail | null) => setThumbnail(() => source), []);
  const onAnnotationClick = useCallback((id: string) => {
    setPending(null);
    setActiveId(id);
  }, []);

  // Jump to a search result or an annotation chosen elsewhere, once the view is there to do it (the
  // page view first opens its file) and the text to find it in.
  const textThere = text !== null;
  useEffect(() => {
    if (!focus || focus.documentId !== opened.document.id || !textThere) return;
    let tries = 0;
    const timer = setInterval(() => {
      const handle = view.current;
      if (!handle && ++tries < 100) return;
      clearInterval(timer);
      if (focus.annotationId) setActiveId(focus.annotationId);
      handle?.reveal(focus.annotationId ? { annotationId: focus.annotationId } : { start: focus.start, end: focus.end });
    }, 100);
    return () => clearInterval(timer);
    // Only a new request should scroll, not every change of the annotations.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus?.nonce, opened.document.id, mode, textThere]);

  const selectFromSidebar = (id: string | null) => {
    setActiveId(id);
    if (!id) return;
    const annotation = store.get(id);
    const isRegion = annotation && !annotation.target.selector.some((s) => s.type === 'TextQuoteSelector');
    if (isRegion && mode === 'text' && isPdf) {
      setMode('pages'); // a region can only be shown on its page
      setTimeout(() => view.current?.reveal({ annotationId: id }), 300);
    } else view.current?.reveal({ annotationId: id });
  };

  const pendingAnnotation = pending?.annotationId ? store.get(pending.annotationId) : undefined;
  const pageLabel = useCallback((index: number) => printedPageLabel(document, index), [document]);
  const viewProps = { opened, text, anchoring, activeId, ref: view, onSelection, onAnnotationClick, onRetarget, onThumbnailSource, pageLabel };

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
              {document.pageCount ? ` · ${document.pageCount} page${document.pageCount === 1 ? '' : 's'}` : ''}
            </p>
            <MeaningLegend annotations={annotations} />
            <AttachedMemos target={{ kind: 'document', documentId: document.id }} name={document.metadata.title} />
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
          <div className="reader-actions">
            {isPdf && (
              <div className="view-switch" role="group" aria-label="View">
                <button type="button" aria-pressed={mode === 'pages'} onClick={() => setMode('pages')}>
                  Page view
                </button>
                <button type="button" aria-pressed={mode === 'text'} onClick={() => setMode('text')}>
                  Text view
                </button>
              </div>
            )}
            {isPdf && <PdfFileMenu document={document} askPassword={askPassword} />}
            <ReplaceFileButton document={document} askPassword={askPassword} />
            <button type="button" onClick={() => setEditingDetails(true)}>
              Edit details
            </button>
          </div>
        </header>
        {finding !== null && text && <FindBar text={text.text} focusNonce={finding} onMatches={(m, c) => view.current?.showMatches(m, c)} onClose={() => setFinding(null)} />}
        {reattaching && (
          <p className="reattach-banner" role="note">
            Select the passage{isPdf && mode === 'pages' ? ' (or mark the region)' : ''} to attach “
            {(reattaching.target.selector.find((s) => s.type === 'TextQuoteSelector')?.exact ?? 'the region').slice(0, 80)}” to.{' '}
            <button type="button" onClick={() => setReattaching(null)}>
              Cancel
            </button>
          </p>
        )}
        {mode === 'pages' ? (
          <PdfView key="pages" {...viewProps} onTextView={() => setMode('text')} />
        ) : text ? (
          <TextDocumentView key="text" {...viewProps} text={text} />
        ) : (
          <p className="loading">Reading the text…</p>
        )}
        {pending &&
          pending.host.isConnected &&
          createPortal(
            <SelectionPopover
              key={`${pending.rect.top}-${pending.rect.left}-${pending.label}`}
              quote={pending.label}
              selection={pending.rect}
              scroller={pending.host}
              scrolledTo={pending.scrolledTo}
              body={pendingAnnotation?.body ?? null}
              region={!pending.selectors.some((s) => s.type === 'TextQuoteSelector')}
              suggestedActors={pending.selectors.some((s) => s.type === 'TextQuoteSelector') ? suggestActors(pending.label, codebook) : []}
              onChange={changePending}
              onDelete={() => {
                if (pendingAnnotation) deleteAnnotation(pendingAnnotation);
                setPending(null);
              }}
              onClose={() => setPending(null)}
            />,
            // Above everything, in window coordinates: no toolbar or scrolling box can hide part of it.
            globalThis.document.body,
          )}
      </section>
      <AnnotationSidebar
        header={<ReaderCoderBar all={allAnnotations} filter={coderFilter} onFilter={setCoderFilter} openedAt={openedAt} />}
        placed={placement.placed}
        orphaned={placement.orphaned}
        waiting={waiting}
        activeId={activeId}
        onSelect={selectFromSidebar}
        onChange={(id, patch) => store.update(id, patch)}
        onDelete={deleteAnnotation}
        pageLabelOf={
          isPdf
            ? (annotation) => {
                const page = placement.pageOf(annotation);
                return page === null ? null : pageLabel(page);
              }
            : undefined
        }
        regionThumbnail={mode === 'pages' ? thumbnail : null}
        citeVersion={document.modifiedAt}
        onReattach={(annotation) => {
          setPending(null);
          setReattaching(annotation);
        }}
      />
      {editingDetails && (
        <MetadataDialog
          metadata={document.metadata}
          documentId={document.id}
          dateFromFile={dateIsFromFile(document)}
          numbering={isPdf ? document : undefined}
          onClose={() => setEditingDetails(false)}
          onSave={async (metadata, confirmed, pageOffset) => {
            setDocument(await call('documents.updateMetadata', { id: document.id, metadata, confirmed, ...(isPdf ? { pageOffset } : {}) }));
          }}
        />
      )}
    </div>
  );
}
