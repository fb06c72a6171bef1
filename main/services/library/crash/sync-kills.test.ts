// Sync and crashes: a library syncing with a server is killed with SIGKILL again and again while it
// saves annotations and sends them (sync-child.ts), while another library edits too; after a last
// clean run both libraries hold every acknowledged change of both, and neither lost anything.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CouchServer } from '../../../test-support/couch-server';
import { sampleAnnotation } from '../../../test-support/fixtures';
import { eventually, openSyncedLibrary } from '../../../test-support/sync-libraries';
import { useTempDir } from '../../../test-support/temp';

const KILLS = Number(process.env.APOSTIL_SYNC_KILLS ?? 12);
const SEED = Number(process.env.APOSTIL_CRASH_SEED ?? Date.now() % 2 ** 31);

/** A small seeded generator, so that a failing run can be repeated (the seed is printed). */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

function run(script: string, args: string[]): { child: ChildProcessWithoutNullStreams; lines: string[]; line(prefix: string): Promise<string>; exited: Promise<void> } {
  const child = spawn(process.execPath, [script, ...args]);
  const lines: string[] = [];
  const waiting: { prefix: string; resolve(line: string): void }[] = [];
  let buffer = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let at = buffer.indexOf('\n'); at !== -1; at = buffer.indexOf('\n')) {
      const line = buffer.slice(0, at);
      buffer = buffer.slice(at + 1);
      lines.push(line);
      for (const w of waiting.filter((x) => line.startsWith(x.prefix))) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return {
    child,
    lines,
    exited,
    line: (prefix) =>
      new Promise((resolve, reject) => {
        const found = lines.find((l) => l.startsWith(prefix));
        if (found) return resolve(found);
        waiting.push({ prefix, resolve });
        void exited.then(() => reject(new Error(`The child exited before printing "${prefix}": ${stderr}`)));
      }),
  };
}

describe('sync and crashes', () => {
  const tempDir = useTempDir();
  const server = new CouchServer();
  beforeAll(async () => {
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
  });

  it(`loses nothing when a syncing library is killed ${KILLS} times with SIGKILL`, { timeout: 60_000 + KILLS * 15_000 }, async () => {
    const next = random(SEED);
    const script = inject('bundles').syncChild;
    const url = server.url('crash');
    const dirA = await tempDir();
    const args = (mode: string, prefix: string) => [path.join(dirA, 'library'), path.join(dirA, 'sync'), url, mode, prefix];
    const b = await openSyncedLibrary(await tempDir(), url);
    /** The last acknowledged note of each annotation A saved. */
    const acknowledged = new Map<string, string>();
    const fromB = new Map<string, string>();
    try {
      for (let kill = 0; kill < KILLS; kill++) {
        const child = run(script, args('edit', `a${kill}`));
        const documentId = (await child.line('ready ')).split(' ')[1]!;
        await new Promise((resolve) => setTimeout(resolve, 200 + next() * 1_500));
        child.child.kill('SIGKILL');
        await child.exited;
        for (const line of child.lines.filter((l) => l.startsWith('ack '))) {
          const [, id, ...note] = line.split(' ');
          acknowledged.set(id!, note.join(' '));
        }
        // The other library works meanwhile, once the document has reached it.
        if (b.store.hasDocument(documentId)) {
          const saved = await b.store.saveAnnotation(sampleAnnotation(documentId, { id: `b-${kill}`, body: { ...sampleAnnotation(documentId).body, note: `b ${kill}` } }));
          fromB.set(saved.id, saved.body.note);
        }
      }
      expect(acknowledged.size).toBeGreaterThanOrEqual(KILLS);
      expect(fromB.size).toBeGreaterThan(0);

      const settle = run(script, args('settle', 'settle'));
      const report = JSON.parse((await settle.line('{')).trim()) as { documents: number; annotations: { id: string; note: string }[] };
      await settle.exited;
      const inA = new Map(report.annotations.map((a) => [a.id, a.note]));
      const wanted = new Map([...acknowledged, ...fromB]);
      await b.sync.settled();
      const inB = async () => new Map((await b.store.allAnnotations()).map((a) => [a.id, a.body.note]));
      // Every acknowledged change of A is in A (the last acknowledged note, or a later one that the
      // kill interrupted before its acknowledgement), and everything of B reached A.
      for (const [id, note] of wanted) {
        expect(inA.has(id), `${id} in A`).toBe(true);
        if (fromB.has(id)) expect(inA.get(id)).toBe(note);
      }
      // B converges on what A holds.
      await eventually(async () => {
        const held = await inB();
        return [...inA].every(([id, note]) => held.get(id) === note);
      }, 'B to hold everything A holds', 60_000);
      console.log(`sync crash test (seed ${SEED}): ${JSON.stringify({ kills: KILLS, acknowledgedInA: acknowledged.size, fromB: fromB.size, annotations: inA.size })}`);
    } finally {
      await b.close();
    }
  });
});
