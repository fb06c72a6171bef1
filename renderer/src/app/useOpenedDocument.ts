// Opens a document (its text and annotations) with the library's changes recorded from before the read,
// so the reader can apply every change published since, without a gap (see recordLibraryChanges).
import { useCallback, useEffect, useState } from 'react';
import type { OpenedDocument } from '../../../shared/api';
import { call, errorMessage, recordLibraryChanges, type ChangeRecorder } from '../api/client';
import type { AsyncState } from '../ui/useAsync';

export interface FollowedDocument {
  opened: OpenedDocument;
  /** The changes since the document was read, and on. */
  changes: ChangeRecorder;
}

/** `before`: what the read waits for (a PDF's first page goes first, see textMayLoad). */
export function useOpenedDocument(id: string, before: ((id: string) => Promise<void>) | null = null): [AsyncState<FollowedDocument>, () => void] {
  const [state, setState] = useState<AsyncState<FollowedDocument>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    const changes = recordLibraryChanges();
    (before ? before(id) : Promise.resolve()).then(() => call('documents.open', { id })).then(
      (opened) => {
        performance.mark('apostil:document-opened');
        if (current) setState({ status: 'ready', value: { opened, changes } });
      },
      (error: unknown) => current && setState({ status: 'error', message: errorMessage(error) }),
    );
    return () => {
      current = false;
      changes.stop();
    };
  }, [id, generation, before]);
  const reopen = useCallback(() => setGeneration((g) => g + 1), []);
  return [state, reopen];
}
