// IPC channel names and the call list handed to the preload, shared by main (ipc.ts, window.ts) and
// the preload. No runtime import of the contract here: the preload bundle stays free of zod.
import type { CallName } from '../../shared/api';

export const CALL_CHANNEL_PREFIX = 'apostil:';
export const EVENT_CHANNEL = 'apostil:event';

export function callChannel(name: CallName): string {
  return `${CALL_CHANNEL_PREFIX}${name}`;
}

/**
 * Main passes the contract's call names (CALL_NAMES) to the sandboxed preload as one renderer
 * argument (webPreferences.additionalArguments), so the preload need not bundle the contract and its
 * schemas just to learn the names, and never holds a hand-written copy of the list.
 */
export const CALLS_ARGUMENT_PREFIX = '--apostil-calls=';
const CALL_NAME_PATTERN = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/;

export function callsArgument(names: readonly CallName[]): string {
  for (const name of names) {
    if (!CALL_NAME_PATTERN.test(name)) throw new Error(`Call name "${name}" cannot be passed to the preload.`);
  }
  return `${CALLS_ARGUMENT_PREFIX}${names.join(',')}`;
}

/** The call names from the renderer's argv; ill-formed names are dropped. */
export function readCallsArgument(argv: readonly string[]): CallName[] {
  const argument = argv.find((arg) => arg.startsWith(CALLS_ARGUMENT_PREFIX));
  if (!argument) return [];
  const names = argument.slice(CALLS_ARGUMENT_PREFIX.length).split(',');
  return [...new Set(names.filter((name) => CALL_NAME_PATTERN.test(name)))] as CallName[];
}
