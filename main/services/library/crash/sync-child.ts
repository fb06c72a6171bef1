// The child the sync crash test kills: opens a library that syncs with a server and, in 'edit' mode,
// saves annotations without pause (and edits earlier ones), printing "ack <id> <note>" once each save
// is acknowledged, until it is killed. In 'settle' mode it waits until sync has sent everything and
// caught up with the server, prints the library's annotations as JSON, and closes cleanly.
//   node sync-child.js <libraryDir> <stateDir> <url> edit|settle <prefix>
import { PARIS_CALL_CODEBOOK } from '../../../../shared/codebooks';
import { sampleAnnotation } from '../../../test-support/fixtures';
import { textDocument } from '../../../test-support/sync-libraries';
import { openRemote } from '../../sync/remote';
import { SyncEngine } from '../../sync/sync-engine';
import { LibraryStore } from '../store';

const [libraryDir, stateDir, url, mode, prefix] = process.argv.slice(2) as [string, string, string, string, string];

async function main(): Promise<void> {
  const store = await LibraryStore.open(libraryDir, { defaultCodebook: PARIS_CALL_CODEBOOK });
  const sync = await SyncEngine.start(store, await openRemote({ url, username: '', password: '' }), stateDir, { log: () => undefined });
  if (mode === 'settle') {
    await sync.settled();
    const annotations = (await store.allAnnotations()).map((a) => ({ id: a.id, note: a.body.note }));
    process.stdout.write(`${JSON.stringify({ documents: store.listDocuments().length, annotations })}\n`);
    await sync.stop();
    await store.close();
    return;
  }
  const document = store.listDocuments()[0] ?? (await store.addDocument(textDocument('A first paragraph about norms.', 'Norms')));
  process.stdout.write(`ready ${document.id}\n`);
  for (let n = 0; ; n++) {
    const earlier = n % 3 === 2 ? (await store.listAnnotations(document.id)).at(-1) : undefined;
    const annotation = earlier
      ? { ...earlier, body: { ...earlier.body, note: `${prefix} edit ${n}` } }
      : sampleAnnotation(document.id, { id: `${prefix}-${n}`, body: { ...sampleAnnotation(document.id).body, note: `${prefix} ${n}` } });
    const saved = await store.saveAnnotation(annotation);
    process.stdout.write(`ack ${saved.id} ${saved.body.note}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
