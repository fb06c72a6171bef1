// Two entries that share a title, side by side: the user picks each field's value and merges them into
// one (the library document, or the older waiting reference, keeps the chosen values), or keeps both.
import { useState, type FormEvent } from 'react';
import type { WaitingReference } from '../../../shared/interchange/types';
import { DOCUMENT_KIND_LABELS, METADATA_FIELDS, type DocumentMetadata, type MetadataField } from '../../../shared/model';
import { DialogFooter } from '../ui/DialogFooter';
import { useModalDialog } from '../ui/useModalDialog';

export interface CompareTarget {
  kind: 'document' | 'reference';
  id: string;
  metadata: DocumentMetadata;
}

interface Props {
  reference: WaitingReference;
  other: CompareTarget;
  onMerge(metadata: DocumentMetadata): Promise<void>;
  onKeepBoth(): Promise<void>;
  onClose(): void;
}

const LABELS: Record<MetadataField, string> = { title: 'Title', authors: 'Authors', date: 'Date', publication: 'Publication', url: 'URL', doi: 'DOI', kind: 'Kind' };

function show(metadata: DocumentMetadata, field: MetadataField): string {
  const value = metadata[field];
  if (field === 'kind') return DOCUMENT_KIND_LABELS[metadata.kind];
  if (Array.isArray(value)) return value.join('; ');
  return value ?? '';
}

export function CompareReferencesDialog({ reference, other, onMerge, onKeepBoth, onClose }: Props) {
  const dialog = useModalDialog();
  // For each field, whose value to keep: the other entry's unless it has none.
  const [choice, setChoice] = useState<Record<MetadataField, 'other' | 'this'>>(() =>
    Object.fromEntries(METADATA_FIELDS.map((f) => [f, show(other.metadata, f) === '' && show(reference.metadata, f) !== '' ? 'this' : 'other'])) as Record<MetadataField, 'other' | 'this'>,
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const otherName = other.kind === 'document' ? 'In your library' : 'Waiting reference';
  const differing = METADATA_FIELDS.filter((f) => show(other.metadata, f) !== show(reference.metadata, f));

  async function act(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
      dialog.current?.close();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  function merge(event: FormEvent) {
    event.preventDefault();
    const pick = (f: MetadataField) => (choice[f] === 'this' ? reference.metadata : other.metadata);
    const metadata = Object.fromEntries(METADATA_FIELDS.map((f) => [f, pick(f)[f]])) as unknown as DocumentMetadata;
    void act(() => onMerge(metadata));
  }

  return (
    <dialog ref={dialog} className="metadata-dialog compare-dialog" onClose={onClose} aria-labelledby="compare-title">
      <form onSubmit={merge}>
        <h2 id="compare-title">The same work?</h2>
        <p className="hint">
          These two entries share a title, but not enough else to be merged without asking. Choose the value to keep for each detail and merge them, or keep both.
        </p>
        <table className="compare-table">
          <thead>
            <tr>
              <th scope="col">Detail</th>
              <th scope="col">{otherName}</th>
              <th scope="col">From {reference.from}</th>
            </tr>
          </thead>
          <tbody>
            {METADATA_FIELDS.map((field) => (
              <tr key={field} className={differing.includes(field) ? 'differs' : undefined}>
                <th scope="row">{LABELS[field]}</th>
                {(['other', 'this'] as const).map((side) => {
                  const metadata = side === 'other' ? other.metadata : reference.metadata;
                  const value = show(metadata, field);
                  return (
                    <td key={side}>
                      <label className="radio">
                        <input
                          type="radio"
                          name={`pick-${field}`}
                          checked={choice[field] === side}
                          disabled={!differing.includes(field)}
                          onChange={() => setChoice({ ...choice, [field]: side })}
                          aria-label={`${LABELS[field]}: keep ${side === 'other' ? otherName.toLowerCase() : 'the imported reference'}'s value`}
                        />
                        <span className={value ? undefined : 'hint'}>{value || '(none)'}</span>
                      </label>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <DialogFooter dialog={dialog} error={error} closeLabel="Cancel">
          <button type="button" disabled={busy} onClick={() => void act(onKeepBoth)}>
            Keep both
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Merge into one
          </button>
        </DialogFooter>
      </form>
    </dialog>
  );
}
