// The table's counts per document (annotations, principles coded). Read once; after that only the
// documents a change names are counted again, one request at a time however many changes arrive.
// Null until the first count arrives (main may still be opening or checking a large library).
import { useEffect, useState } from 'react';
import { changedDocumentIds } from '../../../shared/library-changes';
import type { DocumentStats } from '../../../shared/document-table';
import { call, recordLibraryChanges } from '../api/client';

export function useDocumentStats(): ReadonlyMap<string, DocumentStats> | null {
  const [stats, setStats] = useState<ReadonlyMap<string, DocumentStats> | null>(null);
  useEffect(() => {
    let current = true;
    const pending = new Set<string>();
    let asking = false;
    const ask = async () => {
      if (asking) return;
      asking = true;
      while (current && pending.size) {
        const ids = [...pending];
        pending.clear();
        try {
          const fresh = await call('documents.stats', { ids });
          if (!current) break;
          setStats((old) => {
            const next = new Map(old ?? []);
            for (const id of ids) {
              if (fresh[id]) next.set(id, fresh[id]);
              else next.delete(id);
            }
            return next;
          });
        } catch {
          // A document deleted meanwhile: its row goes with the documents' own change.
        }
      }
      asking = false;
    };
    const changes = recordLibraryChanges();
    call('documents.stats', {}).then(
      (all) => {
        if (!current) return;
        setStats(new Map(Object.entries(all)));
        changes.deliverTo((change) => {
          const ids = changedDocumentIds(change);
          if (!ids.length) return;
          for (const id of ids) pending.add(id);
          void ask();
        });
      },
      () => undefined, // the counts stay empty rather than the table failing
    );
    return () => {
      current = false;
      changes.stop();
    };
  }, []);
  return stats;
}
