// The helper thread of a long PDF's import: reads the text of a range of its pages (the second half)
// while the import's own thread reads the first, and sends back the paragraphs and pdf.js's warnings.
// Bundled on its own (scripts/build-main.mjs); pdf-parallel.ts starts it.
import { parentPort, workerData } from 'node:worker_threads';
import { loadPdfJs, readExclusively } from './pdf-runtime';
import { openForText, readPagesParagraphs } from './pdf-text';
import type { PagesReply, PagesRequest } from './pdf-parallel';

const request = workerData as PagesRequest;

readExclusively(async (warnings) => {
  const task = openForText(await loadPdfJs(), request.bytes, request.password);
  try {
    const pdf = await task.promise;
    const pages = await readPagesParagraphs(pdf, request.from, request.to);
    return { pages, warnings: warnings.messages() };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}).then(
  (result): void => parentPort!.postMessage({ ok: true, ...result } satisfies PagesReply),
  (error: unknown): void => parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies PagesReply),
);
