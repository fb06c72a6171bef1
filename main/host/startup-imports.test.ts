// What the host, the desktop app and the page load before they show a library: packages needed only by
// one export or import (Word, citation styles, BibTeX/RIS, zip files; React's server renderer for a chart's SVG) or by sync
// (PouchDB, for a library connected to a server) are imported when that export or sync runs, as loading them at start costs seconds on a busy machine and tens of MB of
// memory for every launch. Read from the bundler's own account of each entry point's imports, so it
// follows the code wherever an import moves.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** Packages no start needs: each is loaded by the export, import (or sync) that uses it. */
const LOADED_WHEN_USED = ['docx', 'citeproc', '@citation-js/core', '@citation-js/plugin-bibtex', '@citation-js/plugin-ris', 'pouchdb-core', 'pouchdb-adapter-http', 'fflate'];

async function packagesImported(entry: string): Promise<{ atStart: string[]; whenUsed: string[] }> {
  const result = await build({
    entryPoints: [entry],
    jsx: 'automatic',
    loader: { '.css': 'empty' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external));
  const names = (kind: string) => [...new Set(imports.filter((i) => i.kind === kind).map((i) => i.path))].sort();
  return { atStart: names('import-statement'), whenUsed: names('dynamic-import') };
}

/** The packages a module imports statically, itself or through the modules it imports statically. */
async function packagesBeforeRunning(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    jsx: 'automatic',
    loader: { '.css': 'empty' },
    bundle: true,
    format: 'esm',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const { inputs } = result.metafile;
  const packages = new Set<string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imported of inputs[file]?.imports ?? []) {
      if (imported.kind !== 'import-statement') continue;
      if (imported.external) packages.add(imported.path);
      else queue.push(imported.path);
    }
  }
  return [...packages].sort();
}

describe('packages loaded at start', () => {
  it.each(['main/host/cli.ts', 'main/electron/main.ts'])('%s loads the export-only and sync-only packages only when used', async (entry) => {
    const { atStart, whenUsed } = await packagesImported(entry);
    for (const name of LOADED_WHEN_USED) {
      expect(atStart).not.toContain(name);
      expect(whenUsed).toContain(name);
    }
  });

  it.each(['main/host/cli.ts', 'main/electron/main.ts'])('%s loads lunr only with the first search or index build (required then: the analyzer is synchronous)', async (entry) => {
    const { atStart, whenUsed } = await packagesImported(entry);
    expect([...atStart, ...whenUsed]).not.toContain('lunr');
  });

  it('the browser-mode host does not load conf (and its ajv) at all: its settings are one JSON file', async () => {
    const { atStart, whenUsed } = await packagesImported('main/host/cli.ts');
    expect([...atStart, ...whenUsed].filter((name) => name === 'conf' || name.startsWith('ajv'))).toEqual([]);
  });

  it('the page loads React\'s server renderer only when a chart is exported', async () => {
    const { atStart, whenUsed } = await packagesImported('renderer/src/app/start.tsx');
    expect(atStart).toContain('react-dom/client');
    expect(atStart).not.toContain('react-dom/server');
    expect(whenUsed).toContain('react-dom/server');
  });

  it('the page\'s first script signs in and starts the first reads without React or zod: the app is loaded by import()', async () => {
    expect(await packagesBeforeRunning('renderer/src/main.tsx')).toEqual([]);
    expect(await packagesBeforeRunning('renderer/src/app/start.tsx')).toEqual(expect.arrayContaining(['react', 'react-dom/client']));
  });

  it('the page\'s app draws the library without zod: schemas load with the views and dialogs that check with them', async () => {
    // zod and the schemas built with it were a quarter of the app's first chunk and of its evaluation.
    expect(await packagesBeforeRunning('renderer/src/app/start.tsx')).not.toContain('zod');
  });
});
