// User actions the specs share: importing files, selecting text with the mouse, reading the corpus.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { corpusDir } from './fixtures';

export function corpusFiles(): string[] {
  return readdirSync(corpusDir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => path.join(corpusDir, name));
}

export function readCorpusFile(file: string): string {
  return readFileSync(file, 'utf8');
}

/** A whole sentence of the text that satisfies `test`, picked at run time (no corpus text lives in the repo). */
export function pickSentence(text: string, test: (sentence: string) => boolean): string {
  const sentences = text.split(/\n+/).flatMap((paragraph) => paragraph.match(/[^.!?]+[.!?]+/g) ?? []);
  const found = sentences.map((s) => s.trim()).find((s) => s.length > 40 && s.length < 300 && test(s));
  if (!found) throw new Error('No sentence in the text fits the test.');
  return found;
}

export async function importFiles(page: Page, files: string[] | { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  await page.getByTestId('import-input').setInputFiles(files);
}

/** Selects `text` in the reader by dragging the mouse from its first to its last character. */
export async function selectText(page: Page, text: string): Promise<void> {
  // A PDF's text arrives after its page view ("Reading the text…" meanwhile), as a user would wait for it.
  await page.locator('.reader-text', { hasText: text }).first().waitFor();
  const points = await page.evaluate((wanted) => {
    const root = document.querySelector('.reader-text');
    if (!root) throw new Error('No document is open.');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node.nodeValue ?? '').indexOf(wanted);
      if (at === -1) continue;
      node.parentElement!.scrollIntoView({ block: 'center' });
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      const first = rects[0]!;
      const last = rects[rects.length - 1]!;
      return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
    }
    throw new Error(`"${wanted.slice(0, 40)}…" is not in the open document as one run of text.`);
  }, text);
  await page.mouse.move(points.x1, points.y1);
  await page.mouse.down();
  await page.mouse.move((points.x1 + points.x2) / 2, (points.y1 + points.y2) / 2, { steps: 4 });
  await page.mouse.move(points.x2, points.y2, { steps: 4 });
  await page.mouse.up();
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where the highlights are drawn, relative to the text (so scrolling does not change them). */
export function highlightBoxes(page: Page): Promise<{ x: number; y: number; width: number; height: number }[]> {
  return page.evaluate(() => {
    const origin = document.querySelector('.reader-text')!.getBoundingClientRect();
    return [...document.querySelectorAll('.reader-text mark.hl')].flatMap((mark) =>
      [...mark.getClientRects()].map((r) => ({
        x: Math.round(r.left - origin.left),
        y: Math.round(r.top - origin.top),
        width: Math.round(r.width),
        height: Math.round(r.height),
      })),
    );
  });
}

interface Result<T> {
  ok: boolean;
  value: T;
  error?: { message: string };
}

/** Calls the app's API from the page, the way the renderer does (preload in Electron, HTTP in a browser). */
export async function api<T>(page: Page, name: string, args: unknown): Promise<T> {
  const result = await page.evaluate(
    async ({ name, args }) => {
      const bridge = (window as unknown as { apostil?: { calls: Record<string, (a: unknown) => Promise<unknown>> } }).apostil;
      if (bridge) return bridge.calls[name]!(args);
      // Signed as the page signs its calls: the session token this tab keeps (renderer/src/api/http-session.ts).
      const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${sessionStorage.getItem('apostil-session')}` };
      const response = await fetch(`api/call/${name}`, { method: 'POST', headers, body: JSON.stringify(args) });
      return response.json();
    },
    { name, args },
  );
  const r = result as Result<T>;
  if (!r.ok) throw new Error(`${name} failed: ${r.error?.message}`);
  return r.value;
}

