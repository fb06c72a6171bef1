// The citation styles and locale the app ships, taken from npm packages that carry the official CSL
// files (Citation Style Language, CC BY-SA 3.0): APA 7th and Harvard (Cite Them Right) with the en-US
// locale from @citation-js/plugin-csl; Chicago author-date (17th) and MLA 9th from rehype-citation.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../../shared/errors';
import type { CitationStyle } from '../../../shared/interchange/types';

const require = createRequire(import.meta.url);
// Loaded with require: Node's ESM loader wants an import attribute for JSON, which the bundler keeps apart.
// Read on the first formatted export, not at start (require keeps what it read).
const styles = () => require('@citation-js/plugin-csl/lib/styles.json') as Record<string, string>;
const locales = () => require('@citation-js/plugin-csl/lib/locales.json') as Record<string, string>;

// rehype-citation's "exports" map does not list its style modules, so they are loaded by file path.
async function rehypeCitationStyle(name: string): Promise<string> {
  const entry = require.resolve('rehype-citation');
  const file = path.join(path.dirname(entry), 'styles', `${name}.js`);
  const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  if (typeof module.default !== 'string' || !module.default.includes('<style')) {
    throw new AppError('internal', `The citation style ${name} shipped with Apostil could not be read.`);
  }
  return module.default;
}

const cache = new Map<CitationStyle, Promise<string>>();

export function loadCitationStyle(style: CitationStyle): Promise<string> {
  let loaded = cache.get(style);
  if (!loaded) {
    loaded =
      style === 'apa'
        ? Promise.resolve(styles().apa!)
        : style === 'harvard'
          ? Promise.resolve(styles().harvard1!)
          : rehypeCitationStyle(style === 'mla' ? 'mla' : 'chicago');
    cache.set(style, loaded);
  }
  return loaded;
}

export function englishLocale(): string {
  return locales()['en-US']!;
}
