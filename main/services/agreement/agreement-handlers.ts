// Coders and agreement between them: the calls, answered from the store (agreement) and from the
// analysis's aggregates, which follow the store's change events (the coders in use).
import { AgreementCounter, type AgreementReport } from '../../../shared/agreement';
import { AppError } from '../../../shared/errors';
import type { LibraryScope } from '../../../shared/collections/scope';
import type { Handlers } from '../../api/dispatch';
import type { AppServices } from '../app';
import { documentsInScope } from '../collections-handlers';
import type { LibraryStore } from '../library/store';

export function createAgreementHandlers(app: AppServices): Pick<Handlers, 'coders.list' | 'agreement.compute'> {
  return {
    'coders.list': async () => ({ me: app.settings.get().coderName, coders: await app.analysis.coders() }),
    'agreement.compute': async (request) => agreementOf(app.store, request),
  };
}

export interface AgreementRequest {
  coderA: string;
  coderB: string;
  /** Only these documents (null: every document in the scope). */
  documentIds: string[] | null;
  scope?: LibraryScope;
}

/** Agreement between two coders over the documents asked for, read from the store. */
export async function agreementOf(store: LibraryStore, request: AgreementRequest): Promise<AgreementReport> {
  if (request.coderA === request.coderB) throw new AppError('invalid-input', 'Choose two different coders to compare.');
  const inScope = documentsInScope(store, request.scope);
  const chosen = request.documentIds ? new Set(request.documentIds) : null;
  const documents = store.listDocuments().filter((d) => (!inScope || inScope.has(d.id)) && (!chosen || chosen.has(d.id)));
  if (documents.length === 0) throw new AppError('invalid-input', 'There are no documents to compare: choose a collection or documents.');
  // One document's text at a time.
  const counter = new AgreementCounter(request.coderA, request.coderB, store.getCodebook().principles, 500);
  for (const document of documents) {
    const [text, annotations] = await Promise.all([store.readText(document.id), store.listAnnotations(document.id)]);
    counter.add({ id: document.id, title: document.metadata.title, text: text.text, annotations });
  }
  return counter.report();
}
