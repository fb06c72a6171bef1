// Opens a document (its details and annotations, then its text) with the library's changes recorded
// from before the read, so the reader can apply every change published since, without a gap (see
// recordLibraryChanges).
import { useCallback, useEffect, useState } from 'react';
import type { OpenedDocument } from '../../../shared/api';
import type { DocumentText } from '../../../shared/model';
import { call, errorMessage, recordLibraryChanges, type ChangeRecorder } from '../api/client';
import type { AsyncState } from '../ui/useAsync';

export interface FollowedDocument {
  opened: OpenedDocument;
  /** The document's text, or null while it is on its way (see `textAfter`). */
  text: DocumentText | null;
  /** The changes since the document was read, and on. */
  changes: ChangeRecorder;
}

/**
 * `textAfter`: when given, the reader is shown as soon as the document's details and annotations are
 * there, and its text (megabytes for a long PDF) is asked for once this resolves and arrives later (a
 * PDF's first page goes first, see textMayLoad). Without it, the reader waits for the text.
 */
export function useOpenedDocument(id: string, textAfter: ((id: string) => Promise<void>) | null = null): [AsyncState<FollowedDocument>, () => void] {
  const [state, setState] = useState<AsyncState<FollowedDocument>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    const changes = recordLibraryChanges();
    const fail = (error: unknown) => current && setState({ status: 'error', message: errorMessage(error) });
    const opening = call('documents.open', { id }).then((opened) => {
      performance.mark('apostil:document-opened');
      return opened;
    });
    const text = (textAfter ? textAfter(id) : Promise.resolve())
      .then(() => call('documents.text', { id }))
      .then((read) => {
        performance.mark('apostil:document-text');
        return read;
      });
    // The text joins the details once both are there (shown without it meanwhile, when it comes later).
    if (textAfter) opening.then((opened) => current && setState({ status: 'ready', value: { opened, text: null, changes } }), fail);
    Promise.all([opening, text]).then(([opened, read]) => current && setState({ status: 'ready', value: { opened, text: read, changes } }), fail);
    return () => {
      current = false;
      changes.stop();
    };
  }, [id, generation, textAfter]);
  const reopen = useCallback(() => setGeneration((g) => g + 1), []);
  return [state, reopen];
}
