// npm run bench:sync [-- --small]: sync through a CouchDB-protocol server (express-pouchdb over the
// in-memory adapter, on 127.0.0.1, as in the tests). Measures
//   - firstSendSeconds: one machine sending its whole library to an empty database;
//   - freshReceiveSeconds: a fresh machine (empty library) receiving all of it: every document, its
//     file and text, and every annotation;
//   - saveToArrival p50/p95 (ms): from a save on one machine until the other has it (20 saves).
// The library is the search benchmark's (npm run bench:search makes it: 5,000 documents, 100,000
// annotations), copied (it is never changed); --small takes its first 500 documents. Ends with one
// line of JSON. Figures from a loaded machine are noisy: take them on a quiet one.
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PARIS_CALL_CODEBOOK } from '../../shared/codebooks';
import { LibraryStore } from '../../main/services/library/store';
import { openRemote } from '../../main/services/sync/remote';
import { SyncEngine } from '../../main/services/sync/sync-engine';
import { CouchServer } from '../../main/test-support/couch-server';

const small = process.argv.includes('--small');
const SOURCE = process.env.APOSTIL_BENCH_LIBRARY ?? '/tmp/apostil-bench-search-full';
const DOCUMENTS = small ? 500 : Number.POSITIVE_INFINITY;
const SAVES = 20;

const open = (dir: string) => LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });
const seconds = (ms: number) => Math.round(ms) / 1000;

async function copyLibrary(to: string): Promise<void> {
  const names = (await readdir(path.join(SOURCE, 'documents'))).sort().slice(0, DOCUMENTS);
  await mkdir(path.join(to, 'documents'), { recursive: true });
  for (const file of ['library.json', 'codebook.json']) await cp(path.join(SOURCE, file), path.join(to, file));
  for (const name of names) {
    const dir = path.join(to, 'documents', name);
    await cp(path.join(SOURCE, 'documents', name), dir, { recursive: true });
    // The synthetic library's originals are empty and its content hashes made up; sync sends each
    // file once by its hash and checks it on arrival, so the copy's originals hold their text and
    // record their real hashes (a file per document, as in a real library).
    const meta = JSON.parse(await readFile(path.join(dir, 'meta.json'), 'utf8')) as { contentHash: string; size: number };
    const original = (await readdir(dir)).find((file) => file.startsWith('original.'));
    if (!original) throw new Error(`${name} has no original file.`);
    const bytes = new TextEncoder().encode((JSON.parse(await readFile(path.join(dir, 'text.json'), 'utf8')) as { text: string }).text);
    await writeFile(path.join(dir, original), bytes);
    meta.contentHash = createHash('sha256').update(bytes).digest('hex');
    meta.size = bytes.byteLength;
    await writeFile(path.join(dir, 'meta.json'), JSON.stringify(meta));
  }
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), 'apostil-bench-sync-'));
  const server = await new CouchServer().start();
  const url = server.url('bench');
  try {
    await copyLibrary(path.join(work, 'a'));
    const a = await open(path.join(work, 'a'));
    const annotations = a.info().annotationCount;
    let started = performance.now();
    const syncA = await SyncEngine.start(a, await openRemote({ url, username: '', password: '' }), path.join(work, 'a-sync'), { log: () => undefined });
    await syncA.settled();
    const firstSendSeconds = seconds(performance.now() - started);

    started = performance.now();
    const b = await open(path.join(work, 'b'));
    const syncB = await SyncEngine.start(b, await openRemote({ url, username: '', password: '' }), path.join(work, 'b-sync'), { log: () => undefined });
    await syncB.settled();
    const freshReceiveSeconds = seconds(performance.now() - started);
    const received = b.info();
    if (received.documentCount !== a.info().documentCount || received.annotationCount !== annotations) {
      throw new Error(`The fresh machine received ${received.documentCount} documents and ${received.annotationCount} annotations of ${a.info().documentCount} and ${annotations}.`);
    }

    // A save on A, until B publishes it.
    const delays: number[] = [];
    const documentId = a.listDocuments()[0]!.id;
    for (let i = 0; i < SAVES; i++) {
      const [first] = await a.listAnnotations(documentId);
      if (!first) throw new Error('The first document has no annotation to edit.');
      const note = `bench edit ${i}`;
      const arrived = new Promise<number>((resolve) => {
        const stop = b.changes.subscribe((change) => {
          if (change.kind === 'annotations.changed' && change.updated.some((x) => x.body.note === note)) {
            stop();
            resolve(performance.now());
          }
        });
      });
      const saved = performance.now();
      await a.saveAnnotation({ ...first, body: { ...first.body, note } });
      delays.push((await arrived) - saved);
    }
    delays.sort((x, y) => x - y);
    const at = (q: number) => Math.round(delays[Math.min(delays.length - 1, Math.floor(q * delays.length))]!);

    await syncA.stop();
    await syncB.stop();
    await a.close();
    await b.close();
    console.log(
      JSON.stringify({
        bench: 'sync',
        documents: received.documentCount,
        annotations,
        firstSendSeconds,
        freshReceiveSeconds,
        saveToArrivalMs: { p50: at(0.5), p95: at(0.95), saves: SAVES },
      }),
    );
  } finally {
    await server.stop();
    await rm(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench:sync failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
