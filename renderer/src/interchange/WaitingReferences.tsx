// References imported from a BibTeX, RIS or CSL-JSON file whose document is not in the library yet.
// Importing the same work's file attaches it; "Attach file…" picks it by hand. A reference that may be
// the same work as another entry says so, and "Compare…" shows both side by side to merge or keep.
import { Suspense, useRef, useState } from 'react';
import type { WaitingReference } from '../../../shared/interchange/types';
import type { LibraryChange } from '../../../shared/library-changes';
import type { DocumentListing } from '../../../shared/model';
import { call, errorMessage } from '../api/client';
import { readChosenFile } from '../api/files';
import { ACCEPTED_FILES } from '../library/useImporter';
import { useNotices } from '../ui/notices';
import { useFollowed } from '../ui/useFollowed';
import type { CompareTarget } from './CompareReferencesDialog';
import { lazyNamed } from '../ui/lazy';
import './export.css';

/** Loaded when first opened: the first screen does not need it. */
const CompareReferencesDialog = lazyNamed(() => import('./CompareReferencesDialog'), 'CompareReferencesDialog');

interface Props {
  /** The library's documents, to compare a possible duplicate with. */
  documents: readonly DocumentListing[];
  /** Opens a document once its file is attached. */
  onOpen(documentId: string): void;
}

export function WaitingReferences({ documents, onOpen }: Props) {
  const { notify } = useNotices();
  const input = useRef<HTMLInputElement>(null);
  const [target, setTarget] = useState<WaitingReference | null>(null);
  const [comparing, setComparing] = useState<{ reference: WaitingReference; other: CompareTarget } | null>(null);
  const state = useFollowed(() => call('references.list', {}), latestReferences, 'references');
  const references = state.status === 'ready' ? state.value : [];
  if (references.length === 0) return null;

  /** The entry a reference may duplicate, if it is still there. */
  const duplicateOf = (reference: WaitingReference): CompareTarget | null => {
    const of = reference.possibleDuplicateOf;
    if (!of) return null;
    const metadata = of.kind === 'document' ? documents.find((d) => d.id === of.id)?.metadata : references.find((r) => r.id === of.id)?.metadata;
    return metadata ? { ...of, metadata } : null;
  };

  async function attach(reference: WaitingReference, file: File) {
    try {
      const outcome = await call('references.attachFile', { id: reference.id, name: file.name, bytes: await readChosenFile(file) });
      notify('info', `${file.name} is now the file of “${outcome.document.metadata.title}”.`);
      onOpen(outcome.document.id);
    } catch (error) {
      notify('error', `${file.name} was not attached: ${errorMessage(error)}`);
    }
  }

  return (
    <section className="waiting" aria-label="Waiting for their file">
      <h3>
        Waiting for their file <span className="count">{references.length}</span>
      </h3>
      <ul>
        {references.map((r) => (
          <li key={r.id} className="waiting-item">
            <span className="document-title">{r.metadata.title}</span>
            <span className="document-byline">
              {[r.metadata.authors.slice(0, 2).join(', '), r.metadata.date?.slice(0, 4)].filter(Boolean).join(' · ') || `from ${r.from}`}
            </span>
            {duplicateOf(r) && (
              <span className="duplicate-note">
                May be the same work as “{duplicateOf(r)!.metadata.title}” ({r.possibleDuplicateOf!.kind === 'document' ? 'in your library' : 'also waiting'})
              </span>
            )}
            <span className="waiting-actions">
              {duplicateOf(r) && (
                <button type="button" onClick={() => setComparing({ reference: r, other: duplicateOf(r)! })}>
                  Compare…
                </button>
              )}
              <button type="button" onClick={() => (setTarget(r), input.current?.click())}>
                Attach file…
              </button>
              <button
                type="button"
                className="icon"
                aria-label={`Remove “${r.metadata.title}”`}
                onClick={() =>
                  void call('references.delete', { id: r.id }).catch((e: unknown) => notify('error', errorMessage(e)))
                }
              >
                ×
              </button>
            </span>
          </li>
        ))}
      </ul>
      <Suspense fallback={null}>
      {comparing && (
        <CompareReferencesDialog
          reference={comparing.reference}
          other={comparing.other}
          onMerge={async (metadata) => {
            await call('references.merge', { id: comparing.reference.id, into: { kind: comparing.other.kind, id: comparing.other.id }, metadata });
            notify('info', `Merged into “${metadata.title}”.`);
            if (comparing.other.kind === 'document') onOpen(comparing.other.id);
          }}
          onKeepBoth={async () => {
            await call('references.keepBoth', { id: comparing.reference.id });
          }}
          onClose={() => setComparing(null)}
        />
      )}
      </Suspense>
      <input
        ref={input}
        type="file"
        hidden
        accept={ACCEPTED_FILES}
        data-testid="attach-file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file && target) void attach(target, file);
        }}
      />
    </section>
  );
}

function latestReferences(references: WaitingReference[], change: LibraryChange): WaitingReference[] {
  return change.kind === 'references.changed' ? change.references : references;
}
