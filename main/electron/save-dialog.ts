// The desktop app's "Save as" for exports: Electron's save dialog, attached to our window, starting in
// the Downloads folder with the export's file name and a filter for its type. Writing the file is the
// service's job (atomic); this only asks where.
import path from 'node:path';
import type { BaseWindow, Dialog, SaveDialogOptions } from 'electron';
import type { ChooseSaveTarget } from '../services/interchange/save-file';

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  md: { name: 'Markdown', extensions: ['md'] },
  html: { name: 'Web page', extensions: ['html'] },
  docx: { name: 'Word document', extensions: ['docx'] },
  bib: { name: 'BibTeX', extensions: ['bib'] },
  ris: { name: 'RIS', extensions: ['ris'] },
  json: { name: 'JSON', extensions: ['json'] },
  jsonld: { name: 'JSON-LD', extensions: ['jsonld', 'json'] },
  csv: { name: 'CSV', extensions: ['csv'] },
  qdpx: { name: 'REFI-QDA project', extensions: ['qdpx'] },
  svg: { name: 'SVG image', extensions: ['svg'] },
  png: { name: 'PNG image', extensions: ['png'] },
};

export function saveDialogOptions(fileName: string, defaultDir: string): SaveDialogOptions {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  const filter = FILTERS[ext];
  return {
    title: 'Export',
    buttonLabel: 'Save',
    // Only the name's last part: a name can never steer the dialog to another folder.
    defaultPath: path.join(defaultDir, path.basename(fileName.replace(/[\\/]/g, '_'))),
    filters: [...(filter ? [filter] : []), { name: 'All files', extensions: ['*'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

export function createSaveDialog(
  dialog: Pick<Dialog, 'showSaveDialog'>,
  parent: () => BaseWindow | null,
  defaultDir: () => string,
): ChooseSaveTarget {
  return async ({ fileName }) => {
    const options = saveDialogOptions(fileName, defaultDir());
    const window = parent();
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
}
