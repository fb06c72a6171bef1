// Browser mode's bridge: the same one-function-per-call shape as the Electron preload, over HTTP to
// the host on 127.0.0.1, signed with the session token (http-session.ts). Files travel as raw bytes
// beside the JSON (shared/wire.ts), and a call over its size limits is refused here, in words, before
// anything is sent. The contract itself (its schemas, zod with them) is not needed for that at start:
// the page's first script signs in and asks for the library's list without loading it.
import type { ApiBridge, CallName } from '../../../shared/api';
import { describeSize, NO_ARGS_CALL } from '../../../shared/call-limits';
import type { ApiResult } from '../../../shared/errors';
import { decodeParts, encodeParts, parseLayout, PARTS_CONTENT_TYPE, PARTS_HEADER } from '../../../shared/wire';
import { authHeaders, startSession } from './http-session';

const UNREACHABLE = 'Apostil is not reachable. Is `npm run web` still running?';

export function createHttpBridge(): ApiBridge {
  // Before anything else reads the address: it carries the launch token.
  startSession();
  // One function per call name ("documents.list": names have a dot, so `then` and the like are not
  // calls); a name the contract lacks is refused by the host, in words.
  return new Proxy({} as ApiBridge, {
    get: (_, name) => (typeof name === 'string' && name.includes('.') ? (args: unknown) => send(name as CallName, args ?? {}) : undefined),
  });
}

async function send(name: CallName, args: unknown): Promise<ApiResult<unknown>> {
  const message = encodeParts(args);
  const json = message ? null : JSON.stringify(args);
  const refused = await checkLimits(name, args, message ? message.json.byteLength : new TextEncoder().encode(json!).byteLength, message?.parts ?? []);
  if (refused) return refused;
  let response: Response;
  try {
    response = await fetch(`api/call/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: {
        ...(await authHeaders()),
        ...(message ? { 'Content-Type': PARTS_CONTENT_TYPE, [PARTS_HEADER]: message.layout } : { 'Content-Type': 'application/json' }),
      },
      // A Blob sends the files without copying them into one more buffer.
      body: message ? new Blob([message.json, ...message.parts] as BlobPart[]) : json,
      credentials: 'omit',
    });
  } catch {
    return failure('internal', UNREACHABLE);
  }
  return readResult(response);
}

/** A refusal in words if the call is larger than the host accepts (shared/api.ts), else null. */
async function checkLimits(name: CallName, args: unknown, jsonBytes: number, parts: Uint8Array[]): Promise<ApiResult<never> | null> {
  const files = parts.reduce((n, part) => n + part.byteLength, 0);
  // Within every call's limits: sent without loading the contract (the first reads are such calls).
  if (jsonBytes <= NO_ARGS_CALL.json && files <= NO_ARGS_CALL.files) return null;
  const { contract } = await import('../../../shared/api');
  const limits = contract[name]?.limits;
  if (!limits) return null; // not a call: the host says so
  if (files > limits.files) {
    const fileName = typeof (args as { name?: unknown }).name === 'string' ? `"${(args as { name: string }).name}" ` : 'The file ';
    return failure('too-large', `${fileName}is ${describeSize(files)}, and Apostil accepts files of up to ${describeSize(limits.files)}.`);
  }
  if (jsonBytes > limits.json) {
    return failure('too-large', `This is too much to send at once (${describeSize(jsonBytes)}; ${name} takes up to ${describeSize(limits.json)}).`);
  }
  return null;
}

async function readResult(response: Response): Promise<ApiResult<unknown>> {
  const type = (response.headers.get('Content-Type') ?? '').split(';')[0]!.trim();
  try {
    if (type === 'application/json') return (await response.json()) as ApiResult<unknown>;
    const layout = type === PARTS_CONTENT_TYPE ? parseLayout(response.headers.get(PARTS_HEADER) ?? '') : null;
    if (layout) {
      const body = new Uint8Array(await response.arrayBuffer());
      const [jsonSize, ...sizes] = layout as [number, ...number[]];
      let offset = jsonSize;
      const parts = sizes.map((size) => body.subarray(offset, (offset += size)));
      return decodeParts(body.subarray(0, jsonSize), parts) as ApiResult<unknown>;
    }
    const text = (await response.text()) || `HTTP ${response.status}`;
    return failure(response.status === 401 || response.status === 403 ? 'forbidden' : 'internal', text);
  } catch {
    return failure('internal', UNREACHABLE);
  }
}

function failure(code: 'internal' | 'too-large' | 'forbidden', message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

export { subscribeHttpEvents } from './http-events';
