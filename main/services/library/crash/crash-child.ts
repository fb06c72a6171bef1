// The crash harness's child (bundled to crash-child.js): opens a library with the real services and
// changes it without pause (annotations created, edited and deleted, documents imported, retitled and
// deleted, their files replaced by new versions, actors added to the codebook, codes merged and split
// with their passages recoded, memos written, rewritten and deleted, document variable values set on
// several documents at once, passages linked and links deleted) until it is killed. Each change is
// announced on stdout before it starts and reported once the service has acknowledged it, with
// synchronous writes, so the parent knows exactly what was acknowledged before the kill.
//   node crash-child.js <library> <seed> <extract-worker.js> [mixed|replace|codebook]
// With "stdin" for the seed, the child loads its code, then waits for its seed on a line of stdin before
// it opens the library: the harness starts the next child while the last one runs and is checked.
import { writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describeRange } from '../../../../shared/anchoring';
import { PARIS_CALL_CODEBOOK } from '../../../../shared/codebooks';
import type { CodebookEdit } from '../../../../shared/codebooks/edits';
import { applyCodebookEdit } from '../../../../shared/codebooks/operations';
import type { Annotation, LibraryDocument } from '../../../../shared/model';
import { HIGHLIGHT_COLORS, STANCES } from '../../../../shared/model';
import { importFile } from '../../importing';
import { prepareReplacement } from '../../replacing';
import { setExtractionWorkerScript } from '../../import/worker/extraction-worker';
import { LibraryStore } from '../store';
import { random, type ChildMessage, type CrashOp } from './ops';

const [libraryDir, seedText, workerScript, mode = 'mixed'] = process.argv.slice(2);
if (!libraryDir || !seedText || !workerScript) throw new Error('usage: crash-child.js <library> <seed|stdin> <extract-worker.js>');
const seed = Number(seedText === 'stdin' ? await readLine() : seedText);
const rand = random(seed);
setExtractionWorkerScript(workerScript);

/** The first line of stdin. */
async function readLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split('\n')[0]!;
}

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

  if (mode === 'mixed' && rand() < 0.12) {
    await changeMemos(store, tag);
    return;
  }
  if (mode === 'mixed' && rand() < 0.1 && (await changeLinks(store))) return;
  const document = pick(documents);
  const annotations = await store.listAnnotations(document.id);
  let op: CrashOp;
  if (mode === 'replace' && annotations.length > 0) {
    await replaceWithNewVersion(store, document, tag);
  } else if (mode === 'codebook' && (await store.allAnnotations()).length >= 6 && roll < 0.7) {
    await mergeOrSplit(store, tag);
    return;
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
  } else if (roll < 0.84 || (roll < 0.88 && store.variables.get().variables.length === 0)) {
    op = { kind: 'document.title', documentId: document.id, title: `Retitled ${tag}` };
    say({ t: 'begin', op });
    await store.updateMetadata(document.id, { ...document.metadata, title: op.title });
    say({ t: 'ack', op });
  } else if (roll < 0.88) {
    const variable = pick(store.variables.get().variables);
    const chosen = documents.filter(() => rand() < 0.5);
    op = { kind: 'variables.set', variableId: variable.id, documentIds: chosen.length ? chosen.map((d) => d.id) : [document.id], value: rand() < 0.2 ? null : pick(variable.choices) };
    say({ t: 'begin', op });
    await store.variables.edit({ op: 'set', variableId: op.variableId, documentIds: op.documentIds, value: op.value });
    say({ t: 'ack', op });
  } else if (roll < 0.93 && documents.length > 3) {
    op = { kind: 'document.delete', documentId: document.id };
    say({ t: 'begin', op });
    await store.deleteDocument(document.id);
    say({ t: 'ack', op });
  } else if (roll < 0.96) {
    await replaceWithNewVersion(store, document, tag);
  } else if (roll < 0.98) {
    await mergeOrSplit(store, tag);
  } else {
    const codebook = store.getCodebook();
    op = { kind: 'codebook.addActor', actorId: `actor-${tag}` };
    say({ t: 'begin', op });
    await store.saveCodebook({ ...codebook, actors: [...codebook.actors, { id: op.actorId, name: `Actor ${tag}`, kind: 'company', aliases: [] }] });
    say({ t: 'ack', op });
  }
}

/**
 * Merges two codes or splits one, recoding passages in every document (shared/codebooks/operations.ts),
 * applied as the store's one journalled change. Merges while there are plenty of codes, so they never
 * run out.
 */
