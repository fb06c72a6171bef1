// References waiting for their file: sources known from a BibTeX, RIS or CSL-JSON file whose document
// has not been imported yet. One plain JSON file each, in <library>/references/, written atomically.
// Invariant: no waiting reference is the same work as a library document (an import that attaches a
// file removes it; opening the library removes any that a crash left behind after its document).
// Each change is published on the library's change feed as 'references.changed'.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { DocumentMetadata, LibraryDocument } from '../../../shared/model';
import { findSameWork } from '../../../shared/export/reference-match';
import { waitingReferenceSchema, type WaitingReference } from '../../../shared/export/types';
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
        if (findSameWork(entry.metadata, documents)) {
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

  findSameWork(metadata: DocumentMetadata): WaitingReference | undefined {
    return findSameWork(metadata, this.entries.values());
  }

  add(metadata: DocumentMetadata, from: string): Promise<WaitingReference> {
    return this.write(async () => {
      const entry = waitingReferenceSchema.parse({ id: randomUUID(), metadata, addedAt: new Date().toISOString(), from: from.slice(0, 1_000) });
      await mkdir(this.dir, { recursive: true });
      await writeJsonAtomic(this.file(entry.id), entry);
      this.entries.set(entry.id, entry);
      this.published();
      return entry;
    });
  }

  update(id: string, metadata: DocumentMetadata): Promise<WaitingReference> {
    return this.write(async () => {
      const entry = waitingReferenceSchema.parse({ ...this.get(id), metadata });
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

  private published(): void {
    this.changes?.publish({ kind: 'references.changed', references: this.list() });
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
