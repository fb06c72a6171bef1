// The check of one document folder (documents/<id>): its description, text, annotations and original.
// A file whose stamp matches the check record is taken as checked and not read; any other is read and
// validated. Whatever cannot be used is moved to the quarantine with a note, never deleted: a document
// without a readable description or text goes there whole (with its annotations); invalid annotations
// are taken out of the file (kept in the quarantine) and the rest kept.
import { lstat } from 'node:fs/promises';
import { lstatSync, readdirSync, type Stats } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { HealthIssueKind } from '../../../shared/health';
import type { Annotation, Codebook, LibraryDocument } from '../../../shared/model';
import { annotationSchema, describeZodError, documentTextSchema, libraryDocumentSchema } from '../../../shared/schemas';
import { isCode, jsonText, removeStaleTempFiles, TEMP_MARK, writeFileAtomic } from './atomic';
import { sameStamp, sha256, stampOf, type CheckRecord, type RecordedFile } from './check-record';
import type { Findings } from './findings';
import { parseJsonText, type LibraryPaths } from './files';
import { undoInterruptedReplace } from './replace-journal';
import { describeEntry, readLibraryFile } from './safe-fs';

/** The file's outer shape, so each annotation in it can be judged on its own. */
const annotationsFileShape = z.object({ version: z.literal(1), annotations: z.array(z.unknown()) });

const RESTORE_DOCUMENT = 'repair or replace the unreadable file in this folder, then move the folder back into the library\'s documents/ folder while Apostil is closed.';
const NO_LINKS = 'Apostil does not follow links out of the library';

export interface CheckedDocument {
  document: LibraryDocument;
  annotationIds: string[];
  /** The annotations, when the check read them. */
  annotations: Annotation[] | null;
  /** What the record should now say of the document's files, by path relative to the library. */
  files: Map<string, RecordedFile>;
  /** Files read (and hashed) by this check. */
  read: string[];
}

/** What a file of the document folder is: missing, not a regular file, or a file with its stamp. */
type Found = { kind: 'missing' } | { kind: 'irregular'; info: Stats } | { kind: 'file'; info: Stats };

// Synchronous: an open of thousands of documents makes several of these per document, and a stat is
// over ten times cheaper than the round trip through the thread pool (nothing else runs while a library
// opens; later, a document checked again in the background makes only a handful).
function find(file: string): Found {
  try {
    const info = lstatSync(file);
    return info.isFile() ? { kind: 'file', info } : { kind: 'irregular', info };
  } catch (error) {
    if (isCode(error, 'ENOENT', 'ENOTDIR')) return { kind: 'missing' };
    throw error;
  }
}

/** The names in a document's folder, or null when it cannot be listed (then every step looks for itself). */
function folderNames(dir: string): string[] | null {
  try {
    return readdirSync(dir);
  } catch {
    return null;
  }
}

/** A file read whole, with its stamp as read and its hash. */
interface ReadFile {
  text: string;
  recorded: RecordedFile;
}

export class DocumentCheck {
  constructor(
    private readonly paths: LibraryPaths,
    private readonly findings: Findings,
    private readonly codebook: Codebook,
  ) {}

