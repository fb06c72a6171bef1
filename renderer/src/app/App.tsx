// The workbench: the library on the left, the open document in the middle, its annotations on the
// right, search on top. Files dropped anywhere on the window are imported.
import { Suspense, useCallback, useEffect, useState, type DragEvent } from 'react';
import { applyToDocuments, type LibraryChange } from '../../../shared/library-changes';
import type { Codebook, DocumentListing } from '../../../shared/model';
import type { SearchHit } from '../../../shared/search/types';
import type { CodedPassage } from '../../../shared/analysis';
import { ViewSwitch, type AppView } from '../analysis/ViewSwitch';
import { call, onLibraryChange } from '../api/client';
import { ImportExportMenu } from '../interchange/ImportExportMenu';
import { WaitingReferences } from '../interchange/WaitingReferences';
import '../interchange/export.css';
import { CodebookProvider } from '../codebook/codebook-context';
import { LibraryHealthButton } from '../health/LibraryHealth';
import { LibraryPanel } from '../library/LibraryPanel';
import { MemosProvider } from '../memos/memos-context';
import { LinksProvider } from '../links/links-context';
import type { LinkEnd } from '../../../shared/links/model';
import { useOrganisation } from '../organise/useOrganisation';
import { useImporter, type ImportFailure, type ImportReport } from '../library/useImporter';
import type { PdfMarksFound } from '../pdf/PdfMarksOffer';
import { preloadPdf, textMayLoad, usePdfWarmUp } from '../pdf/preload';
import { pdfViewModeOf, type FocusRequest } from '../reader/view-mode';
import { SavedSearches } from '../search/SavedSearches';
import { SearchBox } from '../search/SearchBox';
import { SearchProvider } from '../search/search-context';
import { ThemeSelect } from '../settings/ThemeSelect';
import { SyncButton } from '../sync/SyncButton';
import { CoderMenu } from '../coders/CoderMenu';
import { CoderSettingsProvider } from '../coders/coder-settings';
import { NoticeProvider, useNotices } from '../ui/notices';
import { usePasswordPrompt, type AskPassword } from '../ui/PasswordPrompt';
import { useFollowed } from '../ui/useFollowed';
import { CommandPalette } from '../commands/CommandPalette';
import { CommandProvider } from '../commands/commands';
import {
  AgreementView,
  AnalysisWorkspace,
  CodebookWorkspace,
  DocumentsView,
  findPdfMarks,
  LinksView,
  loadReader,
  MemosWorkspace,
  PdfMarksOffer,
  preloadViews,
  ReaderView,
  ViewLoading,
} from './lazy-views';
import { takeEarlyRead } from './early-reads';
import { useAppCommands } from './useAppCommands';
import { useOpenDocumentId } from './useOpenDocumentId';
import { useOpenedDocument } from './useOpenedDocument';

export function App() {
  return (
    <NoticeProvider>
      <CommandProvider>
        <SearchProvider>
          <CoderSettingsProvider>
            <Workbench />
          </CoderSettingsProvider>
        </SearchProvider>
      </CommandProvider>
    </NoticeProvider>
  );
}

