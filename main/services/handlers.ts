// The handler of every call in the contract. Arguments arrive already validated by the dispatcher.
// Handlers that change the library only call the store: search, the analysis and the renderer follow
// the changes it publishes (shared/library-changes.ts).
import { originsAfterUserEdit } from '../../shared/interchange/reference-match';
import { AppError } from '../../shared/errors';
import { listingOf } from '../../shared/model';
import type { Handlers } from '../api/dispatch';
import type { AppServices } from './app';
import { createMemoHandlers } from './memos-handlers';
import { createAgreementHandlers } from './agreement/agreement-handlers';
import { createOrganiseHandlers, documentsInScope, scopedFilter } from './collections-handlers';
import { createCodebookHandlers } from './codebook/codebook-handlers';
import { createExportHandlers } from './interchange/handlers';
import { createLinksHandlers } from './links/links-handlers';
import { importPdfMarks, scanPdfMarks } from './pdf-annotations/import-marks';
import type { ChooseSaveTarget } from './interchange/save-file';
import { importDocumentFile } from './references/import-references';
import { replaceFile } from './replacing';

function requireSync(app: AppServices): NonNullable<AppServices['sync']> {
  if (!app.sync) throw new AppError('unsupported', 'Sync is not available in this window.');
  return app.sync;
}

export interface HandlerOptions {
  /** The desktop app's save dialog (files.save); browser mode has none. */
  chooseSaveTarget?: ChooseSaveTarget;
}

export function createHandlers(app: AppServices, options: HandlerOptions = {}): Handlers {
  const { store, search } = app;

  return {
    ...createCodebookHandlers(app),
    'library.info': async () => store.info(),
    'library.health': async () => store.health(),

    'documents.list': async () => {
      const documents = store.listDocuments().map(listingOf);
      app.listServed();
      return documents;
    },
    'documents.open': async ({ id }) => ({
      document: store.getDocument(id),
      annotations: await store.listAnnotations(id),
    }),
    'documents.text': async ({ id }) => store.readText(id),
    'documents.updateMetadata': async ({ id, metadata, confirmed = [], pageOffset }) => {
      // Every field the user changed or confirmed is theirs from now on: no import overwrites it.
      const current = store.getDocument(id);
      const origins = originsAfterUserEdit(current.metadata, metadata, current.fieldOrigins);
      for (const field of confirmed) origins[field] = 'user';
      return store.updateMetadata(id, metadata, origins, pageOffset === undefined ? undefined : { pageOffset });
    },
    'documents.delete': async ({ id }) => {
      await store.deleteDocument(id);
      return null;
    },
    // A file that belongs to a reference waiting for it takes that reference's details.
    'documents.import': async ({ name, bytes, password }) => importDocumentFile(app, name, bytes, { password }),
    'documents.replaceFile': async ({ id, name, bytes, password }) => replaceFile(store, id, name, bytes, { password }),

    'annotations.save': async ({ annotation }) => store.saveAnnotation(annotation, { coder: app.settings.get().coderName }),
    'annotations.delete': async ({ documentId, id }) => {
      await store.deleteAnnotation(documentId, id);
      return null;
    },

    'pdfAnnotations.scan': async ({ id, password }) => scanPdfMarks(store, id, password),
    'pdfAnnotations.import': async ({ id, password }) => importPdfMarks(store, id, password),

    'search.query': async ({ query, limit, typing, scope }) =>
      search.query(query, { limit, typing, documents: documentsInScope(store, scope) ?? undefined }),
    'search.complete': async ({ query, cursor }) => search.complete(query, cursor),
    'search.saved.list': async () => app.savedSearches.list(),
    'search.saved.save': async ({ name, query }) => app.savedSearches.save(name, query),
    'search.saved.delete': async ({ id }) => app.savedSearches.delete(id),

    'settings.get': async () => app.settings.get(),
    'settings.update': async ({ patch }) => app.settings.update(patch),

    'sync.status': async () => app.sync?.view() ?? { connection: null, status: null },
    'sync.connect': async (connection) => requireSync(app).connect(connection),
    'sync.disconnect': async () => requireSync(app).disconnect(),
    'sync.conflicts': async () => requireSync(app).conflicts(),
    'sync.resolve': async ({ id, choice }) => requireSync(app).resolve(id, choice),

    // "This collection only": the scope narrows the filter's sources, as choosing them by hand would.
    'analysis.counts': async ({ scope, ...request }) => app.analysis.counts({ ...request, filter: scopedFilter(request.filter, documentsInScope(store, scope)) }),
    'analysis.passages': async ({ scope, ...request }) => app.analysis.passages({ ...request, filter: scopedFilter(request.filter, documentsInScope(store, scope)) }),

    ...createOrganiseHandlers(app),
    ...createMemoHandlers(app),
    ...createLinksHandlers(app),
    ...createAgreementHandlers(app),
    ...createExportHandlers(app, { chooseSaveTarget: options.chooseSaveTarget }),
  };
}
