// "Copy with citation": one annotation's quote with the in-text citation of its source in a CSL style,
// pointing at the printed page of the passage (the PDF's page label or the user's offset).
import { toCodedPassage } from '../../../shared/analysis/passages';
import { AppError } from '../../../shared/errors';
import { quoteWithCitation, type QuoteWithCitation } from '../../../shared/interchange/quote-citation';
import type { CitationStyle } from '../../../shared/interchange/types';
import type { LibraryStore } from '../library/store';
import type { CitationFormatter } from './citations';
import * as citeprocHere from './citeproc';
import { cslItems } from './export-service';

export interface CitedPassage extends QuoteWithCitation {
  /** The printed page cited, when the passage has one. */
  page: string | null;
}

/** `citations` applies the style: the app's worker, or this thread by default. */
export async function citePassage(
  store: LibraryStore,
  documentId: string,
  annotationId: string,
  style: CitationStyle,
  citations: Pick<CitationFormatter, 'formatCitation'> = citeprocHere,
): Promise<CitedPassage> {
  const document = store.getDocument(documentId);
  const annotation = (await store.listAnnotations(documentId)).find((a) => a.id === annotationId);
  if (!annotation) throw new AppError('not-found', `This annotation is no longer in “${document.metadata.title}”: it may have been deleted.`);
  const pages = document.format === 'pdf' ? (await store.readText(documentId)).pages : null;
  const passage = toCodedPassage(annotation, pages, document);
  const [item] = cslItems([{ id: document.id, metadata: document.metadata }]);
  const citation = await citations.formatCitation(item!, style, passage.pageLabel);
  return { ...quoteWithCitation(passage.quote, citation), page: passage.pageLabel };
}
