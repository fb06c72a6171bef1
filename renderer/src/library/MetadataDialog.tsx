// Editing a source's bibliographic details.
import { useState, type FormEvent } from 'react';
import { DOCUMENT_KINDS, DOCUMENT_KIND_LABELS, type DocumentKind, type DocumentMetadata, type MetadataField } from '../../../shared/model';
import { printedPageLabel, type PageNumbering } from '../../../shared/pdf/page-labels';
import { documentMetadataSchema, describeZodError, pageOffsetSchema } from '../../../shared/schemas';
import { useDocumentVariableForm } from '../variables/DocumentVariableFields';
import { useModalDialog } from '../ui/useModalDialog';

interface Props {
  metadata: DocumentMetadata;
  /** The document, to edit its variables too (saved after its details). */
  documentId?: string;
  /** The date is the file's creation date, for want of one in the document: say so beside it. */
  dateFromFile?: boolean;
  /** A PDF's page numbering, to set which printed number its first page has (absent for other formats). */
  numbering?: PageNumbering;
  /**
   * `confirmed`: fields the user said are right as they are (the date taken from the file);
   * `pageOffset`: the PDF's page offset, null for the PDF's own numbering.
   */
  onSave(metadata: DocumentMetadata, confirmed: MetadataField[], pageOffset: number | null): Promise<void>;
  onClose(): void;
}

export function MetadataDialog({ metadata, documentId, dateFromFile = false, numbering, onSave, onClose }: Props) {
  const dialog = useModalDialog();
  const [form, setForm] = useState({
    title: metadata.title,
    authors: metadata.authors.join('\n'),
    date: metadata.date ?? '',
    publication: metadata.publication ?? '',
    url: metadata.url ?? '',
    doi: metadata.doi ?? '',
    kind: metadata.kind,
    firstPage: numbering?.pageOffset !== undefined ? String(numbering.pageOffset + 1) : '',
  });
  const [dateConfirmed, setDateConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const variables = useDocumentVariableForm(documentId);

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
    const firstPage = form.firstPage.trim().replace(/^[−–]/, '-');
    let pageOffset: number | null = null;
    if (firstPage !== '') {
      const offset = pageOffsetSchema.safeParse(/^-?\d+$/.test(firstPage) ? Number(firstPage) - 1 : Number.NaN);
      if (!offset.success) return setError(`Printed number of the first page: “${form.firstPage}” is not a whole number like 215 (or -1 when the file starts with two unnumbered pages).`);
      pageOffset = offset.data;
    }
    const variableChanges = variables.changes();
    if ('error' in variableChanges) return setError(variableChanges.error);
    setSaving(true);
    try {
      await onSave(parsed.data, dateConfirmed ? ['date'] : [], pageOffset);
      await variables.save(variableChanges.values);
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
        {numbering && <PageNumberingField numbering={numbering} {...field('firstPage')} />}
        {variables.fields}
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

/** Which printed number the file's first page has, with what the pages are called now. */
function PageNumberingField({ numbering, value, onChange }: { numbering: PageNumbering; value: string; onChange(event: { target: { value: string } }): void }) {
  const own = numbering.pageLabels;
  const example = (n: PageNumbering) => [0, 1, 2].map((i) => printedPageLabel(n, i)).join(', ');
  return (
    <div>
      <label>
        Printed number of the file’s first page <span className="hint">for citations; empty: {own ? 'the PDF’s own numbers' : '1'}</span>
        <input inputMode="numeric" value={value} onChange={onChange} placeholder={own ? 'from the PDF' : '1'} aria-describedby="page-numbering-note" />
      </label>
      <p id="page-numbering-note" className="field-note">
        {own ? `This PDF numbers its pages itself: ${example({ pageLabels: own })}, …` : 'This PDF does not number its pages itself.'} If page 1 of
        the file is printed page 215, enter 215; if the file starts with two unnumbered pages, enter −1.
      </p>
    </div>
  );
}
