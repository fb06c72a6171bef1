// A long PDF is read on two cores: a helper thread (pdf-text-worker.ts, a pdf.js of its own) reads the
// second half of the pages while the import reads the first. Where no helper can be started (its
// script is not built, or the runtime refuses threads) or it fails, the import reads every page itself:
// the helper only ever makes an import faster, never different.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resourceLimits, Worker } from 'node:worker_threads';

export interface PagesRequest {
  bytes: Uint8Array;
  password: string | undefined;
  /** Pages from..to, numbered from 1, inclusive. */
  from: number;
  to: number;
}

export type PagesReply = { ok: true; pages: (string[] | null)[]; warnings: string[] } | { ok: false; message: string };

/** Below this many pages, starting a helper (and a second pdf.js) costs more than it saves. */
export const PARALLEL_FROM_PAGES = 48;

/** The helper's script beside this module once bundled (dist/main/), or null when running from source. */
export function defaultWorkerScript(): string | null {
  const script = fileURLToPath(new URL('./pdf-text-worker.mjs', import.meta.url));
  return existsSync(script) ? script : null;
}

export interface PagesHelper {
  /** The helper's pages, or null if it could not read them (the caller reads them itself). */
  result: Promise<Extract<PagesReply, { ok: true }> | null>;
  stop(): void;
}

export function readPagesInHelper(script: string | null, request: PagesRequest): PagesHelper {
  if (!script) return { result: Promise.resolve(null), stop: () => undefined };
  let worker: Worker;
  try {
    // The helper gets the heap limits of the extraction thread that starts it (the process's memory
    // is watched as a whole by the extraction's main side).
    worker = new Worker(script, { workerData: { ...request, bytes: request.bytes.slice() }, resourceLimits });
  } catch {
    return { result: Promise.resolve(null), stop: () => undefined };
  }
  const result = new Promise<Extract<PagesReply, { ok: true }> | null>((resolve) => {
    worker.once('message', (reply: PagesReply) => resolve(reply.ok ? reply : null));
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
  void result.then(() => worker.terminate());
  return { result, stop: () => void worker.terminate() };
}
