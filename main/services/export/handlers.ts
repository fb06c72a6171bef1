// Handlers of the analysis, export and import calls (spread into main/services/handlers.ts).
import type { CallName } from '../../../shared/api';
import { toCodedPassage } from '../../../shared/analysis/passages';
import type { Handlers } from '../../api/dispatch';
import type { AppServices } from '../app';
import { attachFileToReference, importReferenceFile } from '../references/import-references';
import { runExport } from './export-service';
import { importAnnotationFile } from './import-annotations';
import { saveFileWithDialog, type ChooseSaveTarget } from './save-file';

type ExportCallName = 'analysis.data' | 'export.run' | 'tasks.cancel' | 'files.save' | 'references.list' | 'references.import' | 'references.attachFile' | 'references.delete' | 'annotations.import';

export interface ExportHandlerOptions {
  /** The desktop app's save dialog; absent in browser mode, where the renderer downloads files. */
  chooseSaveTarget?: ChooseSaveTarget;
}

export function createExportHandlers(app: AppServices, options: ExportHandlerOptions): Pick<Handlers, ExportCallName> {
  const { store } = app;
  return {
    'analysis.data': async () => {
      const documents = store.listDocuments();
      const passages = [];
      for (const document of documents) {
        const annotations = await store.listAnnotations(document.id);
        // Page numbers need a PDF's page offsets; other formats have none, so their text is not read.
        const pages = document.format === 'pdf' && annotations.length ? (await store.readText(document.id)).pages : null;
        passages.push(...annotations.map((a) => toCodedPassage(a, pages)));
      }
      return { documents, passages };
    },
    'export.run': ({ taskId, request }) => app.tasks.run(taskId, (task) => runExport(app, request, task)),
    'tasks.cancel': async ({ taskId }) => ({ cancelled: app.tasks.cancel(taskId) }),
    'files.save': (file) => saveFileWithDialog(options.chooseSaveTarget, file),
    'references.list': async () => app.references.list(),
    'references.import': async ({ name, bytes }) => importReferenceFile(app, name, bytes),
    'references.attachFile': async ({ id, name, bytes }) => attachFileToReference(app, id, name, bytes),
    'references.delete': async ({ id }) => {
      await app.references.remove(id);
      return null;
    },
    'annotations.import': ({ taskId, name, bytes }) => app.tasks.run(taskId, (task) => importAnnotationFile(store, name, bytes, task)),
  } satisfies Pick<Handlers, Extract<CallName, ExportCallName>>;
}
