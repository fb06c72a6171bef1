// A REFI-QDA project's notes as memos: a note a source refers to becomes a memo on its document, one a
// code refers to a memo on the principle or actor it became, and a project's own notes (or notes that
// nothing refers to) project memos. Notes that only selections refer to are already in their
// highlights' notes. An existing memo is never overwritten: a note whose memo the library has (same
// id, from our own export, or the same title and text about the same thing) is counted as present.
import { randomUUID } from 'node:crypto';
import type { RefiCode } from '../../../shared/codebooks/refi-codebook';
import { AppError } from '../../../shared/errors';
import { zipPathOf, type RefiProject } from '../../../shared/interchange/refi-qda-read';
import { MAX_MEMO_BODY, memoSchema, sameTarget, type Memo, type MemoTarget } from '../../../shared/memos/model';
import { decodeText } from '../import/decode';
import type { LibraryStore } from '../library/store';

export interface NoteContext {
  zip: Record<string, Uint8Array>;
  /** Note GUID → memo id and times, from our own export's apostil.json. */
  memoIds: Record<string, { memoId: string; created: string; modified: string }>;
  /** The library document a source GUID became. */
  documentOf(sourceGuid: string): string | undefined;
  /** The principle or actor a code GUID became (a stance code: its actor). */
  codeOf(codeGuid: string): { kind: 'principle' | 'actor'; id: string } | undefined;
  skip(reason: string, count?: number): void;
}

export async function importMemos(store: LibraryStore, project: RefiProject, context: NoteContext): Promise<{ added: number; present: number }> {
  const targets = noteTargets(project, context);
  const onSelections = new Set(project.sources.flatMap((s) => s.selections.flatMap((sel) => sel.notes)));
  const memos: Memo[] = store.memos.list();
  let added = 0;
  let present = 0;
  for (const note of project.notes) {
    const target = targets.get(note.guid) ?? (onSelections.has(note.guid) ? null : { kind: 'project' as const });
    if (!target) continue; // in its highlights' notes already
    const body = noteText(note, context.zip);
    if (body === null) {
      context.skip('notes whose text is not in the project file');
      continue;
    }
    if (body.length > MAX_MEMO_BODY) {
      context.skip(`notes longer than ${MAX_MEMO_BODY.toLocaleString('en')} characters (a memo's most)`);
      continue;
    }
    const title = (note.name.trim() || body.split('\n').find((line) => line.trim())?.trim() || 'Untitled note').slice(0, 500);
    const ours = context.memoIds[note.guid];
    const id = ours?.memoId ?? randomUUID();
    if (memos.some((m) => m.id === id || (sameTarget(m.target, target) && m.title === title && m.body === body))) {
      present++;
      continue;
    }
    const created = ours?.created ?? isoOrNull(note.created) ?? new Date().toISOString();
    const modified = ours?.modified ?? isoOrNull(note.modified) ?? created;
    const memo = memoSchema.safeParse({ id, title, body, target, created, modified });
    if (!memo.success) {
      context.skip('notes that could not be read as memos');
      continue;
    }
    try {
      memos.push(await store.memos.edit({ op: 'restore', memo: memo.data }));
      added++;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      context.skip(`notes the library could not take (${error.message})`);
    }
  }
  return { added, present };
}

/** What each note is about, by its GUID: the first of its source, its code, the project. */
function noteTargets(project: RefiProject, context: NoteContext): Map<string, MemoTarget> {
  const targets = new Map<string, MemoTarget>();
  const about = (guid: string, target: MemoTarget) => targets.has(guid) || targets.set(guid, target);
  for (const source of project.sources) {
    const documentId = context.documentOf(source.guid);
    for (const guid of source.noteRefs) about(guid, documentId ? { kind: 'document', documentId } : { kind: 'project' });
  }
  const walk = (codes: readonly RefiCode[]) => {
    for (const code of codes) {
      const found = context.codeOf(code.guid);
      const target: MemoTarget = !found ? { kind: 'project' } : found.kind === 'principle' ? { kind: 'principle', principleId: found.id } : { kind: 'actor', actorId: found.id };
      for (const guid of code.notes) about(guid, target);
      walk(code.children);
    }
  };
  walk(project.codes);
  for (const guid of project.projectNoteRefs) about(guid, { kind: 'project' });
  return targets;
}

export function noteText(note: RefiProject['notes'][number], zip: Record<string, Uint8Array>): string | null {
  if (note.text !== null) return note.text.replace(/\r\n?/g, '\n');
  const path = note.plainTextPath ? zipPathOf(note.plainTextPath) : null;
  return path && zip[path] ? decodeText(path, zip[path]!).text.replace(/\r\n?/g, '\n') : null;
}

function isoOrNull(value: string | null): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
