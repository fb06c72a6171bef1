// The host serves its address while the library opens (the browser loads the page meanwhile): calls
// made before the open finishes wait for it, and if the library cannot be opened they are answered with
// why, in words.
import type { ApiResult } from '../../shared/errors';
import type { Dispatch } from '../api/dispatch';

export function dispatchWhenOpen(opening: Promise<Dispatch>, libraryPath: string): Dispatch {
  const notOpened = (error: unknown): ApiResult<never> => ({
    ok: false,
    error: { code: 'internal', message: `Apostil could not open the library at ${libraryPath}: ${(error as Error).message}` },
  });
  opening.catch(() => undefined); // the host reports a failed open itself; until a call, nobody waits here
  return (name, args) => opening.then((dispatch) => dispatch(name, args), notOpened);
}
