// "Replace file…": give a document a new version of its file (a corrected or re-typeset PDF). Main
// re-anchors every annotation in the new text; the reader then reopens on the new version (when the
// replacement's change event arrives) and lists what could not be found as orphans.
import { useRef, useState } from 'react';
import type { LibraryDocument } from '../../../shared/model';
import { call, errorMessage } from '../api/client';
import { readChosenFile } from '../api/files';
import { isEncryptedError } from '../library/useImporter';
import { useNotices } from '../ui/notices';
import { withPassword, type AskPassword } from '../ui/PasswordPrompt';

const ACCEPT = { pdf: '.pdf', html: '.html,.htm,.xhtml', markdown: '.md,.markdown', text: '.txt,.text' } as const;

interface Props {
  document: LibraryDocument;
  askPassword: AskPassword;
}

export function ReplaceFileButton({ document, askPassword }: Props) {
  const { notify } = useNotices();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  async function replace(file: File) {
    setBusy(true);
    try {
      const bytes = await readChosenFile(file);
      const outcome = await withPassword(
        file.name,
        askPassword,
        (password) => call('documents.replaceFile', { id: document.id, name: file.name, bytes, ...(password ? { password } : {}) }),
        isEncryptedError,
      );
      if (!outcome) return;
      const { reanchored, orphaned } = outcome;
      const found = `${reanchored} annotation${reanchored === 1 ? '' : 's'} found again`;
      const lost = orphaned ? `; ${orphaned} could not be placed and ${orphaned === 1 ? 'is' : 'are'} listed under “Could not be placed”` : '';
      notify(orphaned ? 'error' : 'info', `Replaced with “${file.name}”: ${found}${lost}. The previous version is kept in the library folder.`);
    } catch (error) {
      notify('error', `The file was not replaced: ${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" onClick={() => input.current?.click()} disabled={busy} title="Replace this document's file with a new version">
        {busy ? 'Replacing…' : 'Replace file…'}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept={ACCEPT[document.format]}
        data-testid="replace-file-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void replace(file);
        }}
      />
    </>
  );
}
