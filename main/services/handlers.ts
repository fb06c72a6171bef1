// The handler of every call in the contract. Arguments arrive already validated by the dispatcher.
import type { Handlers } from '../api/dispatch';
import type { AppServices } from './app';
import { createExportHandlers } from './export/handlers';
import type { ChooseSaveTarget } from './export/save-file';
import { importDocumentFile } from './references/import-references';

export interface HandlerOptions {
  /** The desktop app's save dialog (files.save); browser mode has none. */
  chooseSaveTarget?: ChooseSaveTarget;
}

export function createHandlers(app: AppServices, options: HandlerOptions = {}): Handlers {
  const { store, search, events } = app;
  const changed = (documentIds: string[]) => {
    search.invalidate();
    events.emit('library.changed', { documentIds });
  };

  return {
    'library.info': async () => {
      await store.allAnnotations();
      return store.info();
    },
    'library.health': async () => store.health(),

    'codebook.get': async () => store.getCodebook(),
    'codebook.save': async ({ codebook }) => {
      const saved = await store.saveCodebook(codebook);
      changed([]);
      return saved;
    },

    'documents.list': async () => store.listDocuments(),
    'documents.open': async ({ id }) => ({
      document: store.getDocument(id),
      text: await store.readText(id),
      annotations: await store.listAnnotations(id),
    }),
    'documents.file': async ({ id }) => store.readOriginal(id),
    'documents.updateMetadata': async ({ id, metadata }) => {
      const document = await store.updateMetadata(id, metadata);
      changed([id]);
      return document;
    },
    'documents.delete': async ({ id }) => {
      await store.deleteDocument(id);
      changed([id]);
      return null;
    },
    'documents.import': async ({ name, bytes }) => {
      // A file that belongs to a reference waiting for it takes that reference's details.
      const outcome = await importDocumentFile(app, name, bytes);
      if (outcome.status === 'imported') changed([outcome.document.id]);
      return outcome;
    },

    'annotations.save': async ({ annotation }) => {
      const saved = await store.saveAnnotation(annotation);
      changed([annotation.documentId]);
      return saved;
    },
    'annotations.delete': async ({ documentId, id }) => {
      await store.deleteAnnotation(documentId, id);
      changed([documentId]);
      return null;
    },

    'search.query': async ({ query, limit }) => search.query(query, limit),

    'settings.get': async () => app.settings.get(),
    'settings.update': async ({ patch }) => app.settings.update(patch),

    ...createExportHandlers(app, { chooseSaveTarget: options.chooseSaveTarget, changed }),
  };
}
