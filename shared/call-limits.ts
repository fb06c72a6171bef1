// How large a call's request may be over HTTP (browser mode), apart from the contract's schemas: the
// page's bridge reads these without loading zod, which its first script then does without.
// shared/api.ts gives each call its limits from here.

/**
 * How large a call's request may be, in bytes: its JSON, and the files it carries beside the JSON
 * (see shared/wire.ts). The host refuses a larger body before reading it, so that no client can make
 * it parse a huge JSON text.
 */
export interface BodyLimits {
  json: number;
  files: number;
}

export const KB = 1024;
export const MB = 1024 * KB;

/** A size in words for messages: "200 MB", "64 KB". */
export function describeSize(bytes: number): string {
  if (bytes >= MB) return `${Math.round((bytes / MB) * 10) / 10} MB`;
  if (bytes >= KB) return `${Math.round(bytes / KB)} KB`;
  return `${bytes} bytes`;
}

/** Ids, names, a query, a patch of settings: a few kilobytes at most. */
export const SMALL_CALL: BodyLimits = { json: 64 * KB, files: 0 };
/**
 * A call without arguments sends "{}". The smallest limits of all: a request within them, with no
 * files, is within every call's limits (api.test.ts), so the page sends it without looking its call up.
 */
export const NO_ARGS_CALL: BodyLimits = { json: 1 * KB, files: 0 };

/** Files read for an import (references, annotations) are text; 50 MB is far beyond any real one. */
export const MAX_IMPORT_TEXT_BYTES = 50 * MB;

/** The largest file accepted by an import, in bytes. Larger files are refused with a clear message. */
export const MAX_IMPORT_BYTES = 200 * MB;
