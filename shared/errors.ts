// Errors cross process boundaries as values: Electron passes only an error's message across invoke,
// so a call returns { ok: false, error } instead of throwing.

export const ERROR_CODES = [
  'invalid-input',
  'not-found',
  'duplicate',
  'unsupported',
  'too-large',
  'corrupt',
  'encrypted',
  'in-use',
  'forbidden',
  'cancelled',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown by services; the dispatcher turns it into an ApiError with the same code and message. */
export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
