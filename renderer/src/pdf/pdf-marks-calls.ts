// The renderer's side of PDF annotations in and out: importing the annotations a PDF already holds
// (asking for an encrypted PDF's password), and saving a copy of a PDF with the annotations written in.
import type { LibraryDocument } from '../../../shared/model';
import type { PdfMarksImportReport, PdfMarksSummary } from '../../../shared/pdf/pdf-marks';
import { call } from '../api/client';
import { saveFile } from '../interchange/save';
import { isEncryptedError } from '../library/useImporter';
import { withPassword, type AskPassword } from '../ui/PasswordPrompt';

/** Imports a PDF's own annotations; null if the user gave up on the password. */
export function importPdfMarks(document: LibraryDocument, askPassword?: AskPassword): Promise<PdfMarksImportReport | null> {
  return withPassword(document.originalName, askPassword, (password) => call('pdfAnnotations.import', { id: document.id, ...(password ? { password } : {}) }), isEncryptedError);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function describeKinds(summary: PdfMarksSummary): string {
  return summary.kinds.map((k) => plural(k.count, k.kind)).join(', ');
}

export function describePdfMarksImport(title: string, report: PdfMarksImportReport): string {
  if (report.imported === 0 && report.alreadyPresent === 0) return `“${title}” has no annotations made in other programs.`;
  const parts = [report.imported ? `${plural(report.imported, 'annotation')} imported from the PDF` : 'No new annotations in the PDF'];
  if (report.alreadyPresent) parts.push(`${report.alreadyPresent} ${report.alreadyPresent === 1 ? 'was' : 'were'} already in the library`);
  if (report.asRegions) parts.push(`${report.asRegions} marked no text and ${report.asRegions === 1 ? 'is a region' : 'are regions'}`);
  const skipped = report.skipped.reduce((n, s) => n + s.count, 0);
  if (skipped) parts.push(`${skipped} of other kinds (${report.skipped.map((s) => s.subtype).join(', ')}) left out`);
  return `“${title}”: ${parts.join('; ')}.`;
}

/** Saves a copy of one PDF with its annotations; resolves to where it went, or null if cancelled. */
export async function exportAnnotatedPdf(document: LibraryDocument, run: <T>(work: (taskId: string) => Promise<T>) => Promise<T>): Promise<string | null> {
  const file = await run((taskId) => call('export.run', { taskId, request: { format: 'annotated-pdf', scope: { kind: 'documents', documentIds: [document.id] } } }));
  return saveFile(file);
}
