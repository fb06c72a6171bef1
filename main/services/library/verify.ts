// The background check that follows an open: the open trusted each unchanged file by its stamp; this
// re-hashes every file it did not read and compares the content with the record. A description, text or
// annotations file whose content changed under an unchanged stamp is checked again, as at open (and set
// aside if it cannot be used); an original that changed is reported. Progress is reported as it goes.
import { createHash } from 'node:crypto';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { HealthIssue, LibraryVerification } from '../../../shared/health';
import type { LibraryChange } from '../../../shared/library-changes';
import type { Annotation, Codebook, LibraryDocument } from '../../../shared/model';
import { isCode } from './atomic';
import { sameStamp, stampOf, type RecordKeeper } from './check-record';
import { DocumentCheck, type CheckedDocument } from './document-check';
import type { LibraryPaths } from './files';
import { Findings } from './findings';
import { openLibraryFile } from './safe-fs';

/** What the background check needs of the store. */
export interface VerifyTarget {
  root: string;
  record: RecordKeeper;
  /** Checks a document again from its files (serialized with the store's writes). */
  recheck(documentId: string): Promise<void>;
  /** An original whose content is not what the record says. */
  originalChanged(documentId: string, file: string): void;
  saveRecord(): Promise<void>;
  closed(): boolean;
}

export type VerificationListener = (status: LibraryVerification) => void;

const PROGRESS_EVERY_MS = 250;
const CHUNK = 1 << 20;

export class Verifier {
  private status: LibraryVerification;
  private running: Promise<void> | null = null;
  /** One read buffer for the whole pass (thousands of files). */
  private readonly buffer = Buffer.allocUnsafe(CHUNK);

  constructor(
    private readonly target: VerifyTarget,
    opened: { full: boolean; filesRead: number },
  ) {
    this.status = { openCheck: opened.full ? 'full' : 'incremental', filesRead: opened.filesRead, state: 'waiting', done: 0, total: 0, finishedAt: null };
  }

  get current(): LibraryVerification {
    return { ...this.status };
  }

  /** Resolves once a pass that was started has finished or stopped. */
  settled(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /** Runs the check once (a second call joins the first). */
  run(onProgress: VerificationListener = () => undefined): Promise<void> {
    this.running ??= this.pass(onProgress);
    return this.running;
  }

  private async pass(onProgress: VerificationListener): Promise<void> {
    const { record } = this.target;
    const files = [...record.files.keys()].filter((file) => !record.hashed.has(file)).sort();
    this.status = { ...this.status, state: 'running', done: 0, total: files.length };
    onProgress(this.current);
    let reportedAt = Date.now();
    for (const file of files) {
      if (this.target.closed()) {
        this.status = { ...this.status, state: 'stopped' };
        onProgress(this.current);
        return;
      }
      await this.verifyFile(file);
      this.status = { ...this.status, done: this.status.done + 1 };
      if (Date.now() - reportedAt >= PROGRESS_EVERY_MS) {
        reportedAt = Date.now();
        onProgress(this.current);
      }
    }
    if (!this.target.closed() && record.unsaved) await this.target.saveRecord().catch(() => undefined);
    this.status = { ...this.status, state: 'done', finishedAt: new Date().toISOString() };
    onProgress(this.current);
  }

  private async verifyFile(file: string): Promise<void> {
    const { record } = this.target;
    const recorded = record.files.get(file);
    // Written or checked again since the pass began: already known.
    if (!recorded || record.hashed.has(file)) return;
    const full = path.join(this.target.root, ...file.split('/'));
    const documentId = /^documents\/([^/]+)\//.exec(file)?.[1];
    let hash: string | null;
    try {
      const info = await lstat(full);
      hash = sameStamp(stampOf(info), recorded) ? await hashFile(full, this.buffer) : null;
    } catch (error) {
      // Gone (the document was deleted meanwhile) or not a regular file any more: checked again below.
      if (!isCode(error, 'ENOENT') && !documentId) throw error;
      hash = null;
    }
    if (record.files.get(file) !== recorded) return; // the store wrote it while it was being read
    if (hash !== null && hash === recorded.sha256) {
      // As recorded: nothing for the record to say anew (rewriting it for every file verified cost more
      // than the verification itself in a large library).
      record.confirm(file);
      return;
    }
    if (hash !== null && recorded.sha256 === null) {
      record.note(file, { ...recorded, sha256: hash });
      return;
    }
    if (!documentId) return;
    if (/\/original\.[a-z]+$/.test(file) && hash !== null) {
      this.target.originalChanged(documentId, full);
      record.note(file, { ...recorded, sha256: hash });
    } else {
      await this.target.recheck(documentId);
    }
  }
}

/** SHA-256 of a regular file of the library, read a chunk at a time. */
export async function hashFile(file: string, buffer: Buffer = Buffer.allocUnsafe(CHUNK)): Promise<string> {
  const handle = await openLibraryFile(file);
  try {
    const hash = createHash('sha256');
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}

/** Checks a document again from all its files (not trusting stamps), and notes the result in the record. */
export async function recheckDocument(paths: LibraryPaths, codebook: Codebook, record: RecordKeeper, id: string) {
  const findings = new Findings(paths.root);
  const checked = await new DocumentCheck(paths, findings, codebook).check(id, record.view(), true, 'read');
  record.forgetDocument(id);
  for (const [file, recorded] of checked?.files ?? []) record.note(file, recorded);
  return { checked, issues: findings.issues };
}

/** The report of an original whose content is not what was last checked (the file is left as it is). */
export function changedOriginal(document: LibraryDocument, relative: string): HealthIssue {
  return {
    kind: 'changed-original',
    message: `The original file of "${document.metadata.title}" (${relative}) is not the file that was last checked: its content changed while its date and size did not.`,
    action: 'Nothing was changed. If it is a new version of the document, use Replace file so that the text and annotations follow it; otherwise restore the file from a backup.',
    path: relative,
    keptAt: null,
    documentId: document.id,
  };
}

/**
 * What a document checked again in the background changed, as the store publishes changes: gone (set
 * aside), a new text (as a replaced file), a new description, annotations added, changed or removed.
 */
export function changesFound(
  before: LibraryDocument,
  after: CheckedDocument | null,
  textChanged: boolean,
  annotationsBefore: { ids: string[]; held: Annotation[] | null },
): LibraryChange[] {
  if (!after) return [{ kind: 'document.deleted', documentId: before.id }];
  const annotations = after.annotations ?? [];
  if (textChanged) return [{ kind: 'document.replaced', document: after.document, annotations }];
  const changes: LibraryChange[] = [];
  if (JSON.stringify(after.document) !== JSON.stringify(before)) changes.push({ kind: 'document.metadataChanged', document: after.document });
  const old = new Set(annotationsBefore.ids);
  const held = new Map((annotationsBefore.held ?? []).map((a) => [a.id, JSON.stringify(a)]));
  const now = new Set(annotations.map((a) => a.id));
  const added = annotations.filter((a) => !old.has(a.id));
  // Without the old list in memory, every annotation still there may have changed.
  const updated = annotations.filter((a) => old.has(a.id) && held.get(a.id) !== JSON.stringify(a));
  const removed = annotationsBefore.ids.filter((id) => !now.has(id));
  if (added.length || updated.length || removed.length) changes.push({ kind: 'annotations.changed', documentId: before.id, added, updated, removed });
  return changes;
}
