// Browser mode's sign-in answers the first screen's reads too (main/host/server.ts): the page's first
// script trades its launch token for the session token and, in the same request, asks for what the
// library list waits for, instead of asking for it only once the token is back (a round trip more,
// on a host still opening the library and a page still running its own code). Kept apart from
// shared/api.ts so that the page's first script reads it without the contract's schemas (zod).

/** The calls a sign-in may ask for: reads without arguments, the first screen's. */
export const SIGN_IN_READS = ['documents.list', 'codebook.get', 'collections.get'] as const;
export type SignInRead = (typeof SIGN_IN_READS)[number];

/** The answer to a sign-in that asks for reads: one JSON text a line, the session first, then each read as it is ready. */
export const SIGN_IN_LINES_TYPE = 'application/x-ndjson';

/** A line after the first: one read's result (an ApiResult, as POST /api/call/<name> would answer). */
export interface SignInReadLine {
  read: SignInRead;
  result: unknown;
}
