// The "PDF with its annotations" export: for each PDF in the export's scope, a copy of its original
// file with the annotations written in (write-marks.ts, in the worker thread); one PDF alone, several
// in a zip. The originals in the library are only read. Documents that are not PDFs are left out, and
// a PDF that cannot be written (encrypted) is named in the zip's note rather than failing the rest.
import { AppError, isAppError } from '../../../shared/errors';
import type { ExportedFile } from '../../../shared/interchange/types';
import type { Annotation, LibraryDocument } from '../../../shared/model';
import { marksForExport } from '../../../shared/pdf/export-marks';
import { runInWorker } from '../import/worker/extraction-worker';
import type { LibraryStore } from '../library/store';
import type { TaskHandle } from '../tasks';
import { PDF_MARK_ID_PREFIX } from './mark-id';

/** One PDF's annotated copy. */
export async function annotatedCopy(store: LibraryStore, document: LibraryDocument, annotations: readonly Annotation[], signal?: AbortSignal): Promise<Uint8Array> {
  const [bytes, text] = await Promise.all([store.readOriginal(document.id), store.readText(document.id)]);
  const marks = marksForExport(text.text, annotations, store.getCodebook());
  const needsText = marks.some((m) => m.kind === 'highlight' && !m.areas);
  return runInWorker(
    {
      task: 'annotated-pdf',
      fileName: document.originalName,
      bytes,
      input: {
        documentId: document.id,
        marks,
        text: needsText ? text : null,
        importedIds: annotations.filter((a) => a.id.startsWith(PDF_MARK_ID_PREFIX)).map((a) => a.id),
      },
    },
    { signal },
  );
}

export async function exportAnnotatedPdfs(
  store: LibraryStore,
  scoped: { documents: LibraryDocument[]; annotations: Annotation[] },
  task: TaskHandle,
  base: string,
): Promise<ExportedFile> {
  const pdfs = scoped.documents.filter((d) => d.format === 'pdf');
  if (pdfs.length === 0) throw new AppError('invalid-input', 'None of the documents to export is a PDF. Choose PDFs, or another format.');
  const byDocument = (id: string) => scoped.annotations.filter((a) => a.documentId === id);
  if (pdfs.length === 1) {
    const document = pdfs[0]!;
    task.progress(0, 1, `Writing the annotations into ${document.metadata.title}`);
    const bytes = await annotatedCopy(store, document, byDocument(document.id), task.signal);
    return { fileName: `${baseName(document)}-annotated.pdf`, mimeType: 'application/pdf', bytes };
  }
  const entries: Record<string, Uint8Array> = {};
  const problems: string[] = [];
  const used = new Set<string>();
  for (const [i, document] of pdfs.entries()) {
    task.progress(i, pdfs.length, `Writing the annotations into ${document.metadata.title}`);
    try {
      const bytes = await annotatedCopy(store, document, byDocument(document.id), task.signal);
      let name = `${baseName(document)}-annotated.pdf`;
      for (let n = 2; used.has(name); n++) name = `${baseName(document)}-${n}-annotated.pdf`;
      used.add(name);
      entries[name] = bytes;
    } catch (error) {
      task.check();
      if (!isAppError(error)) throw error;
      problems.push(`${document.metadata.title} (${document.originalName}): ${error.message}`);
    }
  }
  if (Object.keys(entries).length === 0) throw new AppError('invalid-input', `No PDF could be written: ${problems.join(' ')}`);
  const left = scoped.documents.length - pdfs.length;
  const note = [
    `PDFs exported by Apostil with their annotations (${Object.keys(entries).length}). The files in your library are unchanged.`,
    ...(left ? [left === 1 ? '1 document is not a PDF and is not included.' : `${left} documents are not PDFs and are not included.`] : []),
    ...(problems.length ? ['Not included:', ...problems.map((p) => `- ${p}`)] : []),
  ].join('\n');
  // fflate is loaded by the first export that zips, not at start (main/host/startup-imports.test.ts).
  const { strToU8, zipSync } = await import('fflate');
  entries['README.txt'] = strToU8(`${note}\n`);
  return { fileName: `${base}-annotated-pdfs.zip`, mimeType: 'application/zip', bytes: zipSync(entries, { level: 0, mtime: new Date('2000-01-01T00:00:00Z') }) };
}

/** A file name from the document's title: letters, digits and dashes, never a path. */
function baseName(document: LibraryDocument): string {
  const fromTitle = document.metadata.title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return fromTitle || document.originalName.replace(/\.pdf$/i, '').replace(/[^A-Za-z0-9]+/g, '-').slice(0, 80) || 'document';
}
