import { describe, expect, it } from 'vitest';
import { extractDocument } from './index';
import { utf8 } from './test-helpers';

describe('extractDocument', () => {
  it.each([
    ['empty.txt', new Uint8Array()],
    ['blank.md', utf8('  \n\t\r\n ')],
    ['blank.html', utf8('\n')],
    ['empty.pdf', new Uint8Array()],
  ])('refuses %s as empty', async (name, bytes) => {
    await expect(extractDocument(name, bytes)).rejects.toMatchObject({
      code: 'invalid-input',
      message: `"${name}" is empty: there is nothing to import. Choose a file that contains text.`,
    });
  });

  it('refuses a text file over 20 MB, naming its size and the limit', async () => {
    const big = new Uint8Array(21 * 1024 * 1024).fill(0x61); // "aaaa…", made in memory
    await expect(extractDocument('huge.txt', big)).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringMatching(/^"huge.txt" is 21 MB; a text file can be at most 20 MB\. Split it/),
    });
  });

  it('refuses unsupported types, naming the supported ones', async () => {
    await expect(extractDocument('slides.pptx', utf8('PK'))).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringMatching(/^"slides.pptx" cannot be imported: "\.pptx" files are not supported\. Apostil imports PDF/),
    });
  });

  it('refuses a page without any text', async () => {
    await expect(extractDocument('nothing.html', utf8('<html><body><img src="x.png"></body></html>'))).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });

  it('honours an already aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(extractDocument('notes.txt', utf8('Hello.'), { signal: controller.signal })).rejects.toMatchObject({
      code: 'cancelled',
      message: expect.stringMatching(/^The import of "notes.txt" was cancelled/),
    });
  });
});
