// Printing a web page to PDF with a real browser, as readers do ("Save as PDF"): Debian's Chromium
// (the one the e2e tests use), headless, with its usual page header (print date, page title) and
// footer (address, page number). The PDF's info dictionary is the browser's own: Title from <title>,
// CreationDate the moment of printing.
import { chromium, type Browser } from '@playwright/test';

export interface BrowserPrinter {
  print(html: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function openBrowserPrinter(): Promise<BrowserPrinter> {
  const browser: Browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const page = await browser.newPage();
  return {
    async print(html) {
      // Only the page's own markup: nothing is loaded from the network.
      await page.setContent(html, { waitUntil: 'load' });
      return new Uint8Array(await page.pdf({ format: 'Letter', displayHeaderFooter: true, printBackground: false }));
    },
    close: () => browser.close(),
  };
}
