// Catching the next file the app exports: a download in a browser, the save dialog in Electron.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type AppUnderTest } from './fixtures';

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
