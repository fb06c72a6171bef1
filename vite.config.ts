import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY } from './shared/csp.ts';
import { pdfjsAssets } from './scripts/vite-pdfjs-assets.ts';
import { firstLoad } from './scripts/vite-first-load.ts';

/** Writes the app's one Content-Security-Policy into index.html. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'apostil-csp',
    transformIndexHtml: (html) =>
      html.replace('%CONTENT_SECURITY_POLICY%', CONTENT_SECURITY_POLICY),
  };
}

// The renderer is built once and served by both the desktop app (custom protocol) and browser mode
// (HTTP on 127.0.0.1), so asset paths are relative.
const first = firstLoad();
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), contentSecurityPolicy(), pdfjsAssets(), first.plugin],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2023',
    chunkSizeWarningLimit: 2_000,
    rolldownOptions: {
      // The first load: the entry, and the app in one chunk (scripts/vite-first-load.ts).
      output: { codeSplitting: { groups: [{ name: first.chunkName, includeDependenciesRecursively: false }] } },
    },
  },
});
