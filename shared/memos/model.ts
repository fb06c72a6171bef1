// Memos: the user's own writing about a document, a principle, an actor, or the project as a whole
// (a title and a Markdown body). Kept in the library's memos.json; these are their shapes, checked
// with zod wherever they cross a process boundary or are read back from disk.
import { z } from 'zod';
import { idSchema } from '../schemas';

export const MEMOS_FORMAT_VERSION = 1;
/** Far more than anyone writes by hand; keeps memos.json small enough to hold in memory. */
export const MAX_MEMOS = 20_000;
export const MAX_MEMO_BODY = 200_000;

/** What a memo is about. */
export const memoTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('project') }),
  z.strictObject({ kind: z.literal('document'), documentId: idSchema }),
  z.strictObject({ kind: z.literal('principle'), principleId: idSchema }),
  z.strictObject({ kind: z.literal('actor'), actorId: idSchema }),
]);
export type MemoTarget = z.output<typeof memoTargetSchema>;
export type MemoTargetKind = MemoTarget['kind'];
export { MEMO_TARGET_KINDS } from './memo-functions';

export const memoTitleSchema = z.string().trim().min(1, 'a memo needs a title').max(500, 'a title is at most 500 characters');
export const memoBodySchema = z.string().max(MAX_MEMO_BODY, `a memo is at most ${MAX_MEMO_BODY.toLocaleString('en')} characters`);

export const memoSchema = z.strictObject({
  id: idSchema,
  title: memoTitleSchema,
  /** Markdown, shown rendered (and sanitised) in the app. */
  body: memoBodySchema,
  target: memoTargetSchema,
  created: z.string().min(1).max(100),
  modified: z.string().min(1).max(100),
});
export type Memo = z.output<typeof memoSchema>;

/** The file's outer shape: what must hold for any memo in it to be read (each memo is checked alone). */
export const memosFileShape = z.object({ version: z.literal(MEMOS_FORMAT_VERSION), memos: z.array(z.unknown()) });

// The functions over memos live apart from their schemas, so that the page's first load has them without zod.
export { applyMemoChange, byModified, memoTargetLabel, sameTarget, type TargetNames } from './memo-functions';
