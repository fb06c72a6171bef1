// The integrity check run every time a library is opened. It reads every file the store relies on,
// and whatever it cannot use is set aside in the quarantine folder with a note, reported, and never
// deleted: a document whose description or text is unreadable, annotations that are invalid or whose
// document is missing, links to principles or actors the codebook lacks, an unreadable codebook.
// What is left is a library the store can trust: every listed document opens, every annotation is
// valid and points only into the codebook.
import { readdir, readFile, stat } from 'node:fs/promises';
import { undoInterruptedReplace } from './replace-journal';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { HealthIssue, HealthIssueKind } from '../../../shared/health';
import type { Annotation, Codebook, LibraryDocument } from '../../../shared/model';
import { annotationSchema, codebookSchema, documentTextSchema, libraryDocumentSchema } from '../../../shared/schemas';
import { removeStaleTempFiles, writeJsonAtomic } from './atomic';
import type { Organisation } from '../../../shared/collections/scope';
import { checkCollectionFiles } from './check-collections';
import { LIBRARY_FORMAT_VERSION, readJsonFile, type LibraryPaths } from './files';
import { Quarantine } from './quarantine';

export const libraryFileSchema = z.object({ version: z.literal(LIBRARY_FORMAT_VERSION), name: z.string(), created: z.string() });
export const annotationsFileSchema = z.object({ version: z.literal(1), annotations: z.array(annotationSchema) });
/** The file's outer shape, so each annotation in it can be judged on its own. */
const annotationsFileShape = z.object({ version: z.literal(1), annotations: z.array(z.unknown()) });

export interface CheckedLibrary {
  name: string;
  codebook: Codebook;
  documents: LibraryDocument[];
  annotations: Map<string, Annotation[]>;
  organisation: Organisation;
  issues: HealthIssue[];
}

const RESTORE_DOCUMENT = 'repair or replace the unreadable file in this folder, then move the folder back into the library\'s documents/ folder while Apostil is closed.';

export async function checkLibrary(paths: LibraryPaths, defaultCodebook: Codebook): Promise<CheckedLibrary> {
  const check = new Check(paths);
  await removeStaleTempFiles(paths.root);
  const name = await check.libraryFile();
  const codebook = await check.codebook(defaultCodebook);
  const documents: LibraryDocument[] = [];
  const annotations = new Map<string, Annotation[]>();
  for (const id of await listFolders(paths.documents)) {
    const document = await check.document(id);
    if (!document) continue;
    documents.push(document);
    annotations.set(id, await check.annotations(document, codebook));
  }
  const organisation = await check.collections();
  return { name, codebook, documents, annotations, organisation, issues: check.issues };
}

async function listFolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

class Check {
  readonly issues: HealthIssue[] = [];
  private readonly quarantine: Quarantine;

  constructor(private readonly paths: LibraryPaths) {
    this.quarantine = new Quarantine(paths.root);
  }

  private report(kind: HealthIssueKind, file: string, message: string, action: string, keptAt: string | null, documentId: string | null = null): void {
    this.issues.push({ kind, message, action, path: this.quarantine.relative(file), keptAt, documentId });
  }

  /** Collections and document tags (check-collections.ts). */
  collections(): Promise<Organisation> {
    return checkCollectionFiles(this.paths, this.quarantine, (kind, file, message, action, keptAt) => this.report(kind, file, message, action, keptAt));
  }

  async libraryFile(): Promise<string> {
    const file = this.paths.libraryFile;
    try {
      return (await readJsonFile(file, libraryFileSchema)).name;
    } catch (error) {
      const name = path.basename(this.paths.root);
      const keptAt = (await exists(file))
        ? await this.quarantine.moveAside(file, {
            kind: 'unreadable-library-file',
            message: messageOf(error),
            originalPath: 'library.json',
            restore: 'nothing is needed: library.json only holds the library\'s name; Apostil wrote a new one.',
          })
        : null;
      await writeJsonAtomic(file, { version: LIBRARY_FORMAT_VERSION, name, created: new Date().toISOString() });
      this.report('unreadable-library-file', file, messageOf(error), 'A new library.json was written.', keptAt);
      return name;
    }
  }

