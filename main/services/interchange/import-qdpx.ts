// Importing a REFI-QDA project (.qdpx) from another QDA tool, or our own export: its codes come into
// the codebook (merged by name, one undoable step), its sources become documents and its coded
// selections highlights linked to those codes. Our own export carries apostil.json beside the
// standard file; with it every document and highlight comes back exactly as it was exported.
import { createHash, randomUUID } from 'node:crypto';
import { anchorAnnotations, describeRange } from '../../../shared/anchoring';
import { mergeCodebooks } from '../../../shared/codebooks/merge';
import { actorGuid, codebookFromRefi, principleGuid, type RefiCode } from '../../../shared/codebooks/refi-codebook';
import { AppError } from '../../../shared/errors';
import { codePointsToOffsets, ProjectFileError, readRefiProject, zipPathOf, type RefiSelection, type RefiSource } from '../../../shared/interchange/refi-qda-read';
import { APOSTIL_USER } from '../../../shared/interchange/refi-qda';
import { SIDECAR_PATH, sidecarSchema } from '../../../shared/interchange/refi-qda-sidecar';
import { coderNameSchema } from '../../../shared/coders/coders';
import { DOCUMENT_KINDS, STANCES, type ActorLink, type Annotation, type DocumentMetadata, type LibraryDocument, type Stance } from '../../../shared/model';
import { annotationSchema, documentMetadataSchema } from '../../../shared/schemas';
import type { ProjectImportReport } from '../../../shared/interchange/types';
import type { CodebookEditor } from '../codebook/codebook-editor';
import { decodeText } from '../import/decode';
import { importFile } from '../importing';
import type { LibraryStore } from '../library/store';
import type { TaskHandle } from '../tasks';
import { importDocumentVariables } from './import-qdpx-variables';
import { importMemos, noteText } from './import-qdpx-memos';

/** Unpacked, a project may hold this much at most (a zip bomb is refused before it is unpacked). */
const MAX_UNPACKED_BYTES = 1024 * 1024 * 1024;

type Zip = Record<string, Uint8Array>;
type Sidecar = ReturnType<typeof sidecarSchema.parse>;

