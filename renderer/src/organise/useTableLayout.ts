// The table's columns, widths and sort, kept in the settings so they are the same next time.
import { useCallback, useEffect, useRef, useState } from 'react';
import { DEFAULT_TABLE_LAYOUT, type TableLayout } from '../../../shared/document-table';
import { call, errorMessage } from '../api/client';
import { useNotices } from '../ui/notices';

const SAVE_DELAY_MS = 400;

export function useTableLayout(): [TableLayout, (next: TableLayout) => void] {
  const { notify } = useNotices();
  const [layout, setLayout] = useState<TableLayout>(DEFAULT_TABLE_LAYOUT);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const changed = useRef(false);
  useEffect(() => {
    call('settings.get', {}).then(
      (settings) => !changed.current && settings.libraryTable && setLayout(settings.libraryTable),
      () => undefined, // the default layout if the settings cannot be read
    );
  }, []);
  const update = useCallback(
    (next: TableLayout) => {
      changed.current = true;
      setLayout(next);
      // A resize drag changes the width many times a second: save the last one.
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        call('settings.update', { patch: { libraryTable: next } }).catch((e: unknown) => notify('error', `The table's layout could not be saved: ${errorMessage(e)}`));
      }, SAVE_DELAY_MS);
    },
    [notify],
  );
  return [layout, update];
}