  /**
   * The document in documents/<id>, or null when it was set aside. `previous` is the record of the last
   * check (null: read everything); `relink` re-reads annotations even if unchanged (the codebook changed).
   * 'read' reads every file whatever its stamp (an original's hash last seen is still kept).
   */
  async check(id: string, previous: CheckRecord | null, relink: boolean, mode: 'stamps' | 'read' = 'stamps'): Promise<CheckedDocument | null> {
    const files = this.paths.document(id);
    const rel = (file: string) => this.findings.relative(file);
    const recorded = (file: string) => previous?.files.get(rel(file));
    const unchanged = (file: string, info: Stats) => mode === 'stamps' && sameStamp(stampOf(info), recorded(file));
    // A file whose stamp changed but whose content is what the last check saw (a library copied, restored
    // from a backup or touched by a sync tool: new times, same bytes) is not parsed and validated again:
    // the hash is the evidence, as git re-hashes a file whose stat changed.
    const asChecked = (file: string, loaded: ReadFile) => mode === 'stamps' && loaded.recorded.sha256 === recorded(file)?.sha256;
    // Temporary files and a replace's journal are rare: the folder's names say whether to look further.
    const names = folderNames(files.dir);
    if (!names || names.some((name) => name.startsWith(TEMP_MARK))) await removeStaleTempFiles(files.dir);
    if (!names || names.includes(path.basename(files.replacing))) await this.interruptedReplace(id);
    const out = new Map<string, RecordedFile>();
    const read: string[] = [];
    const readFresh = async (file: string): Promise<ReadFile> => {
      const loaded = await this.read(file);
      read.push(rel(file));
      return loaded;
    };

    const meta = find(files.meta);
    if (meta.kind === 'missing') return this.withoutDescription(id);
    const text = find(files.text);
    let document: LibraryDocument;
    try {
      if (meta.kind === 'irregular') throw this.irregular(files.meta, meta.info);
      const previousEntry = previous?.documents.get(id);
      if (previousEntry && unchanged(files.meta, meta.info)) {
        document = previousEntry.document;
        out.set(rel(files.meta), recorded(files.meta)!);
      } else {
        const loaded = await readFresh(files.meta);
        // Validated from the file even when its content is as recorded: the record's descriptions are
        // trusted only where the stamps of a document's files vouch for them (check-record-format.ts).
        document = parseJsonText(files.meta, loaded.text, libraryDocumentSchema);
        out.set(rel(files.meta), loaded.recorded);
      }
      if (document.id !== id) throw new AppError('corrupt', `documents/${id}/meta.json names another document (${document.id}).`);
      if (text.kind === 'missing') throw new AppError('corrupt', `documents/${id}/text.json is missing.`);
      if (text.kind === 'irregular') throw this.irregular(files.text, text.info);
      if (unchanged(files.text, text.info)) out.set(rel(files.text), recorded(files.text)!);
      else {
        const loaded = await readFresh(files.text);
        if (!asChecked(files.text, loaded)) parseJsonText(files.text, loaded.text, documentTextSchema);
        out.set(rel(files.text), loaded.recorded);
      }
    } catch (error) {
      const message = `${messageOf(error)} The document cannot be shown.`;
      await this.findings.moveAside('unreadable-document', files.dir, message, 'The document, with its annotations, was set aside.', RESTORE_DOCUMENT, id);
      return null;
    }

    await this.original(document, recorded, out);
    const previousEntry = previous?.documents.get(id);
    const annotationsFile = find(files.annotations);
    if (
      !relink &&
      previousEntry &&
      annotationsFile.kind === 'file' &&
      unchanged(files.annotations, annotationsFile.info)
    ) {
      out.set(rel(files.annotations), recorded(files.annotations)!);
      return { document, annotationIds: previousEntry.annotationIds, annotations: null, files: out, read };
    }
    const loaded = annotationsFile.kind === 'file' ? await this.read(files.annotations).catch(() => null) : null;
    if (loaded) read.push(rel(files.annotations));
    if (!relink && previousEntry && loaded && asChecked(files.annotations, loaded)) {
      out.set(rel(files.annotations), loaded.recorded);
      return { document, annotationIds: previousEntry.annotationIds, annotations: null, files: out, read };
    }
    const { annotations, recorded: annotationsRecord } = await this.annotations(document, annotationsFile, loaded);
    out.set(rel(files.annotations), annotationsRecord);
    return { document, annotationIds: annotations.map((a) => a.id), annotations, files: out, read };
  }

  /** Reads a file whole (a regular file only) with its stamp and hash. */
  private async read(file: string): Promise<ReadFile> {
    const info = await lstat(file);
    const bytes = await readLibraryFile(file);
    return { text: bytes.toString('utf8'), recorded: { ...stampOf(info), sha256: sha256(bytes) } };
  }

  private irregular(file: string, info: Stats): AppError {
    const what = describeEntry(info);
    return new AppError('corrupt', `${this.findings.relative(file)} is ${what}, not a file${info.isSymbolicLink() ? `: ${NO_LINKS}` : ''}.`);
  }

  /** meta.json is written last: without it this is an import that never finished, unless it holds annotations. */
  private async withoutDescription(id: string): Promise<null> {
    const files = this.paths.document(id);
    const orphans = await this.annotationCount(files.annotations);
    const kind: HealthIssueKind = orphans > 0 ? 'orphan-annotations' : 'unfinished-import';
    const message =
      kind === 'orphan-annotations'
        ? `documents/${id} holds ${orphans} annotation${orphans === 1 ? '' : 's'} but no document description (meta.json).`
        : `documents/${id} is an import that did not finish (it has no meta.json).`;
    const restore = kind === 'orphan-annotations' ? RESTORE_DOCUMENT : 'nothing is needed; import the file again. This folder can be deleted.';
    await this.findings.moveAside(kind, files.dir, message, 'The folder was set aside.', restore, id);
    return null;
  }

  private async annotationCount(file: string): Promise<number> {
    try {
      const value = JSON.parse((await readLibraryFile(file)).toString('utf8')) as { annotations?: unknown };
      return Array.isArray(value.annotations) ? value.annotations.length : 1;
    } catch (error) {
      // A file that exists but cannot be parsed (or is not a file) might hold annotations: treat it as if it did.
      return isCode(error, 'ENOENT') ? 0 : 1;
    }
  }

