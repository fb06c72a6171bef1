import { describe, expect, it, vi } from 'vitest';
import { CALL_NAMES } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { createDispatcher, type Handlers } from './dispatch';

type Spy = ReturnType<typeof vi.fn<(args: unknown) => Promise<unknown>>>;

function spyHandlers(): Record<string, Spy> {
  return Object.fromEntries(CALL_NAMES.map((name) => [name, vi.fn(async (_args: unknown): Promise<unknown> => `result of ${name}`)]));
}

const asHandlers = (spies: Record<string, Spy>) => spies as unknown as Handlers;

describe('createDispatcher', () => {
  it('passes valid arguments to the handler and wraps its result', async () => {
    const handlers = spyHandlers();
    const dispatch = createDispatcher(asHandlers(handlers));
    expect(await dispatch('documents.open', { id: 'abc' })).toEqual({ ok: true, value: 'result of documents.open' });
    expect(handlers['documents.open']).toHaveBeenCalledWith({ id: 'abc' });
  });

  it('rejects a payload that fails its schema before any handler runs', async () => {
    const handlers = spyHandlers();
    const dispatch = createDispatcher(asHandlers(handlers));
    for (const payload of [{ id: '../../etc' }, { id: 5 }, { id: 'a', extra: 1 }, null, 'text', []]) {
      const result = await dispatch('documents.open', payload);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    expect(handlers['documents.open']).not.toHaveBeenCalled();
  });

  it('refuses in words a payload that makes the schema itself throw', async () => {
    const handlers = spyHandlers();
    const dispatch = createDispatcher(asHandlers(handlers));
    // Found by contract-fuzz: a "length" zod compares with a number, which an object without a prototype cannot be.
    const name = { length: Object.create(null) as object };
    const result = await dispatch('collections.edit', { edit: { op: 'rename', id: 'no-such-collection', name } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(handlers['collections.edit']).not.toHaveBeenCalled();
  });

  it('refuses unknown call names, including prototype keys', async () => {
    const dispatch = createDispatcher(asHandlers(spyHandlers()));
    for (const name of ['nope', '__proto__', 'constructor', 'toString']) {
      expect(await dispatch(name, {})).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });

  it('turns service errors into values with their code and message', async () => {
    const handlers = spyHandlers();
    handlers['documents.open']!.mockRejectedValueOnce(new AppError('not-found', 'No such document.'));
    const onInternalError = vi.fn();
    const dispatch = createDispatcher(asHandlers(handlers), { onInternalError });
    expect(await dispatch('documents.open', { id: 'x' })).toEqual({ ok: false, error: { code: 'not-found', message: 'No such document.' } });
    handlers['documents.list']!.mockRejectedValueOnce(new TypeError('boom'));
    expect(await dispatch('documents.list', {})).toMatchObject({ ok: false, error: { code: 'internal', message: /boom/ } });
    expect(onInternalError).toHaveBeenCalledOnce();
  });
});
