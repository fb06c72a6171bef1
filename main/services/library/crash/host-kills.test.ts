// Kills of the real browser-mode host while it replaces documents' files and imports annotation files
// (host-kills.ts). The host is built as `npm run build` builds it (scripts/build-main.mjs), into
// test-results/. `npm run soak` runs more kills (APOSTIL_CRASH_KILLS).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeRange } from '../../../../shared/anchoring';
import { PARIS_CALL_CODEBOOK } from '../../../../shared/codebooks';
import { repoRoot } from '../../../test-support/corpus';
import { sampleAnnotation } from '../../../test-support/fixtures';
import { useTempDir } from '../../../test-support/temp';
import { importFile } from '../../importing';
import { LibraryStore } from '../store';
import { runHostKills } from './host-kills';

const KILLS = Math.max(8, Math.round(Number(process.env.APOSTIL_CRASH_KILLS ?? 200) / 8));
const SEED = Number(process.env.APOSTIL_CRASH_SEED ?? Date.now() % 2 ** 31);
const HOST_DIR = path.join(repoRoot, 'test-results', 'host-build');

const PARAGRAPHS = [
  'The Paris Call for Trust and Security in Cyberspace asks states and companies to protect the public core of the internet.',
  'It asks them to prevent foreign interference in electoral processes and to protect intellectual property.',
  'It discourages hack back by non-state actors and asks for the responsible lifecycle of digital products.',
];

describe('crash safety through the real host', () => {
  const tempDir = useTempDir();
  beforeAll(async () => {
    await promisify(execFile)(process.execPath, [path.join(repoRoot, 'scripts', 'build-main.mjs'), '--out', HOST_DIR], { cwd: repoRoot });
  }, 120_000);

  it(`survives ${KILLS} SIGKILLs of the host during documents.replaceFile and annotations.import calls`, { timeout: KILLS * 30_000 }, async () => {
    const libraryDir = await tempDir();
    const store = await LibraryStore.open(libraryDir, { defaultCodebook: PARIS_CALL_CODEBOOK });
    // Three documents, each with a sentence of its own (annotation files find their passages by it) and
    // an annotation that every new version moves.
    for (const word of ['alpha', 'beta', 'gamma']) {
      const text = `Note ${word}\n\n${PARAGRAPHS.join('\n\n')}\n\nThis passage names zephyr${word} and nothing else.\n`;
      const { document } = await importFile(store, `${word}.txt`, new TextEncoder().encode(text));
      const stored = (await store.readText(document.id)).text;
      const start = stored.indexOf('hack back');
      await store.saveAnnotation({ ...sampleAnnotation(document.id, { id: `kept-${word}` }), target: { selector: describeRange(stored, start, start + 9) } });
    }
    await store.close();

    const stats = await runHostKills({ libraryDir, dataDir: await tempDir(), hostScript: path.join(HOST_DIR, 'host.js'), kills: KILLS, inFlightAtLeast: KILLS / 4, seed: SEED });
    console.log(`host kills (seed ${SEED}): ${JSON.stringify(stats)}`);
    expect(stats.kills).toBeGreaterThanOrEqual(KILLS);
    expect(stats.kills).toBeLessThanOrEqual(2 * KILLS);
    // Calls were answered, and kills landed while calls were in flight.
    expect(stats.replaced).toBeGreaterThan(0);
    expect(stats.imported).toBeGreaterThan(0);
    expect(stats.inFlight).toBeGreaterThanOrEqual(KILLS / 4);
  });
});
