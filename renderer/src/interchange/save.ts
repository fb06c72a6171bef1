// Saving a file the app made: the desktop app asks main to show a save dialog and write it atomically
// (files.save); a browser downloads it from a blob: link (the CSP allows blob: for this).
import type { ExportedFile } from '../../../shared/interchange/types';
import { call } from '../api/client';

/** Resolves to where the file went, or null if the user cancelled the dialog. */
export async function saveFile(file: ExportedFile): Promise<string | null> {
  if (window.apostil) {
    const saved = await call('files.save', { ...file, bytes: new Uint8Array(file.bytes) });
    return saved?.path ?? null;
  }
  const blob = new Blob([file.bytes as BlobPart], { type: file.mimeType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: the download reads the blob after this function returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return `your downloads (${file.fileName})`;
}
