// Opening the library at start, with a way out when it cannot be opened: the user is told what
// happened and what to do, and may pick another folder or quit. No Electron here: the question is
// asked through `recover`, so this is unit-tested.
import { isAppError } from '../../shared/errors';

export interface LibraryProblem {
  libraryPath: string;
  /** One line: what happened. */
  title: string;
  /** What happened in detail, and what to do. */
  detail: string;
}

export interface OpenedLibrary<T> {
  app: T;
  libraryPath: string;
  /** True when the user picked this folder after a problem (worth remembering in the settings). */
  chosenByUser: boolean;
}

export async function openLibraryWithRecovery<T>(
  libraryPath: string,
  open: (libraryPath: string) => Promise<T>,
  recover: (problem: LibraryProblem) => Promise<string | null>,
): Promise<OpenedLibrary<T> | null> {
  let current = libraryPath;
  let chosenByUser = false;
  for (;;) {
    try {
      return { app: await open(current), libraryPath: current, chosenByUser };
    } catch (error) {
      const next = await recover(describeOpenError(error, current));
      if (next === null) return null;
      current = next;
      chosenByUser = true;
    }
  }
}

export function describeOpenError(error: unknown, libraryPath: string): LibraryProblem {
  const message = error instanceof Error ? error.message : String(error);
  if (isAppError(error) && error.code === 'in-use') {
    return { libraryPath, title: 'This library is already open in another Apostil.', detail: message };
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return {
      libraryPath,
      title: 'Apostil may not read or write the library folder.',
      detail: `${libraryPath}: ${message}\n\nCheck the folder's permissions, or choose another folder.`,
    };
  }
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    return {
      libraryPath,
      title: 'The library location is not a folder.',
      detail: `${libraryPath}: ${message}\n\nChoose a folder for the library.`,
    };
  }
  return {
    libraryPath,
    title: 'Apostil could not open the library.',
    detail: `${libraryPath}: ${message}\n\nIf the folder was changed by hand, restore it from a backup, or choose another folder.`,
  };
}
