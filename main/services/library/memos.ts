// The memos of an open library (shared/memos): kept in memory, changed by pure edits
// (shared/memos/edit.ts) and written through at once to memos.json, atomically, one write at a time
// (the library store's queue). A memo about a document that went to the trash stays: Undo brings the
// document back to its memos, and the Memos panel says the document is gone meanwhile.
import { randomUUID } from 'node:crypto';
import type { LibraryChange } from '../../../shared/library-changes';
import { applyMemoEdit, type MemoEdit } from '../../../shared/memos/edit';
import { checkMemos } from '../../../shared/memos/check';
import { byModified, MEMOS_FORMAT_VERSION, memosFileShape, type Memo } from '../../../shared/memos/model';
import { writeJsonAtomic } from './atomic';
import { checkEntriesFile, type Report } from './check-collections';
import type { LibraryPaths } from './files';
import type { Quarantine } from './quarantine';

export interface MemosHost {
  /** Runs a write after every earlier write of the library. */
  serialize<T>(write: () => Promise<T>): Promise<T>;
  publish(change: Extract<LibraryChange, { kind: 'memos.changed' }>): void;
}

export class LibraryMemos {
  private memos: Memo[];

  constructor(
    private readonly paths: Pick<LibraryPaths, 'memosFile'>,
    initial: readonly Memo[],
    private readonly host: MemosHost,
  ) {
    this.memos = [...initial];
  }

  /** Every memo, the most recently changed first. */
  list(): Memo[] {
    return [...this.memos].sort(byModified);
  }

  edit(edit: MemoEdit): Promise<Memo> {
    return this.host.serialize(async () => {
      const { memos, memo } = applyMemoEdit(this.memos, edit, { newId: randomUUID(), now: new Date().toISOString() });
      await writeMemosFile(this.paths.memosFile, memos);
      // Memory changes only once the file is written: a failed write leaves both as they were.
      this.memos = memos;
      this.host.publish(
        edit.op === 'delete' ? { kind: 'memos.changed', changed: [], removed: [memo.id] } : { kind: 'memos.changed', changed: [memo], removed: [] },
      );
      return memo;
    });
  }
}

export function writeMemosFile(file: string, memos: Memo[]): Promise<void> {
  return writeJsonAtomic(file, { version: MEMOS_FORMAT_VERSION, memos });
}

/** The check at open: an unreadable memos.json is set aside whole, invalid memos one by one. */
export function checkMemosFile(paths: Pick<LibraryPaths, 'memosFile'>, quarantine: Quarantine, report: Report): Promise<Memo[]> {
  return checkEntriesFile(quarantine, report, {
    file: paths.memosFile,
    name: 'memos.json',
    without: 'The library opened with no memos (documents, passages and the codebook are not affected).',
    issues: { unreadable: 'unreadable-memos', invalid: 'invalid-memos', repaired: 'invalid-memos' },
    shape: memosFileShape,
    entries: (value) => checkMemos(value.memos),
    empty: [],
    write: writeMemosFile,
  });
}
