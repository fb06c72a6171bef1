// The five Paris Call articles given in ../shared/corpus, read at test time (never copied here).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const corpusDir = path.resolve(repoRoot, '..', 'shared', 'corpus');

export interface CorpusFile {
  name: string;
  path: string;
  text: string;
}

export function readCorpus(): CorpusFile[] {
  return readdirSync(corpusDir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => {
      const file = path.join(corpusDir, name);
      return { name, path: file, text: readFileSync(file, 'utf8') };
    });
}
