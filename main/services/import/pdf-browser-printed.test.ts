// Articles printed to PDF from a browser: the five corpus articles (../shared/corpus, read at test
// time) laid out as web pages, as their sites show them, and printed by Chromium. The browser writes
// the page's <title> as Title (a whole paragraph for a page without a headline) and the print date as
// CreationDate; before, every one was dated by the day it was printed and two got a paragraph as
// their title.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import { openBrowserPrinter, type BrowserPrinter } from '../../test-support/browser-print';
import { readCorpus } from '../../test-support/corpus';
import { useTempDir } from '../../test-support/temp';
import { importFile } from '../importing';
import { LibraryStore } from '../library/store';
import { extractDocument, type ExtractedDocument } from './index';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The article as a page: a short first line is its headline; the page's <title> is its first line. */
function articlePage(text: string, extra = ''): string {
  const [first = '', ...rest] = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const headline = first.length <= 160 ? `<h1>${escape(first)}</h1>` : `<p>${escape(first)}</p>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(first)}</title></head><body>${headline}${extra}${rest.map((p) => `<p>${escape(p)}</p>`).join('')}</body></html>`;
}

const today = new Date().toLocaleDateString('sv'); // YYYY-MM-DD, local: the browser writes its local time
const tempDir = useTempDir();
let printer: BrowserPrinter;
const pdfs = new Map<string, Uint8Array>();
const printed = new Map<string, ExtractedDocument>();
/** Each article's first line, as the corpus file has it (its headline when short). */
const headlines = new Map<string, string>();

beforeAll(async () => {
  printer = await openBrowserPrinter();
  for (const file of readCorpus()) {
    const pdf = await printer.print(articlePage(file.text));
    pdfs.set(file.name.slice(0, 3), pdf);
    headlines.set(file.name.slice(0, 3), file.text.split('\n').map((l) => l.trim()).find(Boolean) ?? '');
    printed.set(file.name.slice(0, 3), await extractDocument(`${file.name}.pdf`, pdf));
  }
}, 240_000);

afterAll(() => printer?.close());

describe('articles printed to PDF from a browser', () => {
  it('are dated by the date printed under their title, not by the day they were printed', () => {
    expect(printed.get('004')).toMatchObject({ metadata: { date: '2019-04-29' } });
    expect(printed.get('003')).toMatchObject({ metadata: { date: '2024-04-05' } });
    for (const id of ['003', '004']) expect(printed.get(id)!.fieldOrigins ?? {}).toEqual({});
  });

  it('fall back to the print date only when no date is printed near the title, marked as from the file', () => {
    // 001 mentions "On November 12, 2018" in its first sentence: an event, not the article's date.
    for (const id of ['000', '001', '002']) {
      const doc = printed.get(id)!;
      expect(doc.metadata.date, id).toBe(today);
      expect(doc.fieldOrigins, id).toEqual({ date: 'file-created' });
    }
  });

  it('keep in the library where the print date came from, for the user to check', async () => {
    const store = await LibraryStore.open(path.join(await tempDir(), 'library'), { defaultCodebook: PARIS_CALL_CODEBOOK });
    const outcome = await importFile(store, 'printed.pdf', pdfs.get('000')!);
    expect(outcome.document).toMatchObject({ metadata: { date: today }, fieldOrigins: { date: 'file-created' } });
    const dated = await importFile(store, 'dated.pdf', pdfs.get('004')!);
    expect(dated.document.metadata.date).toBe('2019-04-29');
    expect(dated.document.fieldOrigins).toBeUndefined();
    await store.close();
  });

  it('take their headline as the title, never a paragraph the browser wrote as Title', () => {
    for (const id of ['003', '004']) expect(printed.get(id)!.metadata.title).toBe(headlines.get(id));
    for (const id of ['000', '002']) {
      const title = printed.get(id)!.metadata.title;
      expect(title === undefined || title.length <= 250, `${id}: ${title}`).toBe(true);
    }
  });

  it('take the byline under the headline as authors, without the date beside it', async () => {
    const [article] = readCorpus().filter((f) => f.name.startsWith('004'));
    const byline = '<p style="font-size: 14px">By Marie-Claire Dupont and J. R. van der Berg / April 30, 2019</p>';
    const doc = await extractDocument('byline.pdf', await printer.print(articlePage(article!.text, byline)));
    expect(doc.metadata.authors).toEqual(['Marie-Claire Dupont', 'J. R. van der Berg']);
  });
});
