// The first page of a PDF is drawn ahead, while the reader is still being set up (even in the first
// page view of a fresh app: the reader measures the pages' area while the file is read): the page view
// takes page 1 as drawn ahead at its own zoom instead of drawing it a second time, and that page is
// the real page, at the page view's size and sharp. The page view does not wait for the
// document's text (asked for once page 1 is on screen): its regions are drawn at once, its highlights
// when the text they are found in has arrived, never listed as lost meanwhile.
import type { Page } from '@playwright/test';
import { describeRange } from '../shared/anchoring';
import type { Annotation, AnnotationBody, LibraryDocument } from '../shared/model';
import { makeFlowingPdf } from '../main/services/import/pdf-fixtures';
import { expect, screenshot, test } from './fixtures';
import { api, importFiles } from './helpers';
import { corpusParagraphs, pdfFile } from './pdf-helpers';

/** Opens the document and waits for its first page; says whether page 1 came drawn ahead. */
async function openAndWait(page: Page, title: RegExp): Promise<boolean> {
  await page.evaluate(() => performance.clearMarks());
  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: title }).click();
  await expect(page.locator('.pdf-page[data-page-index="0"][data-rendered]')).toBeVisible();
  return page.evaluate(() => performance.getEntriesByName('apostil:pdf-first-page-drawn-ahead').length > 0);
}

/** The standard font files fetched since resource timings were last cleared, by the page and by its workers. */
async function standardFontsFetched(page: Page): Promise<{ page: string[]; workers: string[] }> {
  const fonts = () =>
    performance
      .getEntriesByType('resource')
      .map((r) => r.name)
      .filter((name) => name.includes('/standard_fonts/'));
  const inWorkers = await Promise.all(page.workers().map((worker) => worker.evaluate(fonts).catch(() => [])));
  return { page: await page.evaluate(fonts), workers: inWorkers.flat() };
}

/** Page 1's canvas: its size in canvas pixels and on screen, and how much of it is not white. */
function firstCanvas(page: Page) {
  return page.locator('.pdf-page[data-page-index="0"] canvas').evaluate((canvas: HTMLCanvasElement) => {
    const box = canvas.getBoundingClientRect();
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 200) inked++;
    return { width: canvas.width, height: canvas.height, shownWidth: box.width, shownHeight: box.height, inked: inked / (pixels.length / 4) };
  });
}

test('page 1 is drawn ahead while the reader opens, even in the first page view of a fresh app, at the size the page view shows it', async ({ app }) => {
  const { page } = app;
  const paragraphs = corpusParagraphs().slice(0, 12);
  const pdf = await makeFlowingPdf(paragraphs, { info: { title: 'Report drawn ahead' } });
  await importFiles(page, [pdfFile('drawn-ahead.pdf', pdf.bytes)]);
  // The import opens it: leave it, and start a fresh app (no page view shown yet, nothing to go by).
  await expect(page.locator('.pdf-page[data-page-index="0"][data-rendered]')).toBeVisible();
  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: /Welcome to Apostil/ }).click();
  await expect(page.locator('.reader-text')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: /Report drawn ahead/ })).toBeVisible();

  // The reader measures the pages' area while pdf.js reads the file: page 1 is drawn at that width.
  await page.evaluate(() => performance.clearResourceTimings());
  expect(await openAndWait(page, /Report drawn ahead/)).toBe(true);
  // pdf.js's standard font for the PDF's Helvetica was fetched (by the page, which keeps it).
  expect((await standardFontsFetched(page)).page).not.toEqual([]);
  const drawnAhead = await firstCanvas(page);
  await screenshot(page, 'pdf-first-page-drawn-ahead');

  // The page view draws page 1 itself at another zoom and back at the width fitted: the same page at
  // the same size and sharpness (one canvas pixel per screen pixel), with its text drawn.
  await page.locator('.pdf-scroll').focus();
  await page.keyboard.press('Control+=');
  await expect.poll(async () => (await firstCanvas(page)).width).toBeGreaterThan(drawnAhead.width);
  await page.keyboard.press('Control+0');
  await expect.poll(async () => (await firstCanvas(page)).width).toBe(drawnAhead.width);
  const drawnByView = await firstCanvas(page);
  expect(drawnAhead).toEqual({ ...drawnByView, inked: drawnAhead.inked });
  expect(drawnAhead.width).toBe(Math.floor(drawnAhead.shownWidth));
  expect(drawnAhead.inked).toBeGreaterThan(0.005);
  expect(Math.abs(drawnAhead.inked - drawnByView.inked)).toBeLessThan(0.001);
  // The page is the working page: its text layer follows.
  await expect(page.locator('.pdf-page[data-page-index="0"] .textLayer span').first()).toBeAttached();

  // Opened again, page 1 is drawn ahead at the same width.
  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: /Welcome to Apostil/ }).click();
  await expect(page.locator('.reader-text')).toBeVisible();
  await page.evaluate(() => performance.clearResourceTimings());
  expect(await openAndWait(page, /Report drawn ahead/)).toBe(true);
  expect((await firstCanvas(page)).width).toBe(drawnAhead.width);
  // pdf.js's standard fonts are not fetched again, neither by the page nor by pdf.js's worker.
  expect(await standardFontsFetched(page)).toEqual({ page: [], workers: [] });
  // The text was asked for once page 1 was on screen, so that it did not hold up the file's ranges.
  const order = await page.evaluate(() => ({
    firstPage: performance.getEntriesByName('apostil:pdf-first-page')[0]!.startTime,
    textAsked: performance.getEntriesByType('resource').find((r) => r.name.includes('/api/call/documents.text'))!.startTime,
  }));
  expect(order.textAsked).toBeGreaterThanOrEqual(order.firstPage);
});

