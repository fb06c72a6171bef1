// Reading a call's request body in browser mode, within the call's limits (shared/api.ts): the size
// is checked from the headers before anything is read, counted again while reading, and JSON is parsed
// only once it is known to be small. Files come as raw parts after the JSON (shared/wire.ts), copied
// once into a buffer of their announced size. A body that stops arriving is dropped after a few
// seconds of silence instead of holding the connection.
import type { IncomingMessage } from 'node:http';
import { contract, describeSize, isCallName, type BodyLimits } from '../../shared/api';
import type { ErrorCode } from '../../shared/errors';
import { decodeParts, parseLayout, PARTS_CONTENT_TYPE, PARTS_HEADER } from '../../shared/wire';

/** Silence allowed in the middle of a body before it is dropped. */
export const BODY_IDLE_MS = 5_000;

/** Why a body was refused: the HTTP status, and the error the caller reads. */
export class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The limits of a call; an unknown name (refused later by the dispatcher) may send almost nothing. */
export function limitsOf(name: string): BodyLimits {
  return isCallName(name) ? contract[name].limits : { json: 1024, files: 0 };
}

/** The call's arguments from its body, or a BodyError. */
export async function readCallArgs(request: IncomingMessage, name: string, idleMs = BODY_IDLE_MS): Promise<unknown> {
  const limits = limitsOf(name);
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const declared = request.headers['content-length'] === undefined ? null : Number(request.headers['content-length']);
  const tooLarge = (what: string, size: number, limit: number) =>
    new BodyError(413, 'too-large', `${name} was refused: ${what} ${describeSize(size)}, and it accepts at most ${describeSize(limit)}.`);

  if (type === 'application/json') {
    // A JSON content type cannot be sent by a plain cross-site form (and every call needs its token).
    if (declared !== null && declared > limits.json) throw tooLarge('its arguments are', declared, limits.json);
    const body = await readBody(request, { max: limits.json, expected: declared, idleMs }, (size) => tooLarge('its arguments are over', size, limits.json));
    try {
      return JSON.parse(body.toString('utf8'));
    } catch (error) {
      throw new BodyError(400, 'invalid-input', `The request could not be read: ${(error as Error).message}`);
    }
  }
  if (type === PARTS_CONTENT_TYPE) {
    const layout = parseLayout(String(request.headers[PARTS_HEADER.toLowerCase()] ?? ''));
    if (!layout) throw new BodyError(400, 'invalid-input', `The request could not be read: its ${PARTS_HEADER} header is missing or malformed.`);
    const [jsonSize, ...partSizes] = layout as [number, ...number[]];
    const filesSize = partSizes.reduce((a, b) => a + b, 0);
    if (jsonSize > limits.json) throw tooLarge('its arguments are', jsonSize, limits.json);
    if (filesSize > limits.files) {
      throw limits.files === 0
        ? new BodyError(400, 'invalid-input', `${name} takes no files.`)
        : tooLarge(partSizes.length > 1 ? 'its files are' : 'the file is', filesSize, limits.files);
    }
    const total = jsonSize + filesSize;
    if (declared !== null && declared !== total) {
      throw new BodyError(400, 'invalid-input', `The request could not be read: it is ${declared} bytes long, but its ${PARTS_HEADER} header adds up to ${total}.`);
    }
    const body = await readBody(request, { max: total, expected: total, idleMs }, () => new BodyError(400, 'invalid-input', 'The request could not be read: it is longer than its parts.'));
    if (body.length !== total) throw new BodyError(400, 'invalid-input', 'The request could not be read: it ended before its last part.');
    const parts: Uint8Array[] = [];
    let offset = jsonSize;
    for (const size of partSizes) {
      parts.push(new Uint8Array(body.buffer, body.byteOffset + offset, size));
      offset += size;
    }
    try {
      return decodeParts(body.subarray(0, jsonSize), parts);
    } catch (error) {
      throw new BodyError(400, 'invalid-input', `The request could not be read: ${(error as Error).message}`);
    }
  }
  throw new BodyError(415, 'invalid-input', `Calls are sent as application/json or ${PARTS_CONTENT_TYPE}.`);
}

/**
 * The whole body, at most `max` bytes (over it: `overLimit`'s error, and nothing more is read). With
 * `expected` known, the bytes go straight into one buffer of that size. On an error the request is
 * left paused, not destroyed, so that the caller can still answer before closing the connection.
 */
function readBody(
  request: IncomingMessage,
  options: { max: number; expected: number | null; idleMs: number },
  overLimit: (size: number) => BodyError,
): Promise<Buffer> {
  const whole = options.expected !== null && options.expected <= options.max ? Buffer.allocUnsafe(options.expected) : null;
  const chunks: Buffer[] = [];
  let size = 0;
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = (error: BodyError | null) => {
      clearTimeout(timer);
      request.off('data', onData).off('end', onEnd).off('error', onError);
      if (!error) return resolve(whole ? whole.subarray(0, size) : Buffer.concat(chunks, size));
      request.pause();
      reject(error);
    };
    const wait = () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(new BodyError(408, 'invalid-input', `The request stopped arriving: nothing came for ${options.idleMs / 1000} seconds.`)), options.idleMs);
    };
    const onData = (chunk: Buffer) => {
      wait();
      if (size + chunk.length > options.max) return finish(overLimit(size + chunk.length));
      if (whole) chunk.copy(whole, size);
      else chunks.push(chunk);
      size += chunk.length;
    };
    const onEnd = () => finish(null);
    const onError = (error: Error) => finish(new BodyError(400, 'invalid-input', `The request could not be read: ${error.message}`));
    request.on('data', onData).on('end', onEnd).on('error', onError);
    wait();
  });
}
