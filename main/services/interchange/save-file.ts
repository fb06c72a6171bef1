// Saving an exported file where the user chooses (desktop app): the dialog is passed in by
// main/electron, the write is atomic, so the chosen path holds the old file or the whole new one.
import { AppError } from '../../../shared/errors';
import { writeFileAtomic } from '../library/atomic';

/** Asks the user where to save; resolves to an absolute path, or null if they cancelled. */
export type ChooseSaveTarget = (suggestion: { fileName: string; mimeType: string }) => Promise<string | null>;

export async function saveFileWithDialog(
  choose: ChooseSaveTarget | undefined,
  file: { fileName: string; mimeType: string; bytes: Uint8Array },
): Promise<{ path: string } | null> {
  if (!choose) {
    throw new AppError('unsupported', 'Saving with a dialog is only available in the desktop app; the browser downloads the file instead.');
  }
  const target = await choose({ fileName: file.fileName, mimeType: file.mimeType });
  if (!target) return null;
  try {
    await writeFileAtomic(target, file.bytes);
  } catch (error) {
    throw new AppError('forbidden', `${target} could not be written (${(error as Error).message}). Choose another folder.`);
  }
  return { path: target };
}
