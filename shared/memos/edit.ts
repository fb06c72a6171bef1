// Changes to memos, as values (they cross the contract) and as a pure function from the list before
// to the list after. A change that makes no sense is refused with a message in words and changes nothing.
import { z } from 'zod';
import { AppError } from '../errors';
import { idSchema } from '../schemas';
import { MAX_MEMOS, memoBodySchema, memoSchema, memoTargetSchema, memoTitleSchema, type Memo } from './model';

export const memoEditSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('create'), title: memoTitleSchema, body: memoBodySchema, target: memoTargetSchema }),
  z.strictObject({ op: z.literal('update'), id: idSchema, title: memoTitleSchema, body: memoBodySchema, target: memoTargetSchema }),
  z.strictObject({ op: z.literal('delete'), id: idSchema }),
  /** Undo of a delete: the memo comes back exactly as it was (same id, same dates). */
  z.strictObject({ op: z.literal('restore'), memo: memoSchema }),
]);
export type MemoEdit = z.output<typeof memoEditSchema>;

export interface MemoEditContext {
  /** A fresh id for a new memo. */
  newId: string;
  now: string;
}

export interface MemoEditResult {
  memos: Memo[];
  /** The memo created, changed, deleted or restored. */
  memo: Memo;
}

export function applyMemoEdit(memos: readonly Memo[], edit: MemoEdit, context: MemoEditContext): MemoEditResult {
  const find = (id: string): Memo => {
    const found = memos.find((m) => m.id === id);
    if (!found) throw new AppError('not-found', 'That memo no longer exists (it may have been deleted).');
    return found;
  };
  switch (edit.op) {
    case 'create': {
      if (memos.length >= MAX_MEMOS) throw new AppError('too-large', `A library can hold ${MAX_MEMOS.toLocaleString('en')} memos.`);
      const memo: Memo = { id: context.newId, title: edit.title, body: edit.body, target: edit.target, created: context.now, modified: context.now };
      return { memos: [...memos, memo], memo };
    }
    case 'update': {
      const memo: Memo = { ...find(edit.id), title: edit.title, body: edit.body, target: edit.target, modified: context.now };
      return { memos: memos.map((m) => (m.id === edit.id ? memo : m)), memo };
    }
    case 'delete': {
      const memo = find(edit.id);
      return { memos: memos.filter((m) => m.id !== edit.id), memo };
    }
    case 'restore': {
      if (memos.some((m) => m.id === edit.memo.id)) throw new AppError('duplicate', `“${edit.memo.title}” is already in the library.`);
      if (memos.length >= MAX_MEMOS) throw new AppError('too-large', `A library can hold ${MAX_MEMOS.toLocaleString('en')} memos.`);
      return { memos: [...memos, edit.memo], memo: edit.memo };
    }
  }
}
