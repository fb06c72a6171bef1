// The crash harness's child (bundled to crash-child.js): opens a library with the real services and
// changes it without pause (annotations created, edited and deleted, documents imported, retitled and
// deleted, their files replaced by new versions, actors added to the codebook) until it is killed. Each change is announced on stdout before
// it starts and reported once the service has acknowledged it, with synchronous writes, so the parent
// knows exactly what was acknowledged before the kill.
//   node crash-child.js <library> <seed> <extract-worker.js> [mixed|replace]
import { writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describeRange } from '../../../../shared/anchoring';
import { PARIS_CALL_CODEBOOK } from '../../../../shared/codebooks';
import type { Annotation, LibraryDocument } from '../../../../shared/model';
import { HIGHLIGHT_COLORS, STANCES } from '../../../../shared/model';
import { importFile } from '../../importing';
import { prepareReplacement } from '../../replacing';
import { setExtractionWorkerScript } from '../../import/worker/extraction-worker';
import { LibraryStore } from '../store';
import { random, type ChildMessage, type CrashOp } from './ops';

const [libraryDir, seedText, workerScript, mode = 'mixed'] = process.argv.slice(2);
if (!libraryDir || !seedText || !workerScript) throw new Error('usage: crash-child.js <library> <seed> <extract-worker.js>');
const seed = Number(seedText);
const rand = random(seed);
setExtractionWorkerScript(workerScript);

function say(message: ChildMessage): void {
  writeSync(1, `${JSON.stringify(message)}\n`);
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const WORDS = ['norms', 'trust', 'security', 'cyberspace', 'states', 'companies', 'civil', 'society', 'treaty', 'election', 'supply', 'chain', 'hack', 'back', 'infrastructure', 'Paris', 'Call'];
const sentence = () => Array.from({ length: 6 + Math.floor(rand() * 10) }, () => pick(WORDS)).join(' ') + '.';

async function step(store: LibraryStore, i: number): Promise<void> {
  const documents = store.listDocuments();
  const roll = rand();
  const tag = `${seed}x${i}`;

  if (documents.length === 0 || (roll < 0.06 && documents.length < 8)) {
    const token = `zephyr${tag}`;
    const paragraphs = Array.from({ length: 2 + Math.floor(rand() * 6) }, (_, k) => (k === 1 ? `${sentence()} ${token}.` : sentence()));
    const bytes = new TextEncoder().encode(`Crash note ${tag}\n\n${paragraphs.join('\n\n')}\n`);
    const op: CrashOp = { kind: 'import', name: `crash-${tag}.${rand() < 0.85 ? 'txt' : 'md'}`, hash: createHash('sha256').update(bytes).digest('hex'), token };
    say({ t: 'begin', op });
    const outcome = await importFile(store, op.name, bytes);
    say({ t: 'ack', op, documentId: outcome.document.id, title: outcome.document.metadata.title });
    return;
  }

  const document = pick(documents);
  const annotations = await store.listAnnotations(document.id);
  let op: CrashOp;
  if (mode === 'replace' && annotations.length > 0) {
    await replaceWithNewVersion(store, document, tag);
  } else if (roll < 0.45 || annotations.length === 0) {
    const { text } = await store.readText(document.id);
    const start = Math.floor(rand() * (text.length - 1));
    const end = Math.min(text.length, start + 1 + Math.floor(rand() * 80));
    const codebook = store.getCodebook();
    const now = new Date().toISOString();
    const annotation: Annotation = {
      id: `a-${tag}`,
      documentId: document.id,
      created: now,
      modified: now,
      target: { selector: describeRange(text, start, end) },
      body: {
        color: pick(HIGHLIGHT_COLORS),
        note: `note ${tag}`,
        tags: rand() < 0.5 ? [`t${i % 7}`] : [],
        principles: rand() < 0.7 ? [pick(codebook.principles).id] : [],
        actors: rand() < 0.5 ? [{ actorId: pick(codebook.actors).id, stance: pick(STANCES) }] : [],
      },
    };
    op = { kind: 'annotation.save', annotation };
    say({ t: 'begin', op });
    const stored = await store.saveAnnotation(annotation);
    say({ t: 'ack', op: { kind: 'annotation.save', annotation: stored } });
    return;
  }
  if (roll < 0.7) {
    const current = pick(annotations);
    const annotation: Annotation = { ...current, body: { ...current.body, note: `${current.body.note} / edit ${tag}`, color: pick(HIGHLIGHT_COLORS) } };
    op = { kind: 'annotation.save', annotation };
    say({ t: 'begin', op });
    const stored = await store.saveAnnotation(annotation);
    say({ t: 'ack', op: { kind: 'annotation.save', annotation: stored } });
  } else if (roll < 0.8) {
    op = { kind: 'annotation.delete', documentId: document.id, id: pick(annotations).id };
    say({ t: 'begin', op });
    await store.deleteAnnotation(op.documentId, op.id);
    say({ t: 'ack', op });
  } else if (roll < 0.88) {
    op = { kind: 'document.title', documentId: document.id, title: `Retitled ${tag}` };
    say({ t: 'begin', op });
    await store.updateMetadata(document.id, { ...document.metadata, title: op.title });
    say({ t: 'ack', op });
  } else if (roll < 0.93 && documents.length > 3) {
    op = { kind: 'document.delete', documentId: document.id };
    say({ t: 'begin', op });
    await store.deleteDocument(document.id);
    say({ t: 'ack', op });
  } else if (roll < 0.96) {
    await replaceWithNewVersion(store, document, tag);
  } else {
    const codebook = store.getCodebook();
    op = { kind: 'codebook.addActor', actorId: `actor-${tag}` };
    say({ t: 'begin', op });
    await store.saveCodebook({ ...codebook, actors: [...codebook.actors, { id: op.actorId, name: `Actor ${tag}`, kind: 'company', aliases: [] }] });
    say({ t: 'ack', op });
  }
}

/** A new version of a document's file: a paragraph added, so some annotations move and all are kept. */
async function replaceWithNewVersion(store: LibraryStore, document: LibraryDocument, tag: string): Promise<void> {
  const original = new TextDecoder().decode(await store.readOriginal(document.id));
  const revision = `Revision ${tag}: ${sentence()}`;
  const at = original.indexOf('\n\n');
  const bytes = new TextEncoder().encode(at < 0 ? `${original}\n\n${revision}\n` : `${original.slice(0, at)}\n\n${revision}${original.slice(at)}`);
  const { replacement } = await prepareReplacement(store, document.id, document.originalName, bytes);
  const op: CrashOp = { kind: 'document.replace', documentId: document.id, hash: replacement.contentHash, annotations: replacement.annotations };
  say({ t: 'begin', op });
  await store.replaceFile(document.id, replacement);
  say({ t: 'ack', op });
}

const store = await LibraryStore.open(libraryDir, { defaultCodebook: PARIS_CALL_CODEBOOK });
say({ t: 'ready' });
for (let i = 0; ; i++) await step(store, i);
