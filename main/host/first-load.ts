// The files a tab loads before it can show the library (index.html and the scripts and styles it
// names), read into memory when the host starts. The host is busy opening the library just then, and
// a file answered from memory needs one turn of its event loop, where one read from disk (stat, open,
// read, close) needs several, each waiting behind the open's work. Everything else is read when asked.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveStaticPath } from '../services/static-files';

/** The page's own files named in index.html: src="./…" and href="./…". */
const LOCAL_REFERENCE = /\b(?:src|href)="\.\/([^"?#]+)"/g;

/** index.html and the files it names, by their path on disk; an empty map if there is no index.html. */
export function readFirstLoad(staticDir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const read = (file: string) => {
    try {
      files.set(file, readFileSync(file));
    } catch {
      // Not there (a renderer not built yet): it is read, or reported missing, when asked for.
    }
  };
  const index = path.join(path.resolve(staticDir), 'index.html');
  read(index);
  const html = files.get(index)?.toString('utf8') ?? '';
  for (const [, reference] of html.matchAll(LOCAL_REFERENCE)) {
    const resolved = resolveStaticPath(`/${reference}`, staticDir);
    if (resolved.ok) read(resolved.file);
  }
  return files;
}
