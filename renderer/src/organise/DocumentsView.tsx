// The documents view: collections and tags on the left; the filter, the selected documents' actions
// and the table on the right. Edits go to main; what shows follows the changes main publishes.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { emptyScopeMessage, scopeExists, scopeTest, WHOLE_LIBRARY, type LibraryScope, type Organisation } from '../../../shared/collections/scope-functions';
import type { CollectionEdit, DocumentTagEdit } from '../../../shared/collections/edit';
import { filterRows, isFilteringDocuments, NO_DOCUMENT_FILTER, NO_STATS, prepareRow, sortRows, type DocumentFilter, type DocumentRow } from '../../../shared/document-table';
import type { DocumentListing } from '../../../shared/model';
import { call, errorMessage } from '../api/client';
import { ExportDialog } from '../interchange/ExportDialog';
import { dateIsFromFile } from '../library/format';
import { MetadataDialog } from '../library/MetadataDialog';
import { useNotices } from '../ui/notices';
import { BulkActions } from './BulkActions';
import { CollectionTree } from './CollectionTree';
import { DocumentTable } from './DocumentTable';
import { keepShown, NO_SELECTION, selectedInOrder, type TableSelection } from './selection';
import { TableFilters } from './TableFilters';
import { useDocumentStats } from './useDocumentStats';
import { useVariableActions } from '../variables/useVariableActions';
import { useTableLayout } from './useTableLayout';
import './organise.css';

interface Props {
  documents: readonly DocumentListing[];
  organisation: Organisation;
  onOpen(id: string): void;
}

const plural = (n: number, one: string) => (n === 1 ? `1 ${one}` : `${n} ${one}s`);

export function DocumentsView({ documents, organisation, onOpen }: Props) {
  const { notify } = useNotices();
  const stats = useDocumentStats();
  const [layout, setLayout] = useTableLayout();
  const [scope, setScope] = useState<LibraryScope>(WHOLE_LIBRARY);
  const [filter, setFilter] = useState<DocumentFilter>(NO_DOCUMENT_FILTER);
  const [selection, setSelection] = useState<TableSelection>(NO_SELECTION);
  const [editing, setEditing] = useState<DocumentListing | null>(null);
  const [exporting, setExporting] = useState<string[] | null>(null);
  const variables = useVariableActions();
  const { summary } = variables;

  // A collection deleted (here or in another window) while shown: back to the whole library.
  const shownScope = scopeExists(scope, organisation) ? scope : WHOLE_LIBRARY;

  // Rows are prepared (search text folded) when documents, counts or tags change, not on each keystroke.
  const prepared = useMemo(() => {
    const test = scopeTest(shownScope, organisation);
    return documents
      .filter((d) => !test || test(d.id))
      .map((document): DocumentRow => ({ document, stats: stats ? (stats.get(document.id) ?? NO_STATS) : null, tags: organisation.tags[document.id] ?? [], variables: summary(document.id) }))
      .map(prepareRow);
  }, [documents, stats, organisation, shownScope, summary]);
  const rows = useMemo(() => sortRows(filterRows(prepared, filter), layout.sort), [prepared, filter, layout.sort]);
  const order = useMemo(() => rows.map((r) => r.document.id), [rows]);
  useEffect(() => setSelection((s) => keepShown(s, order)), [order]);
  const chosen = selectedInOrder(selection, order);

  const run = useCallback(
    async (what: string, action: () => Promise<unknown>): Promise<boolean> => {
      try {
        await action();
        return true;
      } catch (e) {
        notify('error', `${what}: ${errorMessage(e)}`);
        return false;
      }
    },
    [notify],
  );
  const editCollections = useCallback((edit: CollectionEdit) => run('The collections could not be changed', () => call('collections.edit', { edit })), [run]);
  const editTags = useCallback((edit: DocumentTagEdit) => run('The tags could not be changed', () => call('documentTags.edit', { edit })), [run]);

  const collectionName = (id: string) => organisation.collections.find((c) => c.id === id)?.name ?? 'the collection';
  const addToCollection = async (id: string, ids: string[]) => {
    if (await editCollections({ op: 'addDocuments', id, documentIds: ids })) notify('info', `${plural(ids.length, 'document')} added to “${collectionName(id)}”.`);
  };
  const tag = async (ids: string[], name: string) => {
    if (await editTags({ op: 'add', documentIds: ids, tags: [name] })) notify('info', `${plural(ids.length, 'document')} tagged #${name}.`);
  };
  const trash = async (ids: string[]) => {
    let trashed: string[] = [];
    const ok = await run('The documents could not be moved to the trash', async () => void ({ trashed } = await call('documents.trash', { ids })));
    if (!ok) return;
    notify('info', `${plural(trashed.length, 'document')} moved to the trash.`, {
      label: 'Undo',
      run: () => void run('The documents could not be brought back', () => call('documents.restore', { ids: trashed })),
    });
  };

  const scopeEmpty = documents.length > 0 && prepared.length === 0;
  const empty = documents.length === 0
    ? 'The library holds no documents yet: import some with Import… or by dropping files on the window.'
    : scopeEmpty
      ? emptyScopeMessage(shownScope, organisation.collections) + (shownScope.kind === 'collection' ? ' Drag documents onto it in the list on the left.' : '')
      : isFilteringDocuments(filter)
        ? 'No document matches these filters.'
        : '';

  return (
    <div className="documents-view">
      <CollectionTree
        organisation={organisation}
        documentIds={documents.map((d) => d.id)}
        scope={shownScope}
        onScope={setScope}
        onEdit={editCollections}
        onTag={(ids, t) => void tag(ids, t)}
      />
      <section className="documents-main" aria-label="Documents">
        <TableFilters filter={filter} onFilter={setFilter} shown={rows.length} total={prepared.length} layout={layout} onLayout={setLayout}>
          {variables.manageButton}
        </TableFilters>
        <BulkActions
          count={chosen.length}
          organisation={organisation}
          scope={shownScope}
          onAddToCollection={(id) => void addToCollection(id, chosen)}
          onRemoveFromCollection={(id) => void editCollections({ op: 'removeDocuments', id, documentIds: chosen })}
          onTag={(t) => void tag(chosen, t)}
          onUntag={(t) => void editTags({ op: 'remove', documentIds: chosen, tags: [t] })}
          onExport={() => setExporting(chosen)}
          onTrash={() => void trash(chosen)}
          onClear={() => setSelection(NO_SELECTION)}
        >
          {variables.bulkSetter(chosen)}
        </BulkActions>
        <DocumentTable
          rows={rows}
          layout={layout}
          onLayout={setLayout}
          selection={selection}
          onSelection={setSelection}
          onOpen={onOpen}
          onTrash={(ids) => void trash(ids)}
          onEdit={(id) => setEditing(documents.find((d) => d.id === id) ?? null)}
          empty={empty}
        />
      </section>
      {editing && (
        <MetadataDialog
          metadata={editing.metadata}
          documentId={editing.id}
          dateFromFile={dateIsFromFile(editing)}
          onClose={() => setEditing(null)}
          onSave={async (metadata, confirmed) => void (await call('documents.updateMetadata', { id: editing.id, metadata, confirmed }))}
        />
      )}
      {variables.dialog}
      {exporting && <ExportDialog documents={documents} initialDocumentIds={exporting} initialScope={{ kind: 'documents' }} onClose={() => setExporting(null)} />}
    </div>
  );
}
