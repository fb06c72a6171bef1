// The crash harness through the real host: the browser-mode host (built as `npm run build` builds it) is
// started on a library, sent documents.replaceFile and annotations.import calls over HTTP as the page
// sends them, and killed with SIGKILL at random moments, again and again. After every kill, before
// anything repairs the library, no JSON file is torn; then the library opens with nothing damaged and
// holds every change the host acknowledged, and the call in flight at the kill either whole or not at
// all: a replaced document is wholly its old or its new version (original, text and re-anchored
// annotations agree), and an annotation file's annotations are, for each document, all there or none.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { Annotation, LibraryDocument } from '../../../../shared/model';
import { ANNOTATION_IRI } from '../../../../shared/interchange/w3c';
import { encodeParts, PARTS_CONTENT_TYPE, PARTS_HEADER } from '../../../../shared/wire';
import { PARIS_CALL_CODEBOOK } from '../../../../shared/codebooks';
import { send } from '../../../test-support/http';
import { LibraryStore } from '../store';
import { expectNoTornFiles } from './crash-harness';
import { random } from './ops';

export interface HostKillOptions {
  libraryDir: string;
  /** The host's settings folder (--data-dir). */
  dataDir: string;
  /** dist/main/host.js or the same built elsewhere (scripts/build-main.mjs --out). */
  hostScript: string;
  kills: number;
  /**
   * Kills to land while a call is in flight: when fewer of the first `kills` did (a call's time varies
   * with the machine's load, and a kill timed from the last ones can come after it ended), up to as many
   * again are made until they have.
   */
  inFlightAtLeast?: number;
  seed: number;
}

export interface HostKillStats {
  kills: number;
  /** Calls the host answered before a kill, each found again. */
  acknowledged: number;
  replaced: number;
  imported: number;
  /** Kills that hit a call in flight (which then had landed whole or not at all). */
  inFlight: number;
  inFlightLanded: number;
  /** Replacements cut short by a kill, undone at the next open (Library health: interrupted-replace). */
  undoneReplaces: number;
  jsonFilesChecked: number;
}

/** A document as the harness compares it. */
interface SeenDocument {
  document: LibraryDocument;
  original: string;
  text: string;
  annotations: Map<string, Annotation>;
}

type HostCall =
  | { kind: 'replace'; documentId: string; name: string; bytes: Uint8Array; hash: string }
  | { kind: 'import'; byDocument: Map<string, string[]>; bytes: Uint8Array };

const open = (dir: string) => LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });

export async function runHostKills(options: HostKillOptions): Promise<HostKillStats> {
  const rand = random(options.seed);
  const stats: HostKillStats = { kills: 0, acknowledged: 0, replaced: 0, imported: 0, inFlight: 0, inFlightLanded: 0, undoneReplaces: 0, jsonFilesChecked: 0 };
  let seen = await readLibrary(options.libraryDir, stats, 'the start');
  const times: CallTimes = { 'replace first': 1_000, 'import first': 1_000, 'replace later': 1_000, 'import later': 1_000 };
  const inFlightAtLeast = options.inFlightAtLeast ?? 0;
  for (let run = 0; run < options.kills || (stats.inFlight < inFlightAtLeast && run < 2 * options.kills); run++) {
    const context = `kill ${run + 1} (seed ${options.seed})`;
    const { acked, inFlight } = await runHostAndKill(options, seen, rand, `${options.seed}x${run}`, times);
    stats.kills++;
    stats.acknowledged += acked.length;
    stats.jsonFilesChecked += await expectNoTornFiles(options.libraryDir, context);
    const now = await readLibrary(options.libraryDir, stats, context);
    const problems = compare(seen, now, acked, inFlight);
    if (inFlight) {
      stats.inFlight++;
      if (landed(now, inFlight)) stats.inFlightLanded++;
    }
    if (problems.length > 0) {
      throw new Error(
        `After ${context}, the library does not hold what the host acknowledged:\n${problems.slice(0, 10).join('\n')}` +
          (inFlight ? `\n(call in flight: ${inFlight.kind})` : ''),
      );
    }
    stats.replaced += acked.filter((call) => call.kind === 'replace').length;
    stats.imported += acked.filter((call) => call.kind === 'import').length;
    seen = now;
  }
  return stats;
}

