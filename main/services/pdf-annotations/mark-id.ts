// The id an annotation imported from a PDF gets: a hash of what identifies the PDF's annotation
// (shared/pdf/pdf-marks.ts markKey), so importing the same annotations twice finds them already there,
// and an annotated export can leave out the PDF's own copy of an annotation the library has imported.
import { createHash } from 'node:crypto';

export const PDF_MARK_ID_PREFIX = 'pdf-';

export function pdfMarkId(key: string): string {
  return PDF_MARK_ID_PREFIX + createHash('sha256').update(key).digest('hex').slice(0, 32);
}
