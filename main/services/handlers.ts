// The handler of every call in the contract. Arguments arrive already validated by the dispatcher.
import type { Handlers } from '../api/dispatch';
import type { AppServices } from './app';
import { createExportHandlers } from './export/handlers';
import type { ChooseSaveTarget } from './export/save-file';
import { importDocumentFile } from './references/import-references';
import { replaceFile } from './replacing';

export interface HandlerOptions {
  /** The desktop app's save dialog (files.save); browser mode has none. */
  chooseSaveTarget?: ChooseSaveTarget;
}

export function createHandlers(app: AppServices, options: HandlerOptions = {}): Handlers {
  const { store, search, events } = app;
  const changed = (documentIds: string[]) => events.emit('library.changed', { documentIds });

  return {
    'library.info': async () => {
      await store.allAnnotations();
      return store.info();
    },
    'library.health': async () => store.health(),

    'codebook.get': async () => store.getCodebook(),
    'codebook.save': async ({ codebook }) => {
      const saved = await store.saveCodebook(codebook);
      search.codebookChanged();
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
      search.documentUpdated();
      changed([id]);
      return document;
    },
    'documents.delete': async ({ id }) => {
      await store.deleteDocument(id);
      await search.documentDeleted(id);
      changed([id]);
      return null;
    },
    'documents.import': async ({ name, bytes, password }) => {
      // A file that belongs to a reference waiting for it takes that reference's details.
      const outcome = await importDocumentFile(app, name, bytes, { password });
      if (outcome.status === 'imported') {
        await search.documentAdded(outcome.document.id);
        changed([outcome.document.id]);
      }
      return outcome;
    },

    'documents.replaceFile': async ({ id, name, bytes, password }) => {
      const outcome = await replaceFile(store, id, name, bytes, { password });
      await search.documentReplaced(id);
      changed([id]);
      return outcome;
    },

    'annotations.save': async ({ annotation }) => {
      const saved = await store.saveAnnotation(annotation);
      await search.annotationSaved(saved);
      changed([annotation.documentId]);
      return saved;
    },
    'annotations.delete': async ({ documentId, id }) => {
      await store.deleteAnnotation(documentId, id);
      await search.annotationDeleted(documentId, id);
      changed([documentId]);
      return null;
    },

    'search.query': async ({ query, limit, typing }) => search.query(query, { limit, typing }),
    'search.complete': async ({ query, cursor }) => search.complete(query, cursor),
    'search.saved.list': async () => app.savedSearches.list(),
    'search.saved.save': async ({ name, query }) => app.savedSearches.save(name, query),
    'search.saved.delete': async ({ id }) => app.savedSearches.delete(id),

    'settings.get': async () => app.settings.get(),
    'settings.update': async ({ patch }) => app.settings.update(patch),

    // Imports of references and annotation files change documents and annotations in bulk: search
    // re-reads those documents in the background.
    ...createExportHandlers(app, {
      chooseSaveTarget: options.chooseSaveTarget,
      changed: (documentIds) => {
        search.documentsChanged(documentIds);
        changed(documentIds);
      },
    }),
  };
}
