// Sync as a user sets it up: the Sync button opens the dialog; an address no server answers gets a
// message in words and connects nothing; a CouchDB-protocol server (express-pouchdb, in memory, on
// 127.0.0.1) is connected, the button says when it last synced, and a highlight saved in the app
// arrives on the server. Each state of the dialog passes axe-core.
import path from 'node:path';
import { CouchServer } from '../main/test-support/couch-server';
import { expectAccessible } from './axe';
import { expect, screenshot, test } from './fixtures';
import { api, corpusFiles, importFiles } from './helpers';

test('connect a library to a CouchDB server from the Sync dialog, and a highlight arrives there', async ({ app }) => {
  test.setTimeout(180_000);
  const { page } = app;
  const server = await new CouchServer().start();
  try {
    const file = corpusFiles()[0]!;
    await importFiles(page, [file]);
    await expect(page.locator('.document-item')).toHaveCount(2);

    const button = page.locator('.sync-button');
    await expect(button).toHaveText('Sync: off');
    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Sync with a CouchDB server' });
    await expect(dialog).toBeVisible();
    await expectAccessible(page, 'sync-connect');

    // Nothing answers there: said in words, nothing connected.
    await dialog.getByLabel('Database address').fill('http://127.0.0.1:9/policy-group');
    await dialog.getByLabel('User name').fill('ana');
    await dialog.getByLabel('Password').fill('s3cret-pass');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect(dialog.getByRole('alert')).toContainText('The server cannot be reached');
    await expect(button).toHaveText('Sync: off');
    await screenshot(page, 'sync-01-unreachable');

    await dialog.getByLabel('Database address').fill(server.url('policy-group'));
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect(dialog.getByRole('button', { name: 'Disconnect' })).toBeVisible();
    await expect(button).toHaveText(/^Synced \d/, { timeout: 60_000 });
    await screenshot(page, 'sync-02-connected');
    await expectAccessible(page, 'sync-connected');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // A highlight saved in the app travels to the server.
    const documents = await api<{ id: string; originalName: string }[]>(page, 'documents.list', {});
    const document = documents.find((d) => d.originalName === path.basename(file))!;
    const text = await api<{ text: string }>(page, 'documents.text', { id: document.id });
    const now = new Date().toISOString();
    await api(page, 'annotations.save', {
      annotation: {
        id: 'e2e-synced-1',
        documentId: document.id,
        created: now,
        modified: now,
        target: { selector: [{ type: 'TextPositionSelector', start: 0, end: 40 }, { type: 'TextQuoteSelector', exact: text.text.slice(0, 40), prefix: '', suffix: '' }] },
        body: { color: 'yellow', note: 'Sent by sync', tags: [], principles: [], actors: [] },
      },
    });
    const database = server.database('policy-group');
    await expect
      .poll(async () => {
        const doc = await database.get(`annotation:${document.id}:e2e-synced-1`).catch(() => null);
        // A synced annotation's CouchDB document holds the annotation as its body.
        return (doc as { body?: { body?: { note?: string } } } | null)?.body?.body?.note ?? null;
      }, { timeout: 60_000 })
      .toBe('Sent by sync');

    // Another machine changed the same highlight, and a memo, meanwhile: the server keeps both versions
    // of each, and the Conflicts list shows them in words, to keep one or merge them.
    const memo = await api<{ id: string }>(page, 'memos.edit', { edit: { op: 'create', title: 'Reading notes', body: 'Written in the app.', target: { kind: 'project' } } });
    const annotationId = `annotation:${document.id}:e2e-synced-1`;
    await expect.poll(async () => (await database.get(`memo:${memo.id}`).catch(() => null)) !== null, { timeout: 60_000 }).toBe(true);
    await otherMachineEdits(database, annotationId, (body) => ({ ...body, body: { ...(body.body as object), note: 'Changed on another machine', tags: ['elsewhere'] } }));
    await otherMachineEdits(database, `memo:${memo.id}`, (body) => ({ ...body, body: 'Written on another machine.' }));
    await expect(button).toContainText('2 conflicts', { timeout: 60_000 });
    await button.click();
    const conflicts = dialog.getByRole('list', { name: 'Conflicts' });
    await expect(conflicts.locator(':scope > li')).toHaveCount(2);
    const memoConflict = conflicts.locator(':scope > li', { hasText: 'Memo “Reading notes”' });
    await expect(memoConflict).toContainText('Written in the app.');
    await expect(memoConflict).toContainText('Written on another machine.');
    await expect(conflicts.locator(':scope > li', { hasText: 'Annotation in' })).toContainText('note: Changed on another machine');
    await screenshot(page, 'sync-03-conflicts');
    await expectAccessible(page, 'sync-conflicts');
    await memoConflict.getByRole('button', { name: 'Merge them (both texts, one after the other)' }).click();
    await expect(conflicts.locator(':scope > li')).toHaveCount(1);
    await expect
      .poll(async () => (await api<{ id: string; body: string }[]>(page, 'memos.list', {})).find((m) => m.id === memo.id)?.body)
      .toMatch(/Written (in the app|on another machine)\.\n\n---\n\nWritten (in the app|on another machine)\./);
  } finally {
    await server.stop();
  }
});

/** Another machine's edit of a synced document, written on the server beside this library's: a conflict, as CouchDB keeps them. */
async function otherMachineEdits(database: ReturnType<CouchServer['database']>, id: string, change: (body: Record<string, unknown>) => Record<string, unknown>) {
  const current = (await database.get(id, { revs: true })) as unknown as { kind: string; body: Record<string, unknown>; _revisions: { start: number; ids: string[] } };
  const { start, ids } = current._revisions;
  const other = 'e'.repeat(32);
  const result = await database.bulkDocs([{ _id: id, _rev: `${start}-${other}`, _revisions: { start, ids: [other, ...ids.slice(1)] }, kind: current.kind, body: change(current.body) }], { new_edits: false });
  if (result.some((r) => r.error)) throw new Error(`The server refused the other machine's edit of ${id}.`);
}
