// Editing a source's bibliographic details.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { DOCUMENT_KINDS, DOCUMENT_KIND_LABELS, type DocumentKind, type DocumentMetadata, type MetadataField } from '../../../shared/model';
import { documentMetadataSchema, describeZodError } from '../../../shared/schemas';

interface Props {
  metadata: DocumentMetadata;
  /** The date is the file's creation date, for want of one in the document: say so beside it. */
  dateFromFile?: boolean;
  /** `confirmed`: fields the user said are right as they are (the date taken from the file). */
  onSave(metadata: DocumentMetadata, confirmed: MetadataField[]): Promise<void>;
  onClose(): void;
}

export function MetadataDialog({ metadata, dateFromFile = false, onSave, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState({
    title: metadata.title,
    authors: metadata.authors.join('\n'),
    date: metadata.date ?? '',
    publication: metadata.publication ?? '',
    url: metadata.url ?? '',
    doi: metadata.doi ?? '',
    kind: metadata.kind,
  });
  const [dateConfirmed, setDateConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const showDateNote = dateFromFile && form.date !== '' && form.date === (metadata.date ?? '');

  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value }),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const candidate = {
      title: form.title.trim(),
      authors: form.authors.split(/\n|;/).map((a) => a.trim()).filter(Boolean),
      date: form.date.trim() || null,
      publication: form.publication.trim() || null,
      url: form.url.trim() || null,
      doi: form.doi.trim() || null,
      kind: form.kind as DocumentKind,
    };
    const parsed = documentMetadataSchema.safeParse(candidate);
    if (!parsed.success) return setError(describeZodError(parsed.error));
    setSaving(true);
    try {
      await onSave(parsed.data, dateConfirmed ? ['date'] : []);
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setSaving(false);
    }
  }

  return (
    <dialog ref={dialog} className="metadata-dialog" onClose={onClose} aria-labelledby="metadata-title">
      <form onSubmit={submit}>
        <h2 id="metadata-title">Document details</h2>
        <label>
          Title
          <input required {...field('title')} />
        </label>
        <label>
          Authors <span className="hint">one per line</span>
          <textarea rows={3} {...field('authors')} />
        </label>
        <div className="row">
          <div>
            <label>
              Date <span className="hint">2018, 2018-11 or 2018-11-12</span>
              <input {...field('date')} placeholder="YYYY-MM-DD" aria-describedby={showDateNote ? 'date-from-file' : undefined} />
            </label>
            {showDateNote && (
              <div id="date-from-file" className="field-note">
                This date is when the file was made, not a date found in the document: check it.
                <label className="checkbox">
                  <input type="checkbox" checked={dateConfirmed} onChange={(e) => setDateConfirmed(e.target.checked)} /> It is right
                </label>
              </div>
            )}
          </div>
          <label>
            Kind
            <select {...field('kind')}>
              {DOCUMENT_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {DOCUMENT_KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label>
          Publication
          <input {...field('publication')} />
        </label>
        <label>
          URL
          <input type="url" {...field('url')} />
        </label>
        <label>
          DOI
          <input {...field('doi')} />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving}>
            Save
          </button>
        </div>
      </form>
    </dialog>
  );
}