export async function importQdpx(store: LibraryStore, codebook: CodebookEditor, name: string, bytes: Uint8Array, task: TaskHandle): Promise<ProjectImportReport> {
  const zip = await unpack(name, bytes);
  const qde = zip['project.qde'] ?? Object.entries(zip).find(([path]) => path.toLowerCase().endsWith('.qde'))?.[1];
  if (!qde) throw new AppError('invalid-input', `${name} holds no project.qde, so it is not a REFI-QDA project.`);
  let project;
  try {
    project = readRefiProject(decodeText('project.qde', qde).text);
  } catch (error) {
    if (error instanceof ProjectFileError) throw new AppError('invalid-input', `${name} could not be read: ${error.message}.`);
    throw error;
  }
  const report: ProjectImportReport = { documentsAdded: 0, documentsPresent: 0, imported: 0, alreadyPresent: 0, orphaned: 0, codesMatched: 0, codesAdded: 0, memosAdded: 0, memosPresent: 0, skipped: [], notes: [] };
  const skip = (reason: string, count = 1) => {
    const entry = report.skipped.find((s) => s.reason === reason);
    if (entry) entry.count += count;
    else report.skipped.push({ reason, count });
  };
  for (const [reason, count] of project.skipped) skip(reason, count);
  const sidecar = readSidecar(zip, report);

  // Codes: our export's tag codes ("#key" under "Tags") and stance codes ("France: supports" under an
  // actor) are links of another kind; every other code joins the codebook, merged by name.
  task.progress(0, 1, 'Reading the codes');
  const tags = new Map<string, string>();
  const stances = new Map<string, { actor: string; stance: Stance }>();
  const skipCode = (code: RefiCode, parent: RefiCode | null) => {
    if (parent === null && code.name === 'Tags' && code.children.length > 0 && code.children.every((c) => c.name.startsWith('#'))) {
      for (const c of code.children) tags.set(c.guid, c.name.slice(1));
      return true;
    }
    const stance = parent && STANCES.find((s) => code.name === `${parent.name}: ${s}`);
    if (parent && stance) stances.set(code.guid, { actor: parent.guid, stance });
    return Boolean(stance);
  };
  const incoming = codebookFromRefi(project.codes, project.sets, { skip: skipCode });
  report.notes.push(...incoming.notes);
  const merged = mergeCodebooks(store.getCodebook(), incoming.codebook, 'merge');
  report.codesMatched = merged.matched;
  report.codesAdded = merged.added;
  if (JSON.stringify(merged.codebook) !== JSON.stringify(store.getCodebook())) {
    task.check();
    await codebook.replace(merged.codebook, `Imported the codes of ${name}, merged by name (${merged.matched} matched, ${merged.added} added).`);
  }
  const codeOf = (guid: string) => {
    const target = incoming.byGuid.get(guid);
    return target ? { kind: target.kind, id: merged.idMap.get(target.id)! } : undefined;
  };

  const noteTexts = new Map(project.notes.map((n) => [n.guid, noteText(n, zip) ?? '']));
  const existing = new Set((await store.allAnnotations()).map((a) => a.id));
  const documentsByGuid = new Map<string, string>();
  for (const [i, source] of project.sources.entries()) {
    task.progress(i, project.sources.length, `Importing ${source.name || 'a source'}`);
    task.check();
    const placed = await addSource(store, zip, source, sidecar?.sources[source.guid]);
    if (!placed) {
      skip('sources whose text is not in the project file');
      continue;
    }
    documentsByGuid.set(source.guid, placed.document.id);
    await importDocumentVariables(store, placed.document.id, source.variables, project.variableTypes, skip, project.variableChoices);
    if (placed.status === 'imported') report.documentsAdded++;
    else report.documentsPresent++;
    const drafts = source.selections.map((selection) => {
      const extra = placed.exact ? sidecar?.selections[selection.guid] : undefined;
      return toAnnotation(selection, placed, extra, { codeOf, tags, stances, notes: noteTexts, coderOf: (guid) => coderOfUser(project.users, guid) });
    });
    const annotations: Annotation[] = [];
    for (const draft of drafts) {
      if (existing.has(draft.id)) {
        report.alreadyPresent++;
        continue;
      }
      existing.add(draft.id);
      annotations.push(draft);
    }
    // Placed in the text as Apostil reads it (a source from another tool may be laid out differently).
    const anchoring = anchorAnnotations(placed.text, annotations);
    const fresh = [
      ...anchoring.anchored.map((a) => (placed.exact ? a.annotation : { ...a.annotation, target: { selector: describeRange(placed.text, a.start, a.end) } })),
      ...anchoring.orphaned.map((o) => o.annotation),
    ];
    report.orphaned += anchoring.orphaned.length;
    await store.addAnnotations(placed.document.id, fresh.filter((a) => annotationSchema.safeParse(a).success));
    report.imported += fresh.length;
  }

  // Regions of PDF pages (ours only, from apostil.json).
  for (const region of sidecar?.regions ?? []) {
    const documentId = documentsByGuid.get(region.documentId);
    if (!documentId) continue;
    if (existing.has(region.id)) {
      report.alreadyPresent++;
      continue;
    }
    // Its links name codes by their ids in the exporting library, whose GUIDs project.qde gives.
    const links = {
      principles: region.body.principles.map((id) => codeOf(principleGuid(id))?.id).filter((id): id is string => id !== undefined),
      actors: region.body.actors.map((l) => ({ ...l, actorId: codeOf(actorGuid(l.actorId))?.id })).filter((l): l is ActorLink => l.actorId !== undefined),
    };
    const annotation = annotationSchema.safeParse({ ...region, documentId, body: { ...region.body, ...links } });
    if (!annotation.success) continue;
    await store.addAnnotations(documentId, [annotation.data]);
    report.imported++;
  }

  task.progress(0, 1, 'Reading the notes');
  const memos = await importMemos(store, project, {
    zip,
    memoIds: sidecar?.memos ?? {},
    documentOf: (guid) => documentsByGuid.get(guid),
    codeOf: (guid) => codeOf(stances.get(guid)?.actor ?? guid),
    skip,
  });
  report.memosAdded = memos.added;
  report.memosPresent = memos.present;
  return report;
}

