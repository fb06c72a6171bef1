import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BaseWindow, Dialog, SaveDialogOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveFileWithDialog } from '../services/interchange/save-file';
import { createSaveDialog, saveDialogOptions } from './save-dialog';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'apostil-save-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = { fileName: 'apostil-library-2024-01-01-passages.csv', mimeType: 'text/csv', bytes: new TextEncoder().encode('a,b\r\n') };

function fakeDialog(answer: { canceled: boolean; filePath?: string }) {
  const showSaveDialog = vi.fn(async (..._args: unknown[]) => ({ canceled: answer.canceled, filePath: answer.filePath ?? '' }));
  return { dialog: { showSaveDialog } as unknown as Pick<Dialog, 'showSaveDialog'>, showSaveDialog };
}

describe('the desktop save dialog', () => {
  it('suggests the export name in the default folder, with a filter for its type', () => {
    const options = saveDialogOptions('a/../../evil.csv', '/home/me/Downloads');
    expect(options.defaultPath).toBe(path.join('/home/me/Downloads', 'a_.._.._evil.csv'));
    expect(options.filters?.[0]).toEqual({ name: 'CSV', extensions: ['csv'] });
    expect(options.properties).toContain('showOverwriteConfirmation');
  });

  it('writes the file atomically where the user chose, attached to the window', async () => {
    const target = path.join(dir, 'chosen.csv');
    const { dialog, showSaveDialog } = fakeDialog({ canceled: false, filePath: target });
    const window = { id: 1 } as unknown as BaseWindow;
    const saved = await saveFileWithDialog(createSaveDialog(dialog, () => window, () => dir), file);
    expect(saved).toEqual({ path: target });
    expect(await readFile(target, 'utf8')).toBe('a,b\r\n');
    expect(showSaveDialog.mock.calls[0]![0]).toBe(window);
    expect((showSaveDialog.mock.calls[0]![1] as SaveDialogOptions).defaultPath).toBe(path.join(dir, file.fileName));
    expect(await readdir(dir)).toEqual(['chosen.csv']); // no temp file left
  });

  it('writes nothing when the user cancels', async () => {
    const { dialog } = fakeDialog({ canceled: true });
    expect(await saveFileWithDialog(createSaveDialog(dialog, () => null, () => dir), file)).toBeNull();
    expect(await readdir(dir)).toEqual([]);
  });

  it('says so when the folder cannot be written, and leaves no partial file', async () => {
    const { dialog } = fakeDialog({ canceled: false, filePath: path.join(dir, 'missing-folder', 'x.csv') });
    await expect(saveFileWithDialog(createSaveDialog(dialog, () => null, () => dir), file)).rejects.toThrow(/could not be written/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('is refused in browser mode, where there is no dialog', async () => {
    await expect(saveFileWithDialog(undefined, file)).rejects.toThrow(/only available in the desktop app/);
  });
});
