// Vite plugin: ships pdf.js's CMaps, standard fonts, image decoders (WebAssembly with their JavaScript
// fallbacks) and ICC profile with the renderer, under pdfjs/, so the page view never touches the
// network. Copied from the installed pdfjs-dist at build time (and served from it by the dev server),
// so they always match the pdf.js version in use.
import { cp, readdir } from 'node:fs/promises';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';

export const PDFJS_ASSET_FOLDER = 'pdfjs';
const FOLDERS = ['cmaps', 'standard_fonts', 'wasm', 'iccs'];
// The sandbox for JavaScript inside PDFs is never enabled: its engine is not shipped.
const LEFT_OUT = /^quickjs/;

function pdfjsRoot(): string {
  return path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
}

export function pdfjsAssets(): Plugin {
  let outDir = '';
  return {
    name: 'apostil-pdfjs-assets',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      const root = pdfjsRoot();
      for (const folder of FOLDERS) {
        const target = path.join(outDir, PDFJS_ASSET_FOLDER, folder);
        for (const name of await readdir(path.join(root, folder))) {
          if (!LEFT_OUT.test(name)) await cp(path.join(root, folder, name), path.join(target, name));
        }
      }
    },
    configureServer(server) {
      const root = pdfjsRoot();
      server.middlewares.use(`/${PDFJS_ASSET_FOLDER}/`, (request, response, next) => {
        const [folder, name] = (request.url ?? '').split('?')[0]!.replace(/^\//, '').split('/');
        const file = folder && name && FOLDERS.includes(folder) && !name.includes('..') ? path.join(root, folder, name) : '';
        if (!file || LEFT_OUT.test(name!) || !existsSync(file) || !statSync(file).isFile()) return next();
        createReadStream(file).pipe(response);
      });
    },
  };
}
