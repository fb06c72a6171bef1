// lunr, loaded by the first word analysed or fuzzy query run, not when the host starts: nothing before
// the first search or index build needs it, and loading it costs every launch (main/host/startup-imports.test.ts).
// A require, not import(): the analyzer is synchronous, and lunr is a CommonJS package.
import { createRequire } from 'node:module';
import type Lunr from 'lunr';

let loaded: typeof Lunr | null = null;

export function lunr(): typeof Lunr {
  return (loaded ??= createRequire(import.meta.url)('lunr') as typeof Lunr);
}