/** fflate is loaded by the first import that unzips, not at start (main/host/startup-imports.test.ts). */
async function unpack(name: string, bytes: Uint8Array): Promise<Zip> {
  const { unzipSync } = await import('fflate');
  let total = 0;
  try {
    return unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        if (total > MAX_UNPACKED_BYTES) throw new AppError('too-large', `${name} unpacks to more than ${MAX_UNPACKED_BYTES / 1024 ** 3} GB; it was not imported.`);
        return !file.name.endsWith('/');
      },
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('invalid-input', `${name} is not a REFI-QDA project: it cannot be opened as a zip file (${(error as Error).message}).`);
  }
}

function readSidecar(zip: Zip, report: ProjectImportReport): Sidecar | null {
  const bytes = zip[SIDECAR_PATH];
  if (!bytes) return null;
  try {
    return sidecarSchema.parse(JSON.parse(new TextDecoder().decode(bytes)));
  } catch {
    report.notes.push(`${SIDECAR_PATH} (what Apostil adds to its exports) could not be read; the project was read from the standard file alone.`);
    return null;
  }
}

interface PlacedSource {
  status: 'imported' | 'duplicate';
  document: LibraryDocument;
  text: string;
  /** The library's text is the source's own, offset for offset (our own export, read back). */
  exact: boolean;
  /** The source's plain text, as the project has it, to place selections by. */
  sourceText: string;
}

async function addSource(store: LibraryStore, zip: Zip, source: RefiSource, kept: Sidecar['sources'][string] | undefined): Promise<PlacedSource | null> {
  const path = source.plainTextPath ? zipPathOf(source.plainTextPath) : null;
  const sourceText = source.plainText ?? (path && zip[path] ? decodeText(path, zip[path]!).text : null);
  const metadata = metadataOf(source);
  const original = kept?.original ? zip[kept.original] : undefined;
  // Our own export: the document exactly as it was, original file, text and layout.
  if (kept && original && sourceText !== null && kept.blocks && createHash('sha256').update(original).digest('hex') === kept.contentHash) {
    const present = store.findByHash(kept.contentHash);
    if (present) return { status: 'duplicate', document: present, text: (await store.readText(present.id)).text, exact: true, sourceText };
    const document = await store.addDocument({
      originalName: kept.originalName,
      bytes: original,
      contentHash: kept.contentHash,
      format: kept.format,
      text: { text: sourceText, blocks: kept.blocks, pages: kept.pages },
      metadata: metadata ?? defaultMetadata(source.name),
      pageCount: kept.pageCount,
      warnings: [],
      ...(kept.fieldOrigins ? { fieldOrigins: kept.fieldOrigins } : {}),
    });
    return { status: 'imported', document, text: sourceText, exact: true, sourceText };
  }
  // Another tool's: the PDF itself when the project holds it, else the plain text, read as any import is.
  const pdf = source.pdfPath ? zipPathOf(source.pdfPath) : null;
  const file = pdf && zip[pdf] ? { name: `${source.name || 'source'}.pdf`, bytes: zip[pdf]! } : sourceText !== null ? { name: `${source.name || 'source'}.txt`, bytes: new TextEncoder().encode(sourceText) } : null;
  if (!file || sourceText === null) return null;
  const outcome = await importFile(store, file.name.replace(/[\\/]/g, '-'), file.bytes);
  let document = outcome.document;
  if (outcome.status === 'imported') document = await store.updateMetadata(document.id, { ...document.metadata, ...(metadata ?? {}), title: metadata?.title ?? (source.name.trim() || document.metadata.title) });
  return { status: outcome.status, document, text: (await store.readText(document.id)).text, exact: false, sourceText };
}

