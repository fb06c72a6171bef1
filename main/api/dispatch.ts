// The one entry point every transport (Electron IPC, the browser-mode HTTP host, tests) goes through:
// it checks the call name, validates the payload against the contract's schema before any service
// sees it, and turns every failure into an ApiError value.
import { contract, isCallName, type CallName, type CallResult, type ValidArgs } from '../../shared/api';
import { isAppError, type ApiResult, type ErrorCode } from '../../shared/errors';
import { describeZodError } from '../../shared/schemas';

export type Handlers = {
  [K in CallName]: (args: ValidArgs<K>) => Promise<CallResult<K>>;
};

export type Dispatch = (name: string, args: unknown) => Promise<ApiResult<unknown>>;

export interface DispatchOptions {
  /** Where unexpected errors (bugs, not user errors) are reported. */
  onInternalError?: (name: string, error: unknown) => void;
}

export function createDispatcher(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async (name, args) => {
    if (!isCallName(name)) return failure('invalid-input', `There is no call named "${String(name).slice(0, 100)}".`);
    let parsed: ReturnType<(typeof contract)[typeof name]['args']['safeParse']>;
    try {
      parsed = contract[name].args.safeParse(args === undefined ? {} : args);
    } catch {
      // zod runs a string's length checks on any value with a "length" property even after its type check
      // failed; a length that cannot be compared (an object without a prototype) then throws.
      return failure('invalid-input', `Invalid arguments for ${name}: they are not of the shape this call takes.`);
    }
    if (!parsed.success) {
      return failure('invalid-input', `Invalid arguments for ${name}: ${describeZodError(parsed.error)}`);
    }
    try {
      const handler = handlers[name] as (args: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (isAppError(error)) return failure(error.code, error.message);
      options.onInternalError?.(name, error);
      return failure('internal', `Something went wrong in ${name}: ${(error as Error)?.message ?? String(error)}`);
    }
  };
}

function failure(code: ErrorCode, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}
