// Links between passages for every part of the renderer that shows them (the reader's cards, the Links
// view): read once, then followed from the library's change events. Here too is the one way the
// renderer changes them (an edit sent to main; a deleted link offers Undo) and follows one (opening the
// other document at the linked passage).
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import type { CallArgs } from '../../../shared/api';
import { applyToLinks } from '../../../shared/links/follow';
import type { LinkEnd, LinksState, ListedLink, PassageLink } from '../../../shared/links/model';
import type { DocumentListing } from '../../../shared/model';
import { call, errorMessage } from '../api/client';
import { useNotices } from '../ui/notices';
import type { AsyncState } from '../ui/useAsync';
import { useFollowed } from '../ui/useFollowed';

type LinkEditInput = CallArgs<'links.edit'>['edit'];

export interface LinksView {
  state: AsyncState<LinksState>;
  /** A document's title, or words saying it is not in the library. */
  titleOf(documentId: string): string;
  /** Opens the document at the passage. */
  follow(end: LinkEnd): void;
  /** Sends an edit; a refusal is shown as an error (and thrown when `throwErrors`). */
  edit(edit: LinkEditInput, options?: { throwErrors?: boolean }): Promise<LinksState | null>;
  /** Deletes a link, offering Undo. */
  remove(link: ListedLink): Promise<void>;
}

const EMPTY: LinksView = {
  state: { status: 'loading' },
  titleOf: () => '',
  follow: () => undefined,
  edit: async () => null,
  remove: async () => undefined,
};

const LinksContext = createContext<LinksView>(EMPTY);

export function useLinks(): LinksView {
  return useContext(LinksContext);
}

export function LinksProvider(props: { documents: readonly DocumentListing[]; onFollow(end: LinkEnd): void; children: ReactNode }) {
  const { documents, onFollow } = props;
  const { notify } = useNotices();
  const state = useFollowed(() => call('links.get', {}), applyToLinks, 'links');
  const titles = useMemo(() => new Map(documents.map((d) => [d.id, d.metadata.title])), [documents]);
  const titleOf = useCallback((id: string) => titles.get(id) ?? 'a document not in the library', [titles]);

  const edit = useCallback<LinksView['edit']>(
    async (linkEdit, options) => {
      try {
        return await call('links.edit', { edit: linkEdit });
      } catch (error) {
        if (options?.throwErrors) throw error;
        notify('error', errorMessage(error));
        return null;
      }
    },
    [notify],
  );

  const remove = useCallback(
    async (link: ListedLink) => {
      if (!(await edit({ op: 'delete', id: link.id }))) return;
      const stored: PassageLink = {
        id: link.id,
        from: { documentId: link.from.documentId, annotationId: link.from.annotationId },
        to: { documentId: link.to.documentId, annotationId: link.to.annotationId },
        relation: link.relation,
        note: link.note,
        created: link.created,
        modified: link.modified,
      };
      notify('info', `Link “${link.relation}” deleted.`, { label: 'Undo', run: () => void edit({ op: 'restore', link: stored }) });
    },
    [edit, notify],
  );

  const value = useMemo<LinksView>(() => ({ state, titleOf, follow: onFollow, edit, remove }), [state, titleOf, onFollow, edit, remove]);
  return <LinksContext.Provider value={value}>{props.children}</LinksContext.Provider>;
}
