// References waiting for their file: sources known from a BibTeX, RIS or CSL-JSON file whose document
// has not been imported yet. One plain JSON file each, in <library>/references/, written atomically.
// Invariant: no waiting reference was attached to a library document (attaching merges its details
// into the document, then removes it; opening the library removes any a crash left behind, found as a
// document holding all of the reference's details).
// Each change is published on the library's change feed as 'references.changed'.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { DocumentMetadata, LibraryDocument } from '../../../shared/model';
import { holdsAllOf } from '../../../shared/interchange/reference-match';
import { waitingReferenceSchema, type DuplicateTarget, type WaitingReference } from '../../../shared/interchange/types';
import { removeStaleTempFiles, writeJsonAtomic } from '../library/atomic';
import { readJsonFile } from '../library/files';
import type { ChangeFeed } from '../library/change-feed';
import type { LoadProblem } from '../library/store';

export class ReferenceShelf {
  private readonly entries = new Map<string, WaitingReference>();
  private writes: Promise<unknown> = Promise.resolve();
  readonly problems: LoadProblem[] = [];

  private constructor(
    readonly dir: string,
    private readonly changes: Pick<ChangeFeed, 'publish'> | undefined,
  ) {}

  static async open(libraryRoot: string, documents: readonly LibraryDocument[], changes?: Pick<ChangeFeed, 'publish'>): Promise<ReferenceShelf> {
    const shelf = new ReferenceShelf(path.join(libraryRoot, 'references'), changes);
    await removeStaleTempFiles(shelf.dir);
    const names = await readdir(shelf.dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const file = path.join(shelf.dir, name);
      try {
        const entry = await readJsonFile(file, waitingReferenceSchema);
        if (`${entry.id}.json` !== name) throw new AppError('corrupt', `${file} names another reference (${entry.id}).`);
        if (documents.some((d) => holdsAllOf(d.metadata, entry.metadata))) {
          await rm(file, { force: true }); // its file was attached before a crash let us remove it
          continue;
        }
        shelf.entries.set(entry.id, entry);
      } catch (error) {
        shelf.problems.push({ path: file, message: (error as Error).message });
      }
    }
    return shelf;
  }

  list(): WaitingReference[] {
    return [...this.entries.values()].sort((a, b) => a.metadata.title.localeCompare(b.metadata.title));
  }

  get(id: string): WaitingReference {
    const entry = this.entries.get(id);
    if (!entry) throw new AppError('not-found', `There is no reference ${id} waiting for its file.`);
    return entry;
  }

  add(metadata: DocumentMetadata, from: string, possibleDuplicateOf?: DuplicateTarget): Promise<WaitingReference> {
    return this.write(async () => {
      const entry = waitingReferenceSchema.parse({
        id: randomUUID(),
        metadata,
        addedAt: new Date().toISOString(),
        from: from.slice(0, 1_000),
        ...(possibleDuplicateOf ? { possibleDuplicateOf } : {}),
      });
      await mkdir(this.dir, { recursive: true });
      await writeJsonAtomic(this.file(entry.id), entry);
      this.entries.set(entry.id, entry);
      this.published();
      return entry;
    });
  }

  /** New details, and (when given) a new possible duplicate: null clears it, undefined keeps it. */
  update(id: string, metadata: DocumentMetadata, possibleDuplicateOf?: DuplicateTarget | null): Promise<WaitingReference> {
    return this.write(async () => {
      const { possibleDuplicateOf: current, ...rest } = this.get(id);
      const duplicate = possibleDuplicateOf === undefined ? current : (possibleDuplicateOf ?? undefined);
      const entry = waitingReferenceSchema.parse({ ...rest, metadata, ...(duplicate ? { possibleDuplicateOf: duplicate } : {}) });
      await writeJsonAtomic(this.file(id), entry);
      this.entries.set(id, entry);
      this.published();
      return entry;
    });
  }

  remove(id: string): Promise<void> {
    return this.write(async () => {
      this.get(id);
      await rm(this.file(id), { force: true });
      this.entries.delete(id);
      this.published();
    });
  }

  private batching = 0;
  private unpublished = false;

  /**
   * Runs many changes (a reference file's hundreds of entries) and publishes them as one change at the
   * end, not one list of every reference per entry.
   */
  async batch<T>(work: () => Promise<T>): Promise<T> {
    this.batching++;
    try {
      return await work();
    } finally {
      if (--this.batching === 0 && this.unpublished) {
        this.unpublished = false;
        this.published();
      }
    }
  }

  private published(): void {
    if (this.batching > 0) this.unpublished = true;
    else this.changes?.publish({ kind: 'references.changed', references: this.list() });
  }

  private file(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }

  private write<T>(work: () => Promise<T>): Promise<T> {
    const result = this.writes.then(work, work);
    this.writes = result.catch(() => undefined);
    return result;
  }
}