  async codebook(defaultCodebook: Codebook): Promise<Codebook> {
    const file = this.paths.codebookFile;
    try {
      return await readJsonFile(file, codebookSchema);
    } catch (error) {
      const keptAt = (await exists(file))
        ? await this.quarantine.moveAside(file, {
            kind: 'unreadable-codebook',
            message: messageOf(error),
            originalPath: 'codebook.json',
            restore: 'repair codebook.json in this folder and copy it over the library\'s codebook.json while Apostil is closed.',
          })
        : null;
      await writeJsonAtomic(file, defaultCodebook);
      this.report(
        'unreadable-codebook',
        file,
        messageOf(error),
        'The default codebook (the Paris Call) was restored; links to principles or actors it lacks were set aside.',
        keptAt,
      );
      return defaultCodebook;
    }
  }

  /** The document in documents/<id>, or null when it was set aside. */
  async document(id: string): Promise<LibraryDocument | null> {
    const files = this.paths.document(id);
    await removeStaleTempFiles(files.dir);
    await this.interruptedReplace(id);
    if (!(await exists(files.meta))) {
      // meta.json is written last: without it this is an import that never finished, unless it holds
      // annotations (which only a finished import can have): then its document is what went missing.
      const orphans = await this.readAnnotationCount(files.annotations);
      const kind: HealthIssueKind = orphans > 0 ? 'orphan-annotations' : 'unfinished-import';
      const message =
        kind === 'orphan-annotations'
          ? `documents/${id} holds ${orphans} annotation${orphans === 1 ? '' : 's'} but no document description (meta.json).`
          : `documents/${id} is an import that did not finish (it has no meta.json).`;
      const keptAt = await this.quarantine.moveAside(files.dir, {
        kind,
        message,
        originalPath: `documents/${id}`,
        restore: kind === 'orphan-annotations' ? RESTORE_DOCUMENT : 'nothing is needed; import the file again. This folder can be deleted.',
      });
      this.report(kind, files.dir, message, 'The folder was set aside.', keptAt, id);
      return null;
    }
    let document: LibraryDocument;
    try {
      document = await readJsonFile(files.meta, libraryDocumentSchema);
      if (document.id !== id) throw new AppError('corrupt', `documents/${id}/meta.json names another document (${document.id}).`);
      await readJsonFile(files.text, documentTextSchema);
    } catch (error) {
      const message = `${messageOf(error)} The document cannot be shown.`;
      const keptAt = await this.quarantine.moveAside(files.dir, {
        kind: 'unreadable-document',
        message,
        originalPath: `documents/${id}`,
        restore: RESTORE_DOCUMENT,
      });
      this.report('unreadable-document', files.dir, message, 'The document, with its annotations, was set aside.', keptAt, id);
      return null;
    }
    if (!(await exists(files.original(document.format)))) {
      this.report(
        'missing-original',
        files.original(document.format),
        `The original file of "${document.metadata.title}" is missing from documents/${id}.`,
        'Nothing was changed: its text and annotations are intact, but the original cannot be shown or exported. Import the file again to restore it.',
        null,
        id,
      );
    }
    return document;
  }

  /** A file replacement cut short by a crash is undone, so the document is wholly its old version. */
  private async interruptedReplace(id: string): Promise<void> {
    const files = this.paths.document(id);
    try {
      const restored = await undoInterruptedReplace(files);
      if (!restored) return;
      this.report(
        'interrupted-replace',
        files.dir,
        `Replacing the file of documents/${id} did not finish.`,
        `The document was put back as it was before (from documents/${id}/${restored}). Replace its file again.`,
        null,
        id,
      );
    } catch (error) {
      // The journal is written atomically, so this means it was edited or the copy removed by hand.
      const keptAt = await this.quarantine.moveAside(files.replacing, {
        kind: 'interrupted-replace',
        message: messageOf(error),
        originalPath: `documents/${id}/replacing.json`,
        restore: 'nothing can be restored automatically; earlier versions of the files are in the document\'s versions/ folder.',
      });
      this.report(
        'interrupted-replace',
        files.dir,
        `Replacing the file of documents/${id} did not finish, and it could not be undone: ${messageOf(error)}`,
        'The document was opened as its files are now; earlier versions are in its versions/ folder.',
        keptAt,
        id,
      );
    }
  }

  private async readAnnotationCount(file: string): Promise<number> {
    try {
      const value = JSON.parse(await readFile(file, 'utf8')) as { annotations?: unknown };
      return Array.isArray(value.annotations) ? value.annotations.length : 1;
    } catch (error) {
      // A file that exists but cannot be parsed might hold annotations: treat it as if it did.
      return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 0 : 1;
    }
  }