function Workbench() {
  const { notify } = useNotices();
  // Read once, then kept up to date by the library's changes (another window, an import, a repair).
  const codebookState = useFollowed(() => call('codebook.get', {}), latestCodebook, 'codebook', () => takeEarlyRead('codebook'));
  const documentsState = useFollowed<readonly DocumentListing[]>(() => call('documents.list', {}), applyToDocuments, 'documents', () => takeEarlyRead('documents'));
  const [openId, setOpenId] = useOpenDocumentId();
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const [failures, setFailures] = useState<ImportFailure[]>([]);
  const [dragging, setDragging] = useState(false);
  const [view, setView] = useState<AppView>('library');
  const organisation = useOrganisation(() => takeEarlyRead('organisation'));
  const [pdfMarks, setPdfMarks] = useState<PdfMarksFound[] | null>(null);
  const showMemos = useCallback(() => setView('memos'), []);

  const onImported = useCallback(
    (report: ImportReport) => {
      setFailures(report.failures);
      const parts = [];
      if (report.imported.length) parts.push(`${report.imported.length} imported`);
      if (report.duplicates.length) {
        parts.push(`${report.duplicates.length} already in the library (${report.duplicates.map((d) => d.metadata.title).join(', ')})`);
      }
      if (report.failures.length) parts.push(`${report.failures.length} not imported`);
      if (report.cancelled) parts.push('the rest cancelled');
      notify(report.failures.length ? 'error' : 'info', `Import: ${parts.join(', ')}.`);
      const first = report.imported[0] ?? report.duplicates[0];
      if (first) setOpenId(first.id);
      // Imported PDFs may hold annotations made in other programs: offer them.
      void findPdfMarks(report.imported).then((found) => found.length > 0 && setPdfMarks(found));
    },
    [notify, setOpenId],
  );
  const [passwordPrompt, askPassword] = usePasswordPrompt();
  const listed = documentsState.status === 'ready';
  usePdfWarmUp(listed && documentsState.value.some((d) => d.format === 'pdf'));
  useEffect(() => (listed ? preloadViews() : undefined), [listed]);
  const importer = useImporter(onImported, askPassword);

  const openHit = useCallback(
    (hit: SearchHit) => {
      setOpenId(hit.documentId);
      setFocus({ documentId: hit.documentId, start: hit.start, end: hit.end, annotationId: hit.annotationId, nonce: Date.now() });
    },
    [setOpenId],
  );

  const openPassage = useCallback(
    (p: CodedPassage) => {
      setView('library');
      setOpenId(p.documentId);
      setFocus({ documentId: p.documentId, start: p.start ?? 0, end: p.end ?? 0, annotationId: p.annotationId, nonce: Date.now() });
    },
    [setOpenId],
  );

  const followLink = useCallback(
    (end: LinkEnd) => {
      setView('library');
      setOpenId(end.documentId);
      setFocus({ documentId: end.documentId, start: 0, end: 0, annotationId: end.annotationId, nonce: Date.now() });
    },
    [setOpenId],
  );

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void importer.importFiles([...event.dataTransfer.files]);
  };

  if (codebookState.status === 'error' || documentsState.status === 'error') {
    const message = codebookState.status === 'error' ? codebookState.message : documentsState.status === 'error' ? documentsState.message : '';
    return (
      <main className="fatal">
        <h1>Apostil could not open the library</h1>
        <p>{message}</p>
      </main>
    );
  }
  if (codebookState.status !== 'ready' || documentsState.status !== 'ready') return <main className="loading">Opening the library…</main>;
  const documents = documentsState.value;

  return (
    <CodebookProvider codebook={codebookState.value}>
      <MemosProvider documents={documents} onShow={showMemos}><LinksProvider documents={documents} onFollow={followLink}>
      <WorkbenchCommands setView={setView} />
      <div
        className="app"
        onDragOver={(event) => {
          if (event.dataTransfer.types.includes('Files')) {
            event.preventDefault();
            setDragging(true);
          }
        }}
        onDragLeave={(event) => event.currentTarget === event.target && setDragging(false)}
        onDrop={onDrop}
      >
        <header className="topbar">
          <div className="brand">Apostil</div>
          <ViewSwitch value={view} onChange={setView} />
          <SearchBox onOpen={(hit) => (setView('library'), openHit(hit))} />
          <ImportExportMenu documents={documents} openId={openId} />
          <LibraryHealthButton />
          <SyncButton />
          <CoderMenu />
          <ThemeSelect />
        </header>
        {view !== 'library' ? (
          <ViewLoading>
            {view === 'analysis' ? (
              <AnalysisWorkspace documents={documents} onOpenPassage={openPassage} />
            ) : view === 'documents' ? (
              organisation.status === 'ready' ? (
                <DocumentsView documents={documents} organisation={organisation.value} onOpen={(id) => (setView('library'), setOpenId(id))} />
              ) : (
                <p className="loading view-loading">{organisation.status === 'error' ? `The collections could not be read: ${organisation.message}` : 'Reading the collections…'}</p>
              )
            ) : view === 'links' ? (
              <LinksView />
            ) : view === 'codebook' ? (
              <CodebookWorkspace documents={documents} onOpenPassage={openPassage} />
            ) : view === 'memos' ? (
              <MemosWorkspace documents={documents} />
            ) : view === 'agreement' ? (
              <AgreementView
                collections={organisation.status === 'ready' ? organisation.value.collections : []}
                onOpen={(d) => {
                  setView('library');
                  setOpenId(d.documentId);
                  setFocus({ documentId: d.documentId, start: d.start, end: d.end, annotationId: null, nonce: Date.now() });
                }}
              />
            ) : null}
          </ViewLoading>
        ) : (
          <>
            <LibraryPanel
              documents={documents}
              openId={openId}
              onOpen={setOpenId}
              onImport={(files) => void importer.importFiles(files)}
              progress={importer.progress}
              onCancelImport={importer.cancel}
              failures={failures}
              onDismissFailures={() => setFailures([])}
            >
              <WaitingReferences documents={documents} onOpen={setOpenId} />
              <SavedSearches />
            </LibraryPanel>
            <main className="workspace">
              {openId && documents.some((d) => d.id === openId) ? (
                <OpenDocument
                  key={openId}
                  id={openId}
                  isPdf={documents.some((d) => d.id === openId && d.format === 'pdf')}
                  focus={focus}
                  askPassword={askPassword}
                />
              ) : (
                <EmptyWorkspace count={documents.length} />
              )}
            </main>
          </>
        )}
        {pdfMarks && (
          <PdfMarksOffer
            found={pdfMarks}
            onDone={() => setPdfMarks(null)}
          />
        )}
        {passwordPrompt}
        <CommandPalette />
        {dragging && (
          <div className="drop-overlay" aria-hidden="true">
            Drop files to import them
          </div>
        )}
      </div>
      </LinksProvider></MemosProvider>
    </CodebookProvider>
  );
}

