// The codebook in and out of files: export as a REFI-QDA codebook (.qdc) for NVivo, ATLAS.ti, MAXQDA
// or QualCoder; import one, merged by name into the codebook there is or replacing it (a preview says
// what each would do first); and, while nothing is coded, a codebook to start from.
import { useRef, useState } from 'react';
import type { CodebookImportPreview } from '../../../shared/api';
import type { CodebookImportMode } from '../../../shared/codebooks/merge';
import type { CodebookTemplate } from '../../../shared/codebooks/templates';
import { call, errorMessage } from '../api/client';
import { saveFile } from '../interchange/save';
import { useNotices } from '../ui/notices';
import { useCodebook } from './codebook-context';
import { useModalDialog } from '../ui/useModalDialog';

interface Pending {
  file: File;
  bytes: Uint8Array<ArrayBuffer>;
  preview: CodebookImportPreview;
}

/** Import and export buttons for the codebook view's header. */
export function CodebookFiles() {
  const { notify } = useNotices();
  const importer = useCodebookImport();
  const exportQdc = async () => {
    try {
      const where = await saveFile(await call('codebook.exportQdc', {}));
      if (where) notify('info', `The codebook was saved to ${where}.`);
    } catch (error) {
      notify('error', `The codebook could not be exported: ${errorMessage(error)}`);
    }
  };
  return (
    <>
      <button type="button" onClick={importer.choose}>
        Import codebook (.qdc)…
      </button>
      <button type="button" onClick={() => void exportQdc()}>
        Export codebook (.qdc)
      </button>
      {importer.elements}
    </>
  );
}

/** Shown while no passage is coded: which codebook to start from. */
export function StartCodebook() {
  const { notify } = useNotices();
  const { accept } = useCodebook();
  const importer = useCodebookImport();
  const start = async (template: CodebookTemplate) => {
    try {
      const result = await call('codebook.start', { template });
      accept(result);
      notify('info', result.summary, { label: 'Undo', run: () => void call('codebook.undo', {}).then(accept, (e: unknown) => notify('error', errorMessage(e))) });
    } catch (error) {
      notify('error', errorMessage(error));
    }
  };
  return (
    <section className="start-codebook" aria-label="Start from a codebook">
      <p>Nothing is coded yet, so you can start from another codebook:</p>
      <button type="button" onClick={() => void start('paris-call')}>
        The Paris Call codebook
      </button>
      <button type="button" onClick={() => void start('empty')}>
        An empty codebook
      </button>
      <button type="button" onClick={importer.choose}>
        A codebook file (.qdc)…
      </button>
      {importer.elements}
    </section>
  );
}

/** A hidden file input and, once a file is read, the dialog asking how to bring it in. */
function useCodebookImport() {
  const { notify } = useNotices();
  const { codebook, accept } = useCodebook();
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<Pending | null>(null);

  const run = async (file: File, bytes: Uint8Array<ArrayBuffer>, mode: CodebookImportMode) => {
    try {
      const result = await call('codebook.import', { name: file.name, bytes, mode });
      accept(result);
      notify('info', [result.summary, ...result.notes].join(' '), { label: 'Undo', run: () => void call('codebook.undo', {}).then(accept, (e: unknown) => notify('error', errorMessage(e))) });
      return true;
    } catch (error) {
      notify('error', errorMessage(error));
      return false;
    }
  };

  const read = async (file: File) => {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const preview = await call('codebook.importPreview', { name: file.name, bytes });
      // Nothing to merge with: the file's codebook simply becomes the library's.
      if (codebook.principles.length === 0 && codebook.actors.length === 0) await run(file, bytes, 'merge');
      else setPending({ file, bytes, preview });
    } catch (error) {
      notify('error', errorMessage(error));
    }
  };

  const elements = (
    <>
      <input
        ref={input}
        type="file"
        hidden
        accept=".qdc,.xml"
        data-testid="import-codebook-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void read(file);
        }}
      />
      {pending && <ImportDialog pending={pending} onClose={() => setPending(null)} onImport={async (mode) => (await run(pending.file, pending.bytes, mode)) && setPending(null)} />}
    </>
  );
  return { choose: () => input.current?.click(), elements };
}

function ImportDialog({ pending, onImport, onClose }: { pending: Pending; onImport(mode: CodebookImportMode): Promise<unknown>; onClose(): void }) {
  const dialog = useModalDialog();
  const [mode, setMode] = useState<CodebookImportMode>('merge');
  const [busy, setBusy] = useState(false);
  const { preview, file } = pending;
  const blocked = mode === 'replace' && preview.droppedPassages > 0;
  return (
    <dialog ref={dialog} className="metadata-dialog code-dialog" aria-labelledby="import-codebook-title" onClose={onClose}>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          await onImport(mode);
          setBusy(false);
        }}
      >
        <h2 id="import-codebook-title">Import {file.name}</h2>
        <p>
          It holds {preview.principles} principle{preview.principles === 1 ? '' : 's'} and {preview.actors} actor{preview.actors === 1 ? '' : 's'}: {preview.matched} of them
          have a namesake in your codebook, {preview.added} are new.
        </p>
        <fieldset className="choice-list">
          <legend>How should it come in?</legend>
          <label>
            <input type="radio" name="mode" checked={mode === 'merge'} onChange={() => setMode('merge')} /> Merge by name: keep every code you have, fill in what
            yours lack from the file, and add the {preview.added} new one{preview.added === 1 ? '' : 's'}
          </label>
          <label>
            <input type="radio" name="mode" checked={mode === 'replace'} onChange={() => setMode('replace')} /> Replace your codebook with the file's (codes of the same
            name keep their passages)
          </label>
        </fieldset>
        {mode === 'replace' && preview.droppedByReplace.length > 0 && (
          <p className={blocked ? 'form-error' : 'hint'}>
            Your codebook would lose {preview.droppedByReplace.length} code{preview.droppedByReplace.length === 1 ? '' : 's'} the file lacks (
            {preview.droppedByReplace.slice(0, 6).join(', ')}
            {preview.droppedByReplace.length > 6 ? '…' : ''})
            {blocked ? `, and ${preview.droppedPassages} passage${preview.droppedPassages === 1 ? ' is' : 's are'} coded with them: merge instead, or recode those first.` : '.'}
          </p>
        )}
        {preview.notes.length > 0 && (
          <ul className="hint import-notes">
            {preview.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || blocked}>
            Import
          </button>
        </div>
      </form>
    </dialog>
  );
}
