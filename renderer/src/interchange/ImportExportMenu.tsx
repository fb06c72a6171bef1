// The top bar's menu for moving work in and out: exports, and imports of reference files (BibTeX, RIS,
// CSL-JSON), annotation files (W3C Web Annotation, Hypothesis) and REFI-QDA projects (.qdpx).
import { Suspense, useRef, useState, type Ref } from 'react';
import type { DocumentListing } from '../../../shared/model';
import { call, errorMessage } from '../api/client';
import { MAX_IMPORT_TEXT_BYTES } from '../../../shared/call-limits';
import { readChosenFile } from '../api/files';
import { useNotices } from '../ui/notices';
import type { AnnotationImportAssignment, AnnotationImportReport, ReferenceImportReport } from '../../../shared/interchange/types';
import { lazyNamed } from '../ui/lazy';
import { describeAnnotationImport, describeProjectImport, describeReferenceImport } from './reports';
import { useTask } from './useTask';

// The dialogs are loaded when first shown: the first screen does not need them.
const AnnotationImportReportDialog = lazyNamed(() => import('./AnnotationImportReportDialog'), 'AnnotationImportReportDialog');
const ExportDialog = lazyNamed(() => import('./ExportDialog'), 'ExportDialog');
const ReferenceImportReportDialog = lazyNamed(() => import('./ReferenceImportReportDialog'), 'ReferenceImportReportDialog');

type FileBytes = Awaited<ReturnType<typeof readChosenFile>>;

interface Props {
  documents: readonly DocumentListing[];
  openId: string | null;
}

export function ImportExportMenu({ documents, openId }: Props) {
  const { notify } = useNotices();
  const [exporting, setExporting] = useState(false);
  const [readingReferences, setReadingReferences] = useState<string | null>(null);
  const [referenceReport, setReferenceReport] = useState<{ fileName: string; report: ReferenceImportReport } | null>(null);
  const [annotationReport, setAnnotationReport] = useState<{ fileName: string; bytes: FileBytes; report: AnnotationImportReport } | null>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  const references = useRef<HTMLInputElement>(null);
  const annotations = useRef<HTMLInputElement>(null);
  const project = useRef<HTMLInputElement>(null);
  const task = useTask();
  const close = () => menu.current?.removeAttribute('open');

  async function importReferences(file: File) {
    setReadingReferences(file.name);
    try {
      const report = await call('references.import', { name: file.name, bytes: await readChosenFile(file, MAX_IMPORT_TEXT_BYTES) });
      notify('info', describeReferenceImport(file.name, report));
      // The details (refused entries and why, possible duplicates) when there is more to say than counts.
      if (report.refused.length || report.possibleDuplicates.length) setReferenceReport({ fileName: file.name, report });
    } catch (error) {
      notify('error', `${file.name} was not imported: ${errorMessage(error)}`);
    } finally {
      setReadingReferences(null);
    }
  }

  async function importAnnotations(file: File) {
    try {
      await runAnnotationImport(file.name, await readChosenFile(file, MAX_IMPORT_TEXT_BYTES));
    } catch (error) {
      notify('error', `${file.name} was not imported: ${errorMessage(error)}`);
    }
  }

  /** Imports an annotation file (again, with `assign`: the documents the user chose for unmatched targets). */
  async function runAnnotationImport(name: string, bytes: FileBytes, assign?: AnnotationImportAssignment[]) {
    const report = await task.run((taskId) => call('annotations.import', { taskId, name, bytes, ...(assign ? { assign } : {}) }));
    notify(report.imported || report.alreadyPresent || report.unmatched.length ? 'info' : 'error', describeAnnotationImport(name, report));
    // The details when there is more to say than counts: what was left out and why, what found no document.
    const details = report.skipped.length > 0 || report.unmatched.length > 0 || report.notice !== null;
    setAnnotationReport(details ? { fileName: name, bytes, report } : null);
  }

  async function importProject(file: File) {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const report = await task.run((taskId) => call('project.importQdpx', { taskId, name: file.name, bytes }));
      notify('info', describeProjectImport(file.name, report));
    } catch (error) {
      notify('error', `${file.name} was not imported: ${errorMessage(error)}`);
    }
  }

  return (
    <>
      <details ref={menu} className="app-menu">
        <summary>Import / Export</summary>
        <div className="app-menu-items" role="menu">
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              close();
              setExporting(true);
            }}
          >
            Export…
          </button>
          <button type="button" role="menuitem" onClick={() => (close(), references.current?.click())}>
            Import references (BibTeX, RIS, CSL-JSON)…
          </button>
          <button type="button" role="menuitem" onClick={() => (close(), annotations.current?.click())}>
            Import annotations (W3C, Hypothesis)…
          </button>
          <button type="button" role="menuitem" onClick={() => (close(), project.current?.click())}>
            Import a project from NVivo, ATLAS.ti, MAXQDA… (.qdpx)…
          </button>
        </div>
      </details>
      {readingReferences && (
        <span className="hint import-progress-hint" role="status">
          Reading the references in {readingReferences}…
        </span>
      )}
      {task.progress && (
        <span className="hint import-progress-hint">
          {task.progress.label}…
        </span>
      )}
      <FilePicker ref={references} accept=".bib,.bibtex,.ris,.json,.csljson" testId="import-references-input" onFile={importReferences} />
      <FilePicker ref={annotations} accept=".json,.jsonld" testId="import-annotations-input" onFile={importAnnotations} />
      <Suspense fallback={null}>
      {annotationReport && (
        <AnnotationImportReportDialog
          key={JSON.stringify(annotationReport.report)}
          fileName={annotationReport.fileName}
          report={annotationReport.report}
          documents={documents}
          onAssign={(assign) => runAnnotationImport(annotationReport.fileName, annotationReport.bytes, assign)}
          onClose={() => setAnnotationReport(null)}
        />
      )}
      <FilePicker ref={project} accept=".qdpx" testId="import-project-input" onFile={importProject} />
      {referenceReport && <ReferenceImportReportDialog {...referenceReport} onClose={() => setReferenceReport(null)} />}
      {exporting && <ExportDialog documents={documents} initialDocumentIds={openId ? [openId] : []} onClose={() => setExporting(false)} />}
      </Suspense>
    </>
  );
}

function FilePicker({ ref, accept, testId, onFile }: { ref: Ref<HTMLInputElement>; accept: string; testId: string; onFile(file: File): Promise<void> }) {
  return (
    <input
      ref={ref}
      type="file"
      hidden
      accept={accept}
      data-testid={testId}
      onChange={(e) => {
        const file = e.target.files?.[0];
        e.target.value = '';
        if (file) void onFile(file);
      }}
    />
  );
}