/** The workbench's commands need the codebook, so they are registered inside its provider. */
function WorkbenchCommands({ setView }: { setView(view: AppView): void }) {
  useAppCommands(setView);
  return null;
}

function OpenDocument(props: { id: string; isPdf: boolean; focus: FocusRequest | null; askPassword: AskPassword }) {
  const { id, isPdf, focus, askPassword } = props;
  // A PDF's page view is shown with its details and annotations, before its text (of a long document,
  // megabytes), which is asked for once page 1 is on screen. Not when the PDF is to be read in the text view.
  const pagesFirst = isPdf && pdfViewModeOf(id) === 'pages';
  useEffect(() => {
    if (isPdf) preloadPdf(id);
    // The reader's code is fetched beside the document, not after it (if it is not loaded already).
    void loadReader().catch(() => undefined);
  }, [id, isPdf]);
  const [state, reopen] = useOpenedDocument(id, pagesFirst ? textMayLoad : null);
  // A new version of the file (Replace file…, here or in another window) reopens the reader on it.
  useEffect(() => onLibraryChange((change) => change.kind === 'document.replaced' && change.document.id === id && reopen()), [id, reopen]);
  if (state.status === 'loading') return <p className="loading">Opening…</p>;
  if (state.status === 'error') return <p className="form-error">This document could not be opened: {state.message}</p>;
  return (
    <Suspense fallback={<p className="loading">Opening…</p>}>
      <ReaderView key={state.value.opened.document.contentHash} {...state.value} focus={focus} askPassword={askPassword} />
    </Suspense>
  );
}

function latestCodebook(codebook: Codebook, change: LibraryChange): Codebook {
  return change.kind === 'codebook.changed' ? change.codebook : codebook;
}

function EmptyWorkspace({ count }: { count: number }) {
  return (
    <div className="empty-workspace">
      <h1>Your library</h1>
      <p>
        {count === 1 ? 'One document' : `${count} documents`}. Choose one on the left to read and annotate it, or import PDF,
        HTML, Markdown and text files with <strong>Import…</strong> or by dropping them on the window.
      </p>
    </div>
  );
}