async function mergeOrSplit(store: LibraryStore, tag: string): Promise<void> {
  const codebook = store.getCodebook();
  const annotations = await store.allAnnotations();
  const linkedActors = [...new Set(annotations.flatMap((a) => a.body.actors.map((l) => l.actorId)))];
  const linkedPrinciples = [...new Set(annotations.flatMap((a) => a.body.principles))];
  const choice = rand();
  let edit: CodebookEdit;
  if (choice < 0.35 && linkedActors.length > 0 && codebook.actors.length > 20) {
    const source = pick(linkedActors);
    edit = { kind: 'actor.merge', sourceId: source, targetId: pick(codebook.actors.filter((a) => a.id !== source)).id };
  } else if (choice < 0.6 && linkedPrinciples.length > 0 && codebook.principles.length > 6) {
    const source = pick(linkedPrinciples);
    edit = { kind: 'principle.merge', sourceId: source, targetId: pick(codebook.principles.filter((p) => p.id !== source)).id };
  } else if (choice < 0.8 && linkedActors.length > 0) {
    const id = pick(linkedActors);
    const chosen = annotations.filter((a) => a.body.actors.some((l) => l.actorId === id) && rand() < 0.6);
    const ids = chosen.length ? chosen.map((a) => a.id) : [annotations.find((a) => a.body.actors.some((l) => l.actorId === id))!.id];
    edit = { kind: 'actor.split', id, fields: { name: `Actor ${tag}` }, annotationIds: ids };
  } else if (linkedPrinciples.length > 0) {
    const id = pick(linkedPrinciples);
    const chosen = annotations.filter((a) => a.body.principles.includes(id) && rand() < 0.6);
    const ids = chosen.length ? chosen.map((a) => a.id) : [annotations.find((a) => a.body.principles.includes(id))!.id];
    edit = { kind: 'principle.split', id, fields: { name: `Principle ${tag}` }, annotationIds: ids };
  } else {
    edit = { kind: 'actor.create', fields: { name: `Actor ${tag}`, kind: 'company' } };
  }
  const change = applyCodebookEdit(codebook, annotations, edit);
  const op: CrashOp = { kind: 'codebook.change', actors: change.codebook.actors.map((a) => a.id), annotations: change.annotations };
  say({ t: 'begin', op });
  await store.changeCodebook(change);
  say({ t: 'ack', op });
}

/** Writes, rewrites or deletes a memo (memos.json is rewritten whole each time). */
async function changeMemos(store: LibraryStore, tag: string): Promise<void> {
  const memos = store.memos.list();
  const roll = rand();
  if (memos.length === 0 || roll < 0.5) {
    const op = { kind: 'memo.create', title: `Memo ${tag}`, body: `# ${sentence()}\n\n${sentence()}` } as const;
    say({ t: 'begin', op });
    const memo = await store.memos.edit({ op: 'create', title: op.title, body: op.body, target: { kind: 'project' } });
    say({ t: 'ack', op, memoId: memo.id });
  } else if (roll < 0.85) {
    const memo = pick(memos);
    const op = { kind: 'memo.update', id: memo.id, title: memo.title, body: `${memo.body}\n\n${sentence()}` } as const;
    say({ t: 'begin', op });
    await store.memos.edit({ op: 'update', id: op.id, title: op.title, body: op.body, target: memo.target });
    say({ t: 'ack', op });
  } else {
    const op = { kind: 'memo.delete', id: pick(memos).id } as const;
    say({ t: 'begin', op });
    await store.memos.edit({ op: 'delete', id: op.id });
    say({ t: 'ack', op });
  }
}

/** Links two highlights (of any documents) or deletes a link; false when there is nothing to link yet. */
async function changeLinks(store: LibraryStore): Promise<boolean> {
  const links = store.links.stored().links;
  if (links.length > 0 && rand() < 0.3) {
    const op = { kind: 'link.delete', id: pick(links).id } as const;
    say({ t: 'begin', op });
    await store.links.edit({ op: 'delete', id: op.id });
    say({ t: 'ack', op });
    return true;
  }
  const ends = [];
  for (const document of [pick(store.listDocuments()), pick(store.listDocuments())]) {
    const annotations = await store.listAnnotations(document.id);
    if (annotations.length === 0) return false;
    ends.push({ documentId: document.id, annotationId: pick(annotations).id });
  }
  const [from, to] = ends as [{ documentId: string; annotationId: string }, { documentId: string; annotationId: string }];
  if (from.annotationId === to.annotationId) return false;
  const relation = pick(store.links.stored().relations);
  if (links.some((l) => l.relation === relation && [l.from.annotationId, l.to.annotationId].sort().join() === [from.annotationId, to.annotationId].sort().join())) return false;
  const op = { kind: 'link.create', from, to, relation } as const;
  say({ t: 'begin', op });
  const state = await store.links.edit({ op: 'create', from, to, relation });
  say({ t: 'ack', op, linkId: state.links.find((l) => l.from.annotationId === from.annotationId && l.to.annotationId === to.annotationId && l.relation === relation)?.id });
  return true;
}

/** A new version of a document's file: a paragraph added, so some annotations move and all are kept. */
async function replaceWithNewVersion(store: LibraryStore, document: LibraryDocument, tag: string): Promise<void> {
  const original = new TextDecoder().decode(await store.readOriginal(document.id));
  const revision = `Revision ${tag}: ${sentence()}`;
  const at = original.indexOf('\n\n');
  const bytes = new TextEncoder().encode(at < 0 ? `${original}\n\n${revision}\n` : `${original.slice(0, at)}\n\n${revision}${original.slice(at)}`);
  const { replacement } = await prepareReplacement(store, document.id, document.originalName, bytes);
  // No other write runs in the crash child: the annotations it will write are known beforehand.
  const annotations = replacement.annotations(await store.listAnnotations(document.id));
  const op: CrashOp = { kind: 'document.replace', documentId: document.id, hash: replacement.contentHash, annotations };
  say({ t: 'begin', op });
  await store.replaceFile(document.id, replacement);
  say({ t: 'ack', op });
}

const store = await LibraryStore.open(libraryDir, { defaultCodebook: PARIS_CALL_CODEBOOK });
say({ t: 'ready' });
for (let i = 0; ; i++) await step(store, i);