  /** The valid annotations of a document; anything else is set aside and the file rewritten. */
  async annotations(document: LibraryDocument, codebook: Codebook): Promise<Annotation[]> {
    const file = this.paths.document(document.id).annotations;
    const where = `documents/${document.id}/annotations.json`;
    let raw: string;
    let value: unknown;
    try {
      raw = await readFile(file, 'utf8');
      value = JSON.parse(raw);
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      const message = missing ? `${where} is missing.` : `${where} is not valid JSON.`;
      const keptAt = missing
        ? null
        : await this.quarantine.moveAside(file, {
            kind: 'unreadable-annotations',
            message,
            originalPath: where,
            restore: 'repair annotations.json in this folder and copy it back over the document\'s annotations.json while Apostil is closed.',
          });
      await writeJsonAtomic(file, { version: 1, annotations: [] });
      this.report('unreadable-annotations', file, message, 'The document now starts with no annotations.', keptAt, document.id);
      return [];
    }

    const shape = annotationsFileShape.safeParse(value);
    const items = shape.success ? shape.data.annotations : [];
    const valid: Annotation[] = [];
    const invalid: unknown[] = shape.success ? [] : [value];
    const elsewhere: Annotation[] = [];
    const seen = new Set<string>();
    for (const item of items) {
      const parsed = annotationSchema.safeParse(item);
      if (!parsed.success || seen.has(parsed.data.id)) invalid.push(item);
      else if (parsed.data.documentId !== document.id) elsewhere.push(parsed.data);
      else {
        seen.add(parsed.data.id);
        valid.push(parsed.data);
      }
    }

    const { kept, stripped } = stripUnknownLinks(valid, codebook);
    const setAside: SetAside[] = [];
    if (invalid.length > 0) {
      setAside.push({
        kind: 'invalid-annotations',
        fileName: 'annotations.json',
        data: { invalid, originalFile: raw },
        message: `${where} held ${invalid.length} entr${invalid.length === 1 ? 'y' : 'ies'} that are not valid annotations.`,
        action: 'The valid annotations were kept; the others were set aside.',
        restore: 'fix the entries in this file and add them back to the document\'s annotations.json while Apostil is closed.',
      });
    }
    if (elsewhere.length > 0) {
      setAside.push({
        kind: 'orphan-annotations',
        fileName: 'annotations.json',
        data: { annotations: elsewhere },
        message: `${where} held ${elsewhere.length} annotation${elsewhere.length === 1 ? '' : 's'} of another document (${[...new Set(elsewhere.map((a) => a.documentId))].join(', ')}).`,
        action: 'They were set aside.',
        restore: 'add these annotations to the annotations.json of the document they belong to, while Apostil is closed.',
      });
    }
    if (stripped.length > 0) {
      const ids = [...new Set(stripped.flatMap((s) => [...s.principles, ...s.actors.map((a) => a.actorId)]))];
      setAside.push({
        kind: 'unknown-codebook-links',
        fileName: 'links.json',
        data: { documentId: document.id, removed: stripped },
        message: `${stripped.length} annotation${stripped.length === 1 ? '' : 's'} in ${where} link${stripped.length === 1 ? 's' : ''} to principles or actors the codebook does not have (${ids.slice(0, 10).join(', ')}).`,
        action: 'The annotations were kept; only those links were taken out and set aside.',
        restore: 'add the missing principles or actors to the codebook, then link the annotations listed here to them again.',
      });
    }
    for (const item of setAside) {
      const keptAt = await this.quarantine.keepCopy(item.fileName, JSON.stringify(item.data, null, 2), {
        kind: item.kind,
        message: item.message,
        originalPath: where,
        restore: item.restore,
      });
      this.report(item.kind, file, item.message, item.action, keptAt, document.id);
    }
    // Only once everything taken out is safe in the quarantine is the file rewritten without it.
    if (setAside.length > 0) await writeJsonAtomic(file, { version: 1, annotations: kept });
    return kept;
  }
}

/** Data taken out of an annotations file, to copy into the quarantine before the file is rewritten. */
interface SetAside {
  kind: HealthIssueKind;
  fileName: string;
  data: unknown;
  message: string;
  action: string;
  restore: string;
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