/** The source's name and the variables our export writes (Authors, Publication date…), where valid. */
function metadataOf(source: RefiSource): DocumentMetadata | null {
  const v = source.variables;
  const title = source.name.trim();
  if (!title) return null;
  const kind = v.get('Kind');
  const candidate: DocumentMetadata = {
    title: title.slice(0, 1_000),
    authors: (v.get('Authors') ?? '').split(';').map((a) => a.trim()).filter(Boolean),
    date: v.get('Publication date')?.trim() || null,
    publication: v.get('Publication')?.trim() || null,
    url: v.get('URL')?.trim() || null,
    doi: v.get('DOI')?.trim() || null,
    kind: (DOCUMENT_KINDS as readonly string[]).includes(kind ?? '') ? (kind as DocumentMetadata['kind']) : 'article',
  };
  const result = { ...candidate, authors: [], date: null, publication: null, url: null, doi: null } as DocumentMetadata;
  for (const key of Object.keys(candidate) as (keyof DocumentMetadata)[]) {
    const attempt = { ...result, [key]: candidate[key] };
    if (documentMetadataSchema.safeParse(attempt).success) Object.assign(result, { [key]: candidate[key] });
  }
  return result;
}

function defaultMetadata(title: string): DocumentMetadata {
  return { title: title.trim().slice(0, 1_000) || 'Untitled source', authors: [], date: null, publication: null, url: null, doi: null, kind: 'article' };
}

interface Links {
  codeOf(guid: string): { kind: 'principle' | 'actor'; id: string } | undefined;
  tags: Map<string, string>;
  stances: Map<string, { actor: string; stance: Stance }>;
  notes: Map<string, string>;
  coderOf(userGuid: string | null): string | null;
}

/** The coder a project's user stands for: its name, unless it is our export's own user or not a usable coder name. */
function coderOfUser(users: Map<string, string>, guid: string | null): string | null {
  if (guid === null || guid === APOSTIL_USER) return null;
  const parsed = coderNameSchema.safeParse(users.get(guid));
  return parsed.success ? parsed.data : null;
}

function toAnnotation(selection: RefiSelection, placed: PlacedSource, extra: Sidecar['selections'][string] | undefined, links: Links): Annotation {
  const principles: string[] = [];
  const actors: ActorLink[] = [];
  const tags: string[] = [];
  for (const guid of selection.codes) {
    const tag = links.tags.get(guid);
    if (tag !== undefined) {
      if (/^[^\s,]{1,100}$/.test(tag) && !tags.includes(tag)) tags.push(tag);
      continue;
    }
    const stance = links.stances.get(guid);
    const code = links.codeOf(stance ? stance.actor : guid);
    if (!code) continue;
    if (code.kind === 'principle') {
      if (!principles.includes(code.id)) principles.push(code.id);
    } else if (!actors.some((l) => l.actorId === code.id)) actors.push({ actorId: code.id, stance: stance?.stance ?? 'mentions' });
  }
  const offsets = codePointsToOffsets(placed.sourceText);
  const start = offsets(selection.start);
  const end = Math.max(start + 1, offsets(selection.end));
  const note = [selection.description, ...selection.notes.map((guid) => links.notes.get(guid) ?? '')].filter((n) => n.trim()).join('\n\n');
  const now = new Date().toISOString();
  const created = extra?.created ?? isoOrNull(selection.created) ?? now;
  const coder = links.coderOf(selection.creatingUser);
  return {
    id: extra?.annotationId ?? randomUUID(),
    documentId: placed.document.id,
    created,
    modified: extra?.modified ?? isoOrNull(selection.modified) ?? created,
    ...(coder ? { author: coder } : {}),
    target: { selector: extra?.selectors ?? describeRange(placed.sourceText, start, Math.min(end, placed.sourceText.length)) },
    body: { color: extra?.color ?? 'yellow', note: note.slice(0, 100_000), tags: tags.slice(0, 100), principles: principles.slice(0, 100), actors: actors.slice(0, 200) },
  };
}

function isoOrNull(value: string | null): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
