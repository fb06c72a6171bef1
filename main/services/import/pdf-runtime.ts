// pdf.js in Node: loaded on first use (it is large), pointed at its own bundled CMaps and fonts on
// disk, and run one document at a time so that the warnings it prints can be attributed to the
// document being read. In Node pdf.js runs its "worker" in this thread and reports problems only by
// printing "Warning: …" to the console, so we listen to the console while a document is read.
import { createRequire } from 'node:module';
import path from 'node:path';

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjs: Promise<PdfJs> | null = null;

export function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs').catch((error: unknown) => {
    pdfjs = null; // let a later import try again rather than fail forever
    throw error;
  });
  return pdfjs;
}

/** Folders (as "/"-terminated paths, which is what pdf.js expects) of the installed package's assets. */
export function pdfAssetFolders(): { cMapUrl: string; standardFontDataUrl: string; wasmUrl: string; iccUrl: string } {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('pdfjs-dist/package.json')).split(path.sep).join('/');
  return {
    cMapUrl: `${root}/cmaps/`,
    standardFontDataUrl: `${root}/standard_fonts/`,
    wasmUrl: `${root}/wasm/`,
    iccUrl: `${root}/iccs/`,
  };
}

// Messages about rendering support (canvas polyfills, worker set-up) say nothing about the document.
const IRRELEVANT = /@napi-rs\/canvas|polyfill|fake worker|worker has been disabled/i;
const MAX_WARNINGS = 20;

/** The pdf.js warnings printed while one document was read, deduplicated and capped. */
export class PdfWarnings {
  private readonly seen = new Set<string>();
  private extra = 0;

  add(message: string): void {
    const text = message.replace(/^Warning:\s*/, '').trim();
    if (!text || IRRELEVANT.test(text) || this.seen.has(text)) return;
    if (this.seen.size >= MAX_WARNINGS) this.extra++;
    else this.seen.add(text);
  }

  /** The warnings as pdf.js worded them (for another thread's list to take in). */
  messages(): string[] {
    return [...this.seen];
  }

  list(): string[] {
    const list = [...this.seen].map((w) => `pdf.js: ${w}`);
    if (this.extra > 0) list.push(`pdf.js: ${this.extra} more warnings not shown.`);
    return list;
  }
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `read` alone (after any document already being read) while catching pdf.js's console
 * warnings into a PdfWarnings. Other console output passes through untouched.
 */
export function readExclusively<T>(read: (warnings: PdfWarnings) => Promise<T>): Promise<T> {
  const run = queue.then(async () => {
    const warnings = new PdfWarnings();
    const original = { warn: console.warn, log: console.log };
    const intercept =
      (pass: (...args: unknown[]) => void) =>
      (...args: unknown[]): void => {
        if (typeof args[0] === 'string' && args[0].startsWith('Warning:')) warnings.add(args.map(String).join(' '));
        else pass(...args);
      };
    console.warn = intercept(original.warn);
    console.log = intercept(original.log);
    try {
      return await read(warnings);
    } finally {
      console.warn = original.warn;
      console.log = original.log;
    }
  });
  queue = run.catch(() => undefined);
  return run;
}
