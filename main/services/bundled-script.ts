// Finding a worker thread's bundled script: beside the calling bundle (dist/main/) or one folder up
// (dist/main/electron/). Null when running from source (tests), where the work runs on the caller's thread.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function findBundledScript(file: string, from: string): string | null {
  for (const relative of [`./${file}`, `../${file}`]) {
    const candidate = fileURLToPath(new URL(relative, from));
    if (existsSync(candidate)) return candidate;
  }
  return null;
}
