// The page's first load (vite.config.ts): the entry (renderer/src/main.tsx) is a small script that
// signs in and starts the first reads; the app it imports (renderer/src/app/start.tsx) and everything
// the app imports statically go into ONE chunk, which index.html preloads beside the entry. So the
// first load is a few files fetched at once, not a dozen shared chunks in HTTP/1.1 batches of six, and
// the reads do not wait for the app's code to arrive and be parsed.
import type { Plugin } from 'vite';

/** The module the entry loads with import(): the app. */
const APP_MODULE = /[\\/]renderer[\\/]src[\\/]app[\\/]start\.tsx$/;
/** The name of the app's chunk (assets/app-<hash>.js). */
const APP_CHUNK = 'app';
/**
 * Scripts the page loads before it can show the library: the entry, the app, rolldown's runtime. A
 * build that would load more fails, so that a change to the chunking cannot slip back into many files.
 */
const FIRST_LOAD_SCRIPTS = 3;

interface ModuleGraph {
  getModuleInfo(id: string): { importedIds: readonly string[]; isEntry: boolean } | null;
}

function staticClosure(graph: ModuleGraph, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(graph.getModuleInfo(id)?.importedIds ?? []));
  }
  return seen;
}

export interface FirstLoad {
  plugin: Plugin;
  /** rolldown's code-splitting group name: the app's chunk for a module the app needs at start and the entry does not. */
  chunkName(id: string): string | null;
}

export function firstLoad(): FirstLoad {
  let app = new Set<string>();
  const plugin: Plugin = {
    name: 'apostil-first-load',
    apply: 'build',
    buildEnd() {
      const ids = [...this.getModuleIds()];
      const entries = ids.filter((id) => this.getModuleInfo(id)?.isEntry);
      const root = ids.find((id) => APP_MODULE.test(id));
      if (!root) return this.error('The app module (renderer/src/app/start.tsx) is not in the build.');
      const entryGraph = staticClosure(this, entries);
      app = new Set([...staticClosure(this, [root])].filter((id) => !entryGraph.has(id)));
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const bundle = context.bundle ?? {};
        const appChunk = Object.values(bundle).find((output) => output.type === 'chunk' && output.moduleIds.some((id) => APP_MODULE.test(id)));
        if (!appChunk || appChunk.type !== 'chunk') throw new Error('The app chunk is missing from the build.');
        // The app's chunk and the chunks it imports, but not the entry's (already in the page).
        const entryFiles = new Set(context.chunk ? [context.chunk.fileName, ...context.chunk.imports] : []);
        const files: string[] = [];
        const visit = (fileName: string) => {
          if (entryFiles.has(fileName) || files.includes(fileName)) return;
          files.push(fileName);
          const chunk = bundle[fileName];
          if (chunk?.type === 'chunk') chunk.imports.forEach(visit);
        };
        visit(appChunk.fileName);
        const scripts = new Set([...entryFiles, ...files]);
        if (scripts.size > FIRST_LOAD_SCRIPTS) {
          throw new Error(`The page's first load would be ${scripts.size} scripts (${[...scripts].join(', ')}), more than ${FIRST_LOAD_SCRIPTS}: see scripts/vite-first-load.ts.`);
        }
        const styles = appChunk.viteMetadata ? [...appChunk.viteMetadata.importedCss] : [];
        return [
          ...files.map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const })),
          // Fetched now; applied by the import that loads the app.
          ...styles.map((file) => ({ tag: 'link', attrs: { rel: 'preload', as: 'style', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const })),
        ];
      },
    },
  };
  return { plugin, chunkName: (id) => (app.has(id) ? APP_CHUNK : null) };
}
