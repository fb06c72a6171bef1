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
export const MEMO_TARGET_KINDS: readonly MemoTargetKind[] = ['project', 'document', 'principle', 'actor'];

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

/** Whether a memo is about the given target. */
export function sameTarget(a: MemoTarget, b: MemoTarget): boolean {
  switch (a.kind) {
    case 'project':
      return b.kind === 'project';
    case 'document':
      return b.kind === 'document' && b.documentId === a.documentId;
    case 'principle':
      return b.kind === 'principle' && b.principleId === a.principleId;
    case 'actor':
      return b.kind === 'actor' && b.actorId === a.actorId;
  }
}

/** Newest change first: the order of the Memos panel. */
export function byModified(a: Memo, b: Memo): number {
  return b.modified.localeCompare(a.modified) || a.title.localeCompare(b.title);
}

/** A list of memos with a memos.changed applied (the same list for any other change, or one it shows). */
export function applyMemoChange(memos: readonly Memo[], change: { kind: string; changed?: Memo[]; removed?: string[] }): readonly Memo[] {
  if (change.kind !== 'memos.changed') return memos;
  const gone = new Set([...(change.removed ?? []), ...(change.changed ?? []).map((m) => m.id)]);
  return [...(change.changed ?? []), ...memos.filter((m) => !gone.has(m.id))].sort(byModified);
}

export interface TargetNames {
  documentTitle(id: string): string | undefined;
  principleName(id: string): string | undefined;
  actorName(id: string): string | undefined;
}

/** What a memo is about, in words: "Project", "Document: Paris Call", or that it is no longer there. */
export function memoTargetLabel(target: MemoTarget, names: TargetNames): string {
  switch (target.kind) {
    case 'project':
      return 'Project';
    case 'document':
      return `Document: ${names.documentTitle(target.documentId) ?? 'a document no longer in the library (in the trash?)'}`;
    case 'principle':
      return `Principle: ${names.principleName(target.principleId) ?? 'a principle no longer in the codebook'}`;
    case 'actor':
      return `Actor: ${names.actorName(target.actorId) ?? 'an actor no longer in the codebook'}`;
  }
}
