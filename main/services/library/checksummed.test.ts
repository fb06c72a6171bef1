// Derived data with its own checksum (checksummed.ts): read back as written; anything torn or altered
// reads as null, so that what it held is rebuilt from the library.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../test-support/temp';
import { readChecksummed, writeChecksummed } from './checksummed';

describe('a file that carries the checksum of its body', () => {
  const tempDir = useTempDir();
  const body = { title: 'Über die Cyber-Norm — « Paris » 网络', values: [1, 2.5, null], nested: { ok: true } };

  it('reads back what was written, whatever characters it holds, and with spaces after it', async () => {
    const file = path.join(await tempDir(), 'cache.json');
    await writeChecksummed(file, body);
    expect(await readChecksummed(file)).toEqual(body);
    await writeFile(file, `${await readFile(file, 'utf8')}\n  \n`);
    expect(await readChecksummed(file)).toEqual(body);
  });

  it.each([
    ['missing', async () => undefined],
    ['empty', async (file: string) => writeFile(file, '')],
    ['torn', async (file: string) => writeFile(file, (await readFile(file)).subarray(0, 60))],
    ['cut before its last brace', async (file: string) => writeFile(file, (await readFile(file, 'utf8')).trimEnd().slice(0, -1))],
    ['altered by one character', async (file: string) => writeFile(file, (await readFile(file, 'utf8')).replace('Paris', 'Parix'))],
    ['without its head', async (file: string) => writeFile(file, JSON.stringify(body))],
  ])('reads as null when %s', async (what, damage) => {
    const dir = await tempDir();
    const file = path.join(dir, 'cache.json');
    if (what !== 'missing') await writeChecksummed(file, body);
    await damage(file);
    expect(await readChecksummed(file)).toBeNull();
  });
});
