// The first page of a PDF is drawn ahead, while the reader is still being set up (its text is on its
// way from main, asked for once pdf.js has parsed the file): opened again, the page view takes page 1
// as drawn ahead at its own zoom instead of drawing it a second time, and that page is the real page,
// at the page view's size and sharp.
import type { Page } from '@playwright/test';
import { makeFlowingPdf } from '../main/services/import/pdf-fixtures';
import { expect, screenshot, test } from './fixtures';
import { importFiles } from './helpers';
import { corpusParagraphs, pdfFile } from './pdf-helpers';

/** Opens the document and waits for its first page; says whether page 1 came drawn ahead. */
async function openAndWait(page: Page, title: RegExp): Promise<boolean> {
  await page.evaluate(() => performance.clearMarks());
  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: title }).click();
  await expect(page.locator('.pdf-page[data-page-index="0"][data-rendered]')).toBeVisible();
  return page.evaluate(() => performance.getEntriesByName('apostil:pdf-first-page-drawn-ahead').length > 0);
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

test('page 1 is drawn ahead while the reader opens, and the page view shows that drawing at its own size', async ({ app }) => {
  const { page } = app;
  const paragraphs = corpusParagraphs().slice(0, 12);
  const pdf = await makeFlowingPdf(paragraphs, { info: { title: 'Report drawn ahead' } });
  await importFiles(page, [pdfFile('drawn-ahead.pdf', pdf.bytes)]);

  // The first page view ever shown: nothing to go by, page 1 is drawn by the page view.
  expect(await openAndWait(page, /Report drawn ahead/)).toBe(false);
  const drawnByView = await firstCanvas(page);

  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: /Welcome to Apostil/ }).click();
  await expect(page.locator('.reader-text')).toBeVisible();
  await page.evaluate(() => performance.clearResourceTimings());
  expect(await openAndWait(page, /Report drawn ahead/)).toBe(true);
  // The text was asked for once pdf.js had parsed the file, so that it did not hold up the file's ranges.
  const order = await page.evaluate(() => ({
    parsed: performance.getEntriesByName('apostil:pdf-parsed')[0]!.startTime,
    textAsked: performance.getEntriesByType('resource').find((r) => r.name.includes('/api/call/documents.open'))!.startTime,
  }));
  expect(order.textAsked).toBeGreaterThanOrEqual(order.parsed);
  const drawnAhead = await firstCanvas(page);
  // The same page at the same zoom and sharpness (one canvas pixel per screen pixel), with its text drawn.
  expect(drawnAhead).toEqual({ ...drawnByView, inked: drawnAhead.inked });
  expect(drawnAhead.width).toBe(Math.floor(drawnAhead.shownWidth));
  expect(drawnAhead.inked).toBeGreaterThan(0.005);
  expect(Math.abs(drawnAhead.inked - drawnByView.inked)).toBeLessThan(0.001);
  // The page is the working page: its text layer follows.
  await expect(page.locator('.pdf-page[data-page-index="0"] .textLayer span').first()).toBeAttached();
  await screenshot(page, 'pdf-first-page-drawn-ahead');
});
