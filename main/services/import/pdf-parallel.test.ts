// A long PDF read on two threads gives exactly what one thread gives, and a helper that cannot start
// or fails changes nothing but the speed.
import { build } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encryptPdf } from './pdf-encrypt';
import { LOREM, makePdf } from './pdf-fixtures';
import { extractPdf } from './pdf';
import { defaultWorkerScript, readPagesInHelper } from './pdf-parallel';

// Built where Node resolves pdfjs-dist from (the helper keeps npm packages external, as in dist/).
const outDir = path.resolve('node_modules/.cache/apostil-test');
const script = path.join(outDir, 'pdf-text-worker.mjs');

beforeAll(async () => {
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [path.resolve('main/services/import/pdf-text-worker.ts')],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    logLevel: 'warning',
  });
}, 60_000);

const pages = Array.from({ length: 9 }, (_, i) => (i === 4 ? [] : [`Page ${i + 1} opens here.`, LOREM[i % 3]!]));

describe('reading a long PDF on two threads', () => {
  it('has the helper read the pages it is given', async () => {
    const helper = readPagesInHelper(script, { bytes: await makePdf(pages), password: undefined, from: 6, to: 9 });
    const reply = await helper.result;
    expect(reply?.pages).toEqual([6, 7, 8, 9].map((n) => [`Page ${n} opens here.`, LOREM[(n - 1) % 3]]));
  });

  it('gives the same text, pages and warnings as one thread', async () => {
    const bytes = await makePdf(pages);
    const one = await extractPdf('long.pdf', bytes, { workerScript: null });
    const two = await extractPdf('long.pdf', bytes, { workerScript: script, parallelFromPages: 4 });
    expect(two).toEqual(one);
    expect(one.text.pages).toHaveLength(9);
    expect(one.warnings[0]).toMatch(/Page 5 of "long.pdf" has no text layer/);
  });

  it('reads an encrypted PDF on two threads with its password', async () => {
    const bytes = await encryptPdf(await makePdf(pages), 'pw');
    const two = await extractPdf('sealed.pdf', bytes, { password: 'pw', workerScript: script, parallelFromPages: 4 });
    expect(two.text.text).toContain('Page 9 opens here.');
  });

  it('reads every page itself when the helper cannot run', async () => {
    const broken = path.join(outDir, 'broken-worker.mjs');
    await writeFile(broken, 'throw new Error("no helper today");\n');
    const bytes = await makePdf(pages);
    const one = await extractPdf('long.pdf', bytes, { workerScript: null });
    expect(await extractPdf('long.pdf', bytes, { workerScript: broken, parallelFromPages: 4 })).toEqual(one);
    expect(await extractPdf('long.pdf', bytes, { workerScript: path.join(outDir, 'missing.mjs'), parallelFromPages: 4 })).toEqual(one);
  });

  it('finds no helper beside the sources (only a build has one)', () => {
    expect(defaultWorkerScript()).toBeNull();
  });
});
