// After PDFs are imported: those that hold annotations made in other programs (highlights, notes,
// drawings from Acrobat, Preview, Okular, Zotero…) are listed, and their annotations imported if the
// user wants them. "Not now" leaves them in the file; the reader's "PDF annotations" menu imports them
// later.
import { useState } from 'react';
import type { LibraryDocument } from '../../../shared/model';
import type { PdfMarksSummary } from '../../../shared/pdf/pdf-marks';
import { call, errorMessage } from '../api/client';
import { useNotices } from '../ui/notices';
import { describeKinds, describePdfMarksImport, importPdfMarks } from './pdf-marks-calls';
import './pdf.css';
import { useModalDialog } from '../ui/useModalDialog';

export interface PdfMarksFound {
  document: LibraryDocument;
  summary: PdfMarksSummary;
}

/** The imported PDFs that hold annotations the library does not have (encrypted ones are not read). */
export async function findPdfMarks(documents: readonly LibraryDocument[]): Promise<PdfMarksFound[]> {
  const found: PdfMarksFound[] = [];
  for (const document of documents.filter((d) => d.format === 'pdf')) {
    const summary = await call('pdfAnnotations.scan', { id: document.id }).catch(() => null);
    if (summary && summary.fresh > 0) found.push({ document, summary });
  }
  return found;
}

interface Props {
  found: PdfMarksFound[];
  /** Imported annotations appear in the reader through the library's change events. */
  onDone(): void;
}

export function PdfMarksOffer({ found, onDone }: Props) {
  const dialog = useModalDialog();
  const { notify } = useNotices();
  const [chosen, setChosen] = useState(() => new Set(found.map((f) => f.document.id)));
  const [busy, setBusy] = useState(false);

  async function importChosen() {
    setBusy(true);
    let imported = 0;
    const messages: string[] = [];
    for (const { document } of found.filter((f) => chosen.has(f.document.id))) {
      try {
        const report = await importPdfMarks(document);
        if (report) messages.push(describePdfMarksImport(document.metadata.title, report));
        imported += report?.imported ?? 0;
      } catch (error) {
        messages.push(`“${document.metadata.title}”: not imported (${errorMessage(error)}).`);
      }
    }
    notify(imported ? 'info' : 'error', messages.join(' '));
    onDone();
  }

  const total = found.reduce((n, f) => n + f.summary.fresh, 0);
  return (
    <dialog ref={dialog} className="metadata-dialog pdf-marks-offer" aria-labelledby="pdf-marks-title" onClose={() => !busy && onDone()}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          void importChosen();
        }}
      >
        <h2 id="pdf-marks-title">{found.length === 1 ? 'This PDF has annotations' : 'These PDFs have annotations'}</h2>
        <p>
          {total === 1 ? 'One annotation was' : `${total} annotations were`} made in another program (Acrobat, Preview, Okular,
          Zotero…). Import {total === 1 ? 'it' : 'them'} to see {total === 1 ? 'it' : 'them'} in Apostil with {total === 1 ? 'its' : 'their'} text, notes,
          authors and colours, and to link {total === 1 ? 'it' : 'them'} to principles and actors. The file itself is not changed.
        </p>
        <ul className="pdf-marks-list">
          {found.map(({ document, summary }) => (
            <li key={document.id}>
              <label>
                <input
                  type="checkbox"
                  checked={chosen.has(document.id)}
                  disabled={busy}
                  onChange={() => {
                    const next = new Set(chosen);
                    if (next.has(document.id)) next.delete(document.id);
                    else next.add(document.id);
                    setChosen(next);
                  }}
                />
                <span>
                  <strong>{document.metadata.title}</strong> — {describeKinds(summary)}
                </span>
              </label>
            </li>
          ))}
        </ul>
        <div className="dialog-actions">
          <button type="button" disabled={busy} onClick={() => onDone()}>
            Not now
          </button>
          <button type="submit" className="primary" disabled={busy || chosen.size === 0}>
            {busy ? 'Importing…' : 'Import annotations'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
