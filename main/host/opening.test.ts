import { describe, expect, it } from 'vitest';
import type { Dispatch } from '../api/dispatch';
import { dispatchWhenOpen } from './opening';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

describe('calls made while the library opens', () => {
  it('wait for the open, then are answered by the library', async () => {
    const opening = deferred<Dispatch>();
    let answered = false;
    const call = dispatchWhenOpen(opening.promise, '/lib')('documents.list', {}).then((result) => ((answered = true), result));
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    opening.resolve(async (name) => ({ ok: true, value: `answered ${name}` }));
    expect(await call).toEqual({ ok: true, value: 'answered documents.list' });
  });

  it('are answered with why when the library cannot be opened', async () => {
    const opening = deferred<Dispatch>();
    const call = dispatchWhenOpen(opening.promise, '/lib')('documents.list', {});
    opening.reject(new Error('The library at /lib is in use by another Apostil.'));
    expect(await call).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Apostil could not open the library at /lib: The library at /lib is in use by another Apostil.' },
    });
  });
});