  /** The original is never read at open: it must be there as a regular file (hashed later, in the background). */
  private async original(document: LibraryDocument, recorded: (file: string) => RecordedFile | undefined, out: Map<string, RecordedFile>): Promise<void> {
    const file = this.paths.document(document.id).original(document.format);
    let found = find(file);
    if (found.kind === 'irregular') {
      const message = `${this.findings.relative(file)} is ${describeEntry(found.info)}, not a file${found.info.isSymbolicLink() ? `: ${NO_LINKS}` : ''}.`;
      await this.findings.moveAside(
        'link-or-special-file',
        file,
        message,
        'It was set aside (a link is moved, never what it points to); the document now has no original to show or export.',
        'put the original file itself (not a link) back in the document\'s folder while Apostil is closed, or import the file again.',
        document.id,
      );
      found = { kind: 'missing' };
    }
    if (found.kind === 'missing') {
      this.findings.report(
        'missing-original',
        file,
        `The original file of "${document.metadata.title}" is missing from documents/${document.id}.`,
        'Nothing was changed: its text and annotations are intact, but the original cannot be shown or exported. Import the file again to restore it.',
        null,
        document.id,
      );
      return;
    }
    // A changed stamp keeps the hash last seen: the background check compares the content with it.
    out.set(this.findings.relative(file), { ...stampOf(found.info), sha256: recorded(file)?.sha256 ?? null });
  }

  /** A file replacement cut short by a crash is undone, so the document is wholly its old version. */
  private async interruptedReplace(id: string): Promise<void> {
    const files = this.paths.document(id);
    try {
      const restored = await undoInterruptedReplace(files);
      if (!restored) return;
      this.findings.report(
        'interrupted-replace',
        files.dir,
        `Replacing the file of documents/${id} did not finish.`,
        `The document was put back as it was before (from documents/${id}/${restored}). Replace its file again.`,
        null,
        id,
      );
    } catch (error) {
      // The journal is written atomically, so this means it was edited or the copy removed by hand.
      await this.findings.moveAside(
        'interrupted-replace',
        files.replacing,
        `Replacing the file of documents/${id} did not finish, and it could not be undone: ${messageOf(error)}`,
        'The document was opened as its files are now; earlier versions are in its versions/ folder.',
        'nothing can be restored automatically; earlier versions of the files are in the document\'s versions/ folder.',
        id,
      );
    }
  }