test('the page view is shown before the text arrives: regions at once, highlights once their text is there, none lost meanwhile', async ({ app }) => {
  test.skip(process.env.APOSTIL_E2E_TARGET === 'electron', 'holds up the text call, which only browser mode makes over HTTP');
  const { page } = app;
  const paragraphs = corpusParagraphs().slice(0, 12);
  const pdf = await makeFlowingPdf(paragraphs, { info: { title: 'Report shown before its text' } });
  await importFiles(page, [pdfFile('before-text.pdf', pdf.bytes)]);
  // The import opens it: leave it for another document, to open it again as a user would.
  await expect(page.locator('.pdf-page[data-page-index="0"][data-rendered]')).toBeVisible();
  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: /Welcome to Apostil/ }).click();
  await expect(page.locator('.reader-text')).toBeVisible();
  const document = (await api<LibraryDocument[]>(page, 'documents.list', {})).find((d) => d.originalName === 'before-text.pdf')!;
  const text = await api<{ text: string }>(page, 'documents.text', { id: document.id });
  const sentence = /[^.!?]{40,}[.!?]/.exec(paragraphs[0]!)![0].trim();
  const start = text.text.indexOf(sentence);
  expect(start).toBeGreaterThanOrEqual(0);
  const now = new Date().toISOString();
  const body: AnnotationBody = { color: 'yellow', note: '', tags: [], principles: [], actors: [] };
  const annotations: Annotation[] = [
    { id: 'passage-on-page-1', documentId: document.id, created: now, modified: now, target: { selector: describeRange(text.text, start, start + sentence.length) }, body },
    { id: 'region-on-page-1', documentId: document.id, created: now, modified: now, target: { selector: [{ type: 'PdfAreaSelector', areas: [{ page: 0, rects: [[60, 500, 300, 700]] }] }] }, body: { ...body, color: 'blue' } },
  ];
  for (const annotation of annotations) await api(page, 'annotations.save', { annotation });

  // The document's text is held up on its way until released.
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/call/documents.text', async (route) => {
    await released;
    await route.continue();
  });
  await page.evaluate(() => performance.clearMarks());
  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: /Report shown before its text/ }).click();
  await expect(page.locator('.pdf-page[data-page-index="0"][data-rendered]')).toBeVisible();
  const sidebar = page.getByRole('complementary', { name: 'Annotations' });
  // The region needs no text: drawn at once. The passage waits for the text, counted, not lost.
  await expect(page.locator('.pdf-page[data-page-index="0"] .pdf-region[data-annotation-id="region-on-page-1"]')).toBeVisible();
  await expect(sidebar.getByRole('status')).toHaveText('Finding one highlight in the document’s text…');
  await expect(sidebar.locator('h2 .count')).toHaveText('2');
  await expect(sidebar.locator('.card')).toHaveCount(1);
  await expect(sidebar).not.toContainText('Could not be placed');
  await expect(page.locator('.pdf-highlight')).toHaveCount(0);
  await screenshot(page, 'pdf-first-page-before-text');

  release();
  await expect(page.locator('.pdf-page[data-page-index="0"] .pdf-highlight[data-annotation-id="passage-on-page-1"]').first()).toBeVisible();
  await expect(sidebar.locator('.card')).toHaveCount(2);
  await expect(sidebar.getByRole('status')).toHaveCount(0);
  await expect(sidebar).not.toContainText('Could not be placed');
  const marks = await page.evaluate(() => ({
    firstPage: performance.getEntriesByName('apostil:pdf-first-page')[0]!.startTime,
    text: performance.getEntriesByName('apostil:document-text')[0]!.startTime,
  }));
  expect(marks.text).toBeGreaterThan(marks.firstPage);
  await screenshot(page, 'pdf-first-page-with-text');
});

test('pointing at a PDF in the library starts pdf.js\'s worker, even before the app has had an idle moment', async ({ app }) => {
  const { page } = app;
  const pdf = await makeFlowingPdf(corpusParagraphs().slice(0, 3), { info: { title: 'Report pointed at' } });
  await importFiles(page, [pdfFile('pointed-at.pdf', pdf.bytes)]);
  await expect(page.locator('.pdf-page[data-page-index="0"][data-rendered]')).toBeVisible();
  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: /Welcome to Apostil/ }).click();
  await expect(page.locator('.reader-text')).toBeVisible();
  // A fresh app on a machine too busy for an idle moment: pdf.js is not loaded while the list is shown.
  await page.addInitScript(() => {
    window.requestIdleCallback = () => 0;
  });
  await page.reload();
  const row = page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: /Report pointed at/ });
  await expect(row).toBeVisible();
  // pdf.js's worker script, fetched when its worker starts.
  const workerStarted = () => page.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.includes('pdf.worker')));
  expect(await workerStarted()).toBe(false);
  await row.hover();
  await expect.poll(workerStarted).toBe(true);
});
