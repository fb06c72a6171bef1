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

  /**
   * A memo as it arrived by sync (null: deleted there), written only if `unchanged` holds for this
   * library's version when the write's turn comes (sync's compare-and-set). False when it did not hold.
   * A new memo arrives as it was made (its id and dates), as an Undo brings one back.
   */
  async replaceSynced(id: string, memo: Omit<Memo, 'modified'> | null, unchanged: (current: Memo | undefined) => boolean): Promise<boolean> {
    const refused = Symbol('refused');
    const result = await this.edit(
      (current) => {
        const here = current.find((m) => m.id === id);
        if (!unchanged(here)) throw refused;
        if (!memo) return here ? { op: 'delete', id } : null;
        return here ? { op: 'update', id, title: memo.title, body: memo.body, target: memo.target } : { op: 'restore', memo: { ...memo, modified: memo.created } };
      },
    ).catch((error: unknown) => (error === refused ? refused : Promise.reject(error)));
    return result !== refused;
  }

  edit(edit: MemoEdit): Promise<Memo>;
  edit(edit: (current: readonly Memo[]) => MemoEdit | null): Promise<Memo | null>;
  edit(request: MemoEdit | ((current: readonly Memo[]) => MemoEdit | null)): Promise<Memo | null> {
    return this.host.serialize(async () => {
      const edit = typeof request === 'function' ? request(this.memos) : request;
      if (!edit) return null;
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
