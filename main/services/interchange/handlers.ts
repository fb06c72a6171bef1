// Handlers of the export and import calls (spread into main/services/handlers.ts).
import type { CallName } from '../../../shared/api';
import type { Handlers } from '../../api/dispatch';
import type { AppServices } from '../app';
import { attachFileToReference, importReferenceFile, keepBothReferences, mergeReference } from '../references/import-references';
import { citePassage } from './cite';
import { runExport } from './export-service';
import { importAnnotationFile } from './import-annotations';
import { importQdpx } from './import-qdpx';
import { saveFileWithDialog, type ChooseSaveTarget } from './save-file';

type ExportCallName = 'annotations.cite' | 'export.run' | 'tasks.cancel' | 'files.save' | 'references.list' | 'references.import' | 'references.attachFile' | 'references.delete' | 'references.merge' | 'references.keepBoth' | 'annotations.import' | 'project.importQdpx';

export interface ExportHandlerOptions {
  /** The desktop app's save dialog; absent in browser mode, where the renderer downloads files. */
  chooseSaveTarget?: ChooseSaveTarget;
}

export function createExportHandlers(app: AppServices, options: ExportHandlerOptions): Pick<Handlers, ExportCallName> {
  const { store } = app;
  return {
    'annotations.cite': ({ documentId, annotationId, style }) => citePassage(store, documentId, annotationId, style, app.citations),
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
    'references.merge': async ({ id, into, metadata }) => {
      await mergeReference(app, id, into, metadata);
      return null;
    },
    'references.keepBoth': async ({ id }) => keepBothReferences(app, id),
    'annotations.import': ({ taskId, name, bytes, assign }) => app.tasks.run(taskId, (task) => importAnnotationFile(store, name, bytes, task, { assign })),
    'project.importQdpx': ({ taskId, name, bytes }) => app.tasks.run(taskId, (task) => importQdpx(store, app.codebook, name, bytes, task)),
  } satisfies Pick<Handlers, Extract<CallName, ExportCallName>>;
}