  /** The valid annotations of a document; anything else is set aside and the file rewritten. */
  /** `preloaded`: the file as already read (and noted as read), when it was. */
  private async annotations(document: LibraryDocument, found: Found, preloaded: ReadFile | null): Promise<{ annotations: Annotation[]; recorded: RecordedFile }> {
    const file = this.paths.document(document.id).annotations;
    const where = `documents/${document.id}/annotations.json`;
    const restore = 'repair annotations.json in this folder and copy it back over the document\'s annotations.json while Apostil is closed.';
    let loaded: ReadFile | null = null;
    let value: unknown;
    try {
      if (found.kind === 'irregular') throw this.irregular(file, found.info);
      if (found.kind === 'missing') throw new AppError('not-found', `${where} is missing.`);
      loaded = preloaded ?? (await this.read(file));
      value = JSON.parse(loaded.text);
    } catch (error) {
      const message = error instanceof AppError ? error.message : loaded ? `${where} is not valid JSON.` : `${where} could not be read: ${messageOf(error)}`;
      if (found.kind === 'missing') this.findings.report('unreadable-annotations', file, message, 'The document now starts with no annotations.', null, document.id);
      else await this.findings.moveAside('unreadable-annotations', file, message, 'The document now starts with no annotations.', restore, document.id);
      return { annotations: [], recorded: await this.rewrite(file, []) };
    }

    const shape = annotationsFileShape.safeParse(value);
    const items = shape.success ? shape.data.annotations : [];
    const valid: Annotation[] = [];
    const invalid: { index: number | null; reason: string; entry: unknown }[] = shape.success
      ? []
      : [{ index: null, reason: `the file is not an annotations file: ${describeZodError(shape.error)}`, entry: value }];
    const elsewhere: Annotation[] = [];
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const parsed = annotationSchema.safeParse(item);
      if (!parsed.success) invalid.push({ index, reason: describeZodError(parsed.error), entry: item });
      else if (seen.has(parsed.data.id)) invalid.push({ index, reason: `a second annotation with id ${parsed.data.id}`, entry: item });
      else if (parsed.data.documentId !== document.id) elsewhere.push(parsed.data);
      else {
        seen.add(parsed.data.id);
        valid.push(parsed.data);
      }
    });

    const { kept, stripped } = stripUnknownLinks(valid, this.codebook);
    const setAside: SetAside[] = [];
    if (invalid.length > 0) {
      setAside.push({
        kind: 'invalid-annotations',
        // The file exactly as found: whatever its shape (even nested too deeply to write out again), it is kept.
        copies: { 'annotations.json': loaded.text, 'invalid-entries.json': invalidEntriesText(invalid) },
        message: `${where} held ${invalid.length} entr${invalid.length === 1 ? 'y' : 'ies'} that are not valid annotations.`,
        action: 'The valid annotations were kept; the others were set aside.',
        restore: 'fix the entries listed in invalid-entries.json (the file as it was is annotations.json) and add them back to the document\'s annotations.json while Apostil is closed.',
      });
    }
    if (elsewhere.length > 0) {
      setAside.push({
        kind: 'orphan-annotations',
        copies: { 'annotations.json': jsonText({ annotations: elsewhere }) },
        message: `${where} held ${elsewhere.length} annotation${elsewhere.length === 1 ? '' : 's'} of another document (${[...new Set(elsewhere.map((a) => a.documentId))].join(', ')}).`,
        action: 'They were set aside.',
        restore: 'add these annotations to the annotations.json of the document they belong to, while Apostil is closed.',
      });
    }
    if (stripped.length > 0) {
      const ids = [...new Set(stripped.flatMap((s) => [...s.principles, ...s.actors.map((a) => a.actorId)]))];
      setAside.push({
        kind: 'unknown-codebook-links',
        copies: { 'links.json': jsonText({ documentId: document.id, removed: stripped }) },
        message: `${stripped.length} annotation${stripped.length === 1 ? '' : 's'} in ${where} link${stripped.length === 1 ? 's' : ''} to principles or actors the codebook does not have (${ids.slice(0, 10).join(', ')}).`,
        action: 'The annotations were kept; only those links were taken out and set aside.',
        restore: 'add the missing principles or actors to the codebook, then link the annotations listed here to them again.',
      });
    }
    for (const item of setAside) {
      await this.findings.keepCopies(item.kind, file, item.copies, item.message, item.action, item.restore, document.id);
    }
    // Only once everything taken out is safe in the quarantine is the file rewritten without it.
    if (setAside.length > 0) return { annotations: kept, recorded: await this.rewrite(file, kept) };
    return { annotations: kept, recorded: loaded.recorded };
  }

  /** Writes an annotations file; returns what the record should say of it. */
  private async rewrite(file: string, annotations: Annotation[]): Promise<RecordedFile> {
    const text = jsonText({ version: 1, annotations });
    await writeFileAtomic(file, text);
    return { ...stampOf(await lstat(file)), sha256: sha256(text) };
  }
}

/** Data taken out of an annotations file, to copy into the quarantine before the file is rewritten. */
interface SetAside {
  kind: HealthIssueKind;
  copies: Record<string, string>;
  message: string;
  action: string;
  restore: string;
}

/** The invalid entries, each with why; an entry too deeply nested to write out is referred to by its place. */
function invalidEntriesText(invalid: { index: number | null; reason: string; entry: unknown }[]): string {
  const tooDeep = 'too deeply nested to write out here: see it in annotations.json';
  const entries = invalid.map(({ index, reason, entry }) => {
    const where = index === null ? 'the whole file' : `entry ${index + 1} of the annotations list`;
    try {
      JSON.stringify(entry);
      return { where, reason, entry };
    } catch {
      return { where, reason, entry: tooDeep };
    }
  });
  try {
    return jsonText({ invalid: entries });
  } catch {
    // Written out with indentation, an entry just below the limit can still go over it.
    return jsonText({ invalid: entries.map((e) => ({ ...e, entry: tooDeep })) });
  }
}

interface StrippedLinks {
  annotationId: string;
  principles: string[];
  actors: Annotation['body']['actors'];
  annotation: Annotation;
}

/** Takes out links to codebook entries that do not exist; returns what was taken out of which annotation. */
export function stripUnknownLinks(annotations: Annotation[], codebook: Codebook): { kept: Annotation[]; stripped: StrippedLinks[] } {
  const principles = new Set(codebook.principles.map((p) => p.id));
  const actors = new Set(codebook.actors.map((a) => a.id));
  const stripped: StrippedLinks[] = [];
  const kept = annotations.map((annotation) => {
    const badPrinciples = annotation.body.principles.filter((id) => !principles.has(id));
    const badActors = annotation.body.actors.filter((link) => !actors.has(link.actorId));
    if (badPrinciples.length === 0 && badActors.length === 0) return annotation;
    stripped.push({ annotationId: annotation.id, principles: badPrinciples, actors: badActors, annotation });
    return {
      ...annotation,
      body: {
        ...annotation.body,
        principles: annotation.body.principles.filter((id) => principles.has(id)),
        actors: annotation.body.actors.filter((link) => actors.has(link.actorId)),
      },
    };
  });
  return { kept, stripped };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
