// Imports files one after another, with progress, cancellation between files, and a result per file:
// a failure is reported with the file's name and reason, and the rest of the batch goes on.
import { useCallback, useRef, useState } from 'react';
import { call, errorMessage } from '../api/client';
import { readChosenFile } from '../api/files';
import { isAppError } from '../../../shared/errors';
import type { LibraryDocument } from '../../../shared/model';
import { withPassword, type AskPassword } from '../ui/PasswordPrompt';

/** Whether a call failed because the file is an encrypted PDF (its password is missing or wrong). */
export const isEncryptedError = (error: unknown): boolean => isAppError(error) && error.code === 'encrypted';

export interface ImportProgress {
  total: number;
  done: number;
  current: string | null;
}

export interface ImportFailure {
  name: string;
  message: string;
}

export interface ImportReport {
  imported: LibraryDocument[];
  duplicates: LibraryDocument[];
  failures: ImportFailure[];
  cancelled: boolean;
}

/** Imports files; an encrypted PDF is imported with the password `askPassword` gets from the user. */
export function useImporter(onImported: (report: ImportReport) => void, askPassword?: AskPassword) {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const cancelled = useRef(false);
  const running = useRef(false);

  const importFiles = useCallback(
    async (files: File[]) => {
      if (running.current || files.length === 0) return;
      running.current = true;
      cancelled.current = false;
      const report: ImportReport = { imported: [], duplicates: [], failures: [], cancelled: false };
      for (const [index, file] of files.entries()) {
        if (cancelled.current) {
          report.cancelled = true;
          break;
        }
        setProgress({ total: files.length, done: index, current: file.name });
        try {
          const bytes = await readChosenFile(file);
          const outcome = await withPassword(
            file.name,
            askPassword,
            (password) => call('documents.import', { name: file.name, bytes, ...(password ? { password } : {}) }),
            isEncryptedError,
          );
          if (outcome === null) {
            report.failures.push({ name: file.name, message: 'It is password-protected, and no password was given. Import it again to enter one.' });
          } else (outcome.status === 'imported' ? report.imported : report.duplicates).push(outcome.document);
        } catch (error) {
          report.failures.push({ name: file.name, message: errorMessage(error) });
        }
      }
      setProgress(null);
      running.current = false;
      onImported(report);
    },
    [onImported, askPassword],
  );

  const cancel = useCallback(() => {
    cancelled.current = true;
  }, []);

  return { importFiles, progress, cancel };
}

export const ACCEPTED_FILES = '.pdf,.html,.htm,.xhtml,.md,.markdown,.txt,.text';
