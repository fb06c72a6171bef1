// Importing the annotations already inside a PDF of the library: read in the worker thread
// (read-marks.ts), turned into Apostil annotations (shared/pdf/pdf-marks.ts) with ids that identify
// each PDF annotation (mark-id.ts), and added through the store in one write. Those the library already
// has are left as they are, so importing twice adds nothing and never undoes an edit. The store
// publishes the change; search and the renderer follow it.
import { AppError } from '../../../shared/errors';
import { marksToAnnotations, type PdfMarksImportReport, type PdfMarksRead, type PdfMarksSummary } from '../../../shared/pdf/pdf-marks';
import { annotationSchema } from '../../../shared/schemas';
import { runInWorker } from '../import/worker/extraction-worker';
import type { LibraryStore } from '../library/store';
import { pdfMarkId } from './mark-id';

const KIND_NAMES: Record<string, string> = {
  Highlight: 'highlight',
  Underline: 'underline',
  StrikeOut: 'strike-out',
  Squiggly: 'squiggly underline',
  Text: 'note',
  FreeText: 'text box',
  Square: 'rectangle',
  Circle: 'ellipse',
  Ink: 'drawing',
  Polygon: 'drawing',
  PolyLine: 'drawing',
  Line: 'line',
  Caret: 'insertion mark',
  Stamp: 'stamp',
};

async function readAsAnnotations(store: LibraryStore, documentId: string, password: string | undefined) {
  const document = store.getDocument(documentId);
  if (document.format !== 'pdf') throw new AppError('invalid-input', `“${document.metadata.title}” is not a PDF: it has no PDF annotations to import.`);
  const [bytes, text] = await Promise.all([store.readOriginal(documentId), store.readText(documentId)]);
  const read: PdfMarksRead = await runInWorker({ task: 'pdf-marks', fileName: document.originalName, bytes, password, input: null });
  const converted = marksToAnnotations(documentId, text, read, store.getCodebook(), pdfMarkId, new Date().toISOString());
  const present = new Set((await store.listAnnotations(documentId)).map((a) => a.id));
  return { read, converted, present };
}

/** What importing would bring: for the offer made after a PDF is imported. */
export async function scanPdfMarks(store: LibraryStore, documentId: string, password?: string): Promise<PdfMarksSummary> {
  const { converted, present } = await readAsAnnotations(store, documentId, password);
  const kinds = new Map<string, number>();
  let fresh = 0;
  converted.annotations.forEach((annotation, i) => {
    if (present.has(annotation.id)) return;
    fresh++;
    const kind = KIND_NAMES[converted.subtypes[i]!] ?? 'annotation';
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  });
  return { found: converted.annotations.length, fresh, kinds: [...kinds].map(([kind, count]) => ({ kind, count })) };
}

/** Adds the PDF's annotations the library does not have yet; returns what was done. */
export async function importPdfMarks(store: LibraryStore, documentId: string, password?: string): Promise<PdfMarksImportReport> {
  const { read, converted, present } = await readAsAnnotations(store, documentId, password);
  const fresh = converted.annotations.filter((a) => !present.has(a.id) && annotationSchema.safeParse(a).success);
  const added = fresh.length ? await store.addAnnotations(documentId, fresh) : [];
  return {
    imported: added.length,
    alreadyPresent: converted.annotations.length - fresh.length,
    asRegions: converted.asRegions,
    skipped: read.skipped,
  };
}
