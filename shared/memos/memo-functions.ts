// What is done with memos (which target, in which order, a change applied, a label), without their
// schemas (model.ts, which re-exports these): the page's first load uses them and does without zod.
import type { Memo, MemoTarget, MemoTargetKind } from './model';

export const MEMO_TARGET_KINDS: readonly MemoTargetKind[] = ['project', 'document', 'principle', 'actor'];

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