/** How long each kind of call takes, as last seen (the kills are timed from it); apart for a host's first
 * call, which loads the code it needs (importers load when first used) and takes longer than later ones. */
type CallTimes = Record<`${HostCall['kind']} ${'first' | 'later'}`, number>;

/** Starts the host, has it answer a few calls, and kills it at a random moment of the last one. */
async function runHostAndKill(options: HostKillOptions, seen: Map<string, SeenDocument>, rand: () => number, tag: string, times: CallTimes) {
  const host = spawn(process.execPath, [options.hostScript, '--library', options.libraryDir, '--port', '0', '--data-dir', options.dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => host.once('exit', () => resolve()));
  const acked: HostCall[] = [];
  let inFlight: HostCall | null = null;
  let killed = false;
  const kill = () => {
    killed = true;
    host.kill('SIGKILL');
  };
  let timer: NodeJS.Timeout | null = null;
  try {
    const { port, session } = await signIn(host);
    // What the host holds as the calls are answered: the next call builds on it.
    const current = new Map([...seen].map(([id, d]) => [id, { ...d, annotations: new Map(d.annotations) }]));
    const calls = 1 + Math.floor(rand() * 3);
    for (let i = 0; i < calls && !killed; i++) {
      const call = rand() < 0.5 ? replaceCall(current, rand, `${tag}x${i}`) : importCall(current, rand, `${tag}x${i}`);
      // The last call is killed at a random moment of about the time such a call takes (or just after),
      // mostly in its second part, where the files are written (reading the new file comes first).
      const timed = `${call.kind} ${i === 0 ? 'first' : 'later'}` as const;
      if (i === calls - 1) timer = setTimeout(kill, (0.3 + rand() * 0.9) * times[timed]);
      inFlight = call;
      const started = Date.now();
      const reply = await callHost(port, session, call).catch((error: unknown) => {
        if (killed) return null;
        throw error;
      });
      if (!reply) break;
      if (reply.status !== 200) throw new Error(`The host refused a ${call.kind} call (${reply.status}): ${reply.body.slice(0, 500)}`);
      const result = JSON.parse(reply.body) as { ok: boolean; error?: { message: string } };
      if (!result.ok) throw new Error(`The host failed a ${call.kind} call: ${result.error?.message}`);
      times[timed] = 0.5 * times[timed] + 0.5 * (Date.now() - started);
      acked.push(call);
      inFlight = null;
      applyCall(current, call);
    }
    if (!killed) {
      if (timer) clearTimeout(timer);
      kill();
    }
  } catch (error) {
    if (timer) clearTimeout(timer);
    host.kill('SIGKILL');
    await exited;
    throw error;
  }
  await exited;
  return { acked, inFlight };
}

/** Waits for the address the host prints, and trades its launch token for the session token. */
async function signIn(host: ChildProcess): Promise<{ port: number; session: string }> {
  const url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    let errors = '';
    const timer = setTimeout(() => reject(new Error(`The host did not start within 60 s:\n${out}\n${errors}`)), 60_000);
    host.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /Open (http:\/\/127\.0\.0\.1:\d+\/#token=\w+)/.exec(out);
      if (found) {
        clearTimeout(timer);
        resolve(new URL(found[1]!));
      }
    });
    host.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    host.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The host stopped before it was ready (code ${code}, signal ${signal}):\n${out}\n${errors.slice(0, 2_000)}`));
    });
  });
  const port = Number(url.port);
  const token = url.hash.replace('#token=', '');
  const reply = await send(port, { path: '/api/session', method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  return { port, session: (JSON.parse(reply.body) as { session: string }).session };
}

function callHost(port: number, session: string, call: HostCall) {
  const args =
    call.kind === 'replace'
      ? { id: call.documentId, name: call.name, bytes: call.bytes }
      : { taskId: `import-${createHash('sha1').update(call.bytes).digest('hex').slice(0, 12)}`, name: 'notes.jsonld', bytes: call.bytes };
  const message = encodeParts(args)!;
  return send(port, {
    path: `/api/call/${call.kind === 'replace' ? 'documents.replaceFile' : 'annotations.import'}`,
    method: 'POST',
    headers: { Authorization: `Bearer ${session}`, 'Content-Type': PARTS_CONTENT_TYPE, [PARTS_HEADER]: message.layout },
    body: Buffer.concat([message.json, ...message.parts]),
  });
}

/** A new version of a document: a paragraph with a word of its own added after the first. */
function replaceCall(current: Map<string, SeenDocument>, rand: () => number, tag: string): HostCall {
  const ids = [...current.keys()];
  const documentId = ids[Math.floor(rand() * ids.length)]!;
  const { original, document } = current.get(documentId)!;
  const at = original.indexOf('\n\n');
  const paragraph = `Revision ${tag} adds a paragraph to this text.`;
  const text = at < 0 ? `${original}\n\n${paragraph}\n` : `${original.slice(0, at)}\n\n${paragraph}${original.slice(at)}`;
  const bytes = new TextEncoder().encode(text);
  return { kind: 'replace', documentId, name: document.originalName, bytes, hash: sha256(bytes) };
}

/** A W3C Web Annotation file of a few passages in one or two documents, each found by its quote. */
function importCall(current: Map<string, SeenDocument>, rand: () => number, tag: string): HostCall {
  const ids = [...current.keys()];
  const byDocument = new Map<string, string[]>();
  const items: unknown[] = [];
  for (let d = 0; d < 1 + Math.floor(rand() * 2); d++) {
    const documentId = ids[Math.floor(rand() * ids.length)]!;
    // The sentence holding the document's own word: a quote found in that document only.
    const { text } = current.get(documentId)!;
    const word = /zephyr[a-z]+/.exec(text)![0];
    const quote = text.slice(text.lastIndexOf('\n', text.indexOf(word)) + 1, text.indexOf('.', text.indexOf(word)) + 1);
    for (let k = 0; k < 1 + Math.floor(rand() * 3); k++) {
      const id = `imp-${tag}-${d}-${k}`;
      if (byDocument.get(documentId)?.includes(id)) continue;
      (byDocument.get(documentId) ?? byDocument.set(documentId, []).get(documentId)!).push(id);
      items.push({
        id: `${ANNOTATION_IRI}${id}`,
        type: 'Annotation',
        body: [{ type: 'TextualBody', value: `Imported note ${id}`, purpose: 'commenting' }],
        target: { source: `urn:crash:${tag}`, selector: { type: 'TextQuoteSelector', exact: quote } },
      });
    }
  }
  const file = { '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', first: { type: 'AnnotationPage', items } };
  return { kind: 'import', byDocument, bytes: new TextEncoder().encode(JSON.stringify(file)) };
}

/** What an answered call changed, as far as the next call needs (texts and annotation ids). */
function applyCall(current: Map<string, SeenDocument>, call: HostCall): void {
  if (call.kind === 'replace') {
    const document = current.get(call.documentId)!;
    document.original = new TextDecoder().decode(call.bytes);
    document.text = document.original;
  }
}

/** What is wrong with the library now, given what it was, what was acknowledged, and the call in flight. */
function compare(before: Map<string, SeenDocument>, now: Map<string, SeenDocument>, acked: HostCall[], inFlight: HostCall | null): string[] {
  const problems: string[] = [];
  for (const [id, was] of before) {
    const is = now.get(id);
    if (!is) {
      problems.push(`document ${id} is missing`);
      continue;
    }
    // Every annotation there before is still there (a replacement re-anchors, never drops).
    for (const annotationId of was.annotations.keys()) if (!is.annotations.has(annotationId)) problems.push(`annotation ${annotationId} of ${id} is missing`);
    // The document is one version: its original is what its description says, its text that original's,
    // and every annotation's quote is the text at its position.
    if (sha256(new TextEncoder().encode(is.original)) !== is.document.contentHash) problems.push(`document ${id}: the original is not the one its description names`);
    if (!sameWords(is.text, is.original)) problems.push(`document ${id}: the text is not its original's`);
    for (const annotation of is.annotations.values()) {
      const position = annotation.target.selector.find((s) => s.type === 'TextPositionSelector');
      const quote = annotation.target.selector.find((s) => s.type === 'TextQuoteSelector');
      if (position && quote && is.text.slice(position.start, position.end) !== quote.exact) {
        problems.push(`annotation ${annotation.id} of ${id} does not match its document's text (a replacement half done?)`);
      }
    }
    // Acknowledged replacements: the last one is the version there (or one in flight after it, landed).
    const replaces = acked.filter((c): c is Extract<HostCall, { kind: 'replace' }> => c.kind === 'replace' && c.documentId === id);
    const allowed = new Set([replaces.at(-1)?.hash ?? was.document.contentHash]);
    if (inFlight?.kind === 'replace' && inFlight.documentId === id) allowed.add(inFlight.hash);
    if (!allowed.has(is.document.contentHash)) problems.push(`document ${id} is not the version acknowledged last`);
  }
  for (const id of now.keys()) if (!before.has(id)) problems.push(`document ${id} should not be there`);
  // Acknowledged imports are all there; the one in flight is, for each document, all there or none.
  for (const call of acked) {
    if (call.kind !== 'import') continue;
    for (const [documentId, ids] of call.byDocument) {
      for (const annotationId of ids) if (!now.get(documentId)?.annotations.has(annotationId)) problems.push(`imported annotation ${annotationId} of ${documentId} is missing`);
    }
  }
  if (inFlight?.kind === 'import') {
    for (const [documentId, ids] of inFlight.byDocument) {
      const found = ids.filter((annotationId) => now.get(documentId)?.annotations.has(annotationId));
      if (found.length > 0 && found.length < ids.length) problems.push(`an import cut short left ${found.length} of ${ids.length} annotations in ${documentId}`);
    }
  }
  return problems;
}

