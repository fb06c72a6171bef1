// The reader's "PDF" menu: import the annotations the file already holds (made in Acrobat, Preview,
// Okular, Zotero…), and save a copy of the file with Apostil's annotations written in, for colleagues
// who read it in any PDF reader. The file in the library is never changed.
import { useRef, useState } from 'react';
import type { LibraryDocument } from '../../../shared/model';
import { errorMessage } from '../api/client';
import { useTask } from '../interchange/useTask';
import { useNotices } from '../ui/notices';
import type { AskPassword } from '../ui/PasswordPrompt';
import { describePdfMarksImport, exportAnnotatedPdf, importPdfMarks } from './pdf-marks-calls';

interface Props {
  document: LibraryDocument;
  askPassword: AskPassword;
}

/** Imported annotations appear in the reader through the library's change events. */
export function PdfFileMenu({ document, askPassword }: Props) {
  const { notify } = useNotices();
  const menu = useRef<HTMLDetailsElement>(null);
  const task = useTask();
  const [busy, setBusy] = useState<string | null>(null);
  const close = () => menu.current?.removeAttribute('open');

  async function importMarks() {
    close();
    setBusy('Reading the PDF’s annotations…');
    try {
      const report = await importPdfMarks(document, askPassword);
      if (!report) return;
      notify('info', describePdfMarksImport(document.metadata.title, report));
    } catch (error) {
      notify('error', `The PDF’s annotations were not imported: ${errorMessage(error)}`);
    } finally {
      setBusy(null);
    }
  }

  async function exportPdf() {
    close();
    setBusy('Writing the annotations into a copy…');
    try {
      const where = await exportAnnotatedPdf(document, task.run);
      if (where) notify('info', `Saved a copy of the PDF with its annotations to ${where}. The file in your library is unchanged.`);
    } catch (error) {
      notify('error', `The PDF was not exported: ${errorMessage(error)}`);
    } finally {
      setBusy(null);
    }
  }

  return (
    <details ref={menu} className="app-menu pdf-file-menu">
      <summary aria-busy={busy !== null}>{busy ?? 'PDF annotations'}</summary>
      <div className="app-menu-items" role="menu">
        <button type="button" role="menuitem" disabled={busy !== null} onClick={() => void importMarks()}>
          Import annotations from the PDF
        </button>
        <button type="button" role="menuitem" disabled={busy !== null} onClick={() => void exportPdf()}>
          Export PDF with annotations…
        </button>
      </div>
    </details>
  );
}
