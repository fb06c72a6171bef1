// Reaching the app as the specs need beyond its UI: calling its API the way the renderer does, and
// catching the next file it exports (a download in a browser, the save dialog in Electron).
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, type AppUnderTest } from './fixtures';

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
      const response = await fetch(`api/call/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
      return response.json();
    },
    { name, args },
  );
  const r = result as Result<T>;
  if (!r.ok) throw new Error(`${name} failed: ${r.error?.message}`);
  return r.value;
}

/** Saves the next file the app exports, and returns its text: a download in a browser, the save dialog in Electron. */
export async function saveNextExport(app: AppUnderTest, trigger: () => Promise<void>): Promise<{ name: string; text: string; bytes: Buffer }> {
  const electron = app.electronApp;
  if (electron) {
    const target = path.join(await mkdtemp(path.join(tmpdir(), 'apostil-e2e-export-')), 'export');
    await electron.evaluate(({ dialog }, filePath) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
    }, target);
    await trigger();
    await expect.poll(() => readFile(target, 'utf8').catch(() => null)).not.toBeNull();
    const bytes = await readFile(target);
    return { name: target, text: bytes.toString('utf8'), bytes };
  }
  const download = app.page.waitForEvent('download');
  await trigger();
  const file = await download;
  const bytes = await readFile((await file.path())!);
  return { name: file.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}