function landed(now: Map<string, SeenDocument>, call: HostCall): boolean {
  if (call.kind === 'replace') return now.get(call.documentId)?.document.contentHash === call.hash;
  return [...call.byDocument].some(([documentId, ids]) => now.get(documentId)?.annotations.has(ids[0]!));
}

/** A plain text's extracted text is its paragraphs: compared word for word. */
function sameWords(a: string, b: string): boolean {
  const words = (s: string) => s.split(/\s+/).filter(Boolean).join(' ');
  return words(a) === words(b);
}

/** Opens the library (running its integrity check) and reads every document back. */
async function readLibrary(root: string, stats: HostKillStats, context: string): Promise<Map<string, SeenDocument>> {
  const store = await open(root);
  try {
    const health = await store.health();
    const damage = health.issues.filter((issue) => issue.kind !== 'interrupted-replace' && issue.kind !== 'unfinished-import');
    stats.undoneReplaces += health.issues.filter((issue) => issue.kind === 'interrupted-replace').length;
    if (damage.length > 0) throw new Error(`After ${context}, the integrity check found damage:\n${damage.map((d) => `${d.kind}: ${d.message}`).join('\n')}`);
    const seen = new Map<string, SeenDocument>();
    for (const document of store.listDocuments()) {
      seen.set(document.id, {
        document,
        original: new TextDecoder().decode(await store.readOriginal(document.id)),
        text: (await store.readText(document.id)).text,
        annotations: new Map((await store.listAnnotations(document.id)).map((a) => [a.id, a])),
      });
    }
    return seen;
  } finally {
    await store.close();
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
