// Collections and document tags of an open library: kept in memory, changed by pure edits
// (shared/collections/edit.ts) and written through at once, atomically, one write at a time (the
// library store's queue). A trashed document keeps its collections and tags in these files, so that
// bringing it back (Undo) puts it back where it was; lists of the library's documents simply skip it.
import { randomUUID } from 'node:crypto';
import { checkCollections, checkDocumentTags, COLLECTIONS_FORMAT_VERSION } from '../../../shared/collections/check';
import {
  applyCollectionEdit,
  applyDocumentTagEdit,
  type CollectionEdit,
  type DocumentTagEdit,
} from '../../../shared/collections/edit';
import type { Organisation } from '../../../shared/collections/scope';
import type { CollectionsChange } from '../../../shared/library-changes';
import type { Collection, DocumentTags } from '../../../shared/model';
import { writeJsonAtomic } from './atomic';
import type { LibraryPaths } from './files';

export interface CollectionsHost {
  /** Runs a write after every earlier write of the library. */
  serialize<T>(write: () => Promise<T>): Promise<T>;
  publish(change: CollectionsChange): void;
  hasDocument(id: string): boolean;
}

export class LibraryCollections {
  private collections: Collection[];
  private tags: DocumentTags;

  constructor(
    private readonly paths: Pick<LibraryPaths, 'collectionsFile' | 'documentTagsFile'>,
    initial: Organisation,
    private readonly host: CollectionsHost,
  ) {
    this.collections = [...initial.collections];
    this.tags = { ...initial.tags };
  }

  list(): Collection[] {
    return this.collections;
  }

  documentTags(): DocumentTags {
    return this.tags;
  }

  organisation(): Organisation {
    return { collections: this.collections, tags: this.tags };
  }

  edit(edit: CollectionEdit): Promise<Collection[]> {
    return this.host.serialize(async () => {
      const context = { newId: randomUUID(), now: new Date().toISOString(), hasDocument: (id: string) => this.host.hasDocument(id) };
      const next = applyCollectionEdit(this.collections, edit, context);
      await writeCollectionsFile(this.paths.collectionsFile, next);
      // Memory changes only once the file is written: a failed write leaves both as they were.
      this.collections = next;
      this.host.publish({ kind: 'collections.changed', collections: next });
      return next;
    });
  }

  /**
   * Collections or document tags as they arrived by sync, each list whole. Checked as at open (a
   * collection whose parent went away moves to the top; a bad entry is refused) and published.
   */
  replaceSynced(update: (current: { collections: Collection[]; tags: DocumentTags }) => SyncedOrganisation): Promise<void> {
    return this.host.serialize(async () => {
      const next = update({ collections: this.collections, tags: this.tags });
      if (next.collections) {
        const checked = checkCollections(next.collections);
        if (checked.invalid.length) throw new Error(`A collection from the server cannot be used: ${checked.invalid[0]!.reason}`);
        await writeCollectionsFile(this.paths.collectionsFile, checked.value);
        this.collections = checked.value;
        this.host.publish({ kind: 'collections.changed', collections: checked.value });
      }
      if (next.tags) {
        const checked = checkDocumentTags(next.tags);
        if (checked.invalid.length) throw new Error(`A document's tags from the server cannot be used: ${checked.invalid[0]!.reason}`);
        await writeDocumentTagsFile(this.paths.documentTagsFile, checked.value);
        this.tags = checked.value;
        this.host.publish({ kind: 'documentTags.changed', tags: checked.value });
      }
    });
  }

  editTags(edit: DocumentTagEdit): Promise<DocumentTags> {
    return this.host.serialize(async () => {
      const next = applyDocumentTagEdit(this.tags, edit, (id) => this.host.hasDocument(id));
      await writeDocumentTagsFile(this.paths.documentTagsFile, next);
      this.tags = next;
      this.host.publish({ kind: 'documentTags.changed', tags: next });
      return next;
    });
  }
}

/** What sync applies: the collections or the document tags as they now are, whole. */
export interface SyncedOrganisation {
  collections?: Collection[];
  tags?: DocumentTags;
}

export function writeCollectionsFile(file: string, collections: Collection[]): Promise<void> {
  return writeJsonAtomic(file, { version: COLLECTIONS_FORMAT_VERSION, collections });
}

export function writeDocumentTagsFile(file: string, tags: DocumentTags): Promise<void> {
  return writeJsonAtomic(file, { version: COLLECTIONS_FORMAT_VERSION, documents: tags });
}
