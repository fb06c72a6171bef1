// Memos in a REFI-QDA project: each memo a <Note> (its title the name, its Markdown the plain text
// content, with the project's user and the memo's dates), referred to where the standard allows: a
// memo about a document by a <NoteRef> on its source, about a principle or an actor on its code, and a
// project memo on the project. A memo about a document left out of the export is left out too.
import type { Memo } from '../memos/model';
import { stableGuid } from './stable-guid';
import { xmlAttr as attr, xmlText as text } from './xml';

export const noteGuid = (memo: Pick<Memo, 'id'>) => stableGuid('memo', memo.id);

export interface ExportedNotes {
  /** The <Notes> element (empty when no memo is exported). */
  xml: string[];
  /** <NoteRef> elements by what they go on: 'project', 'document:<id>', 'principle:<id>', 'actor:<id>'. */
  refs: Map<string, string[]>;
  /** Note GUID → memo id and times to the millisecond, for apostil.json (our own export comes back with the same memos). */
  ids: Record<string, { memoId: string; created: string; modified: string }>;
}

export const noteOwner = (memo: Memo): string => {
  const t = memo.target;
  return t.kind === 'project' ? 'project' : t.kind === 'document' ? `document:${t.documentId}` : t.kind === 'principle' ? `principle:${t.principleId}` : `actor:${t.actorId}`;
};

export function memoNotes(
  memos: readonly Memo[],
  has: { document(id: string): boolean; principle(id: string): boolean; actor(id: string): boolean },
  user: string,
  dateTime: (iso: string) => string,
): ExportedNotes {
  const refs = new Map<string, string[]>();
  const ids: ExportedNotes['ids'] = {};
  const notes: string[] = [];
  for (const memo of memos) {
    const t = memo.target;
    const kept = t.kind === 'project' || (t.kind === 'document' ? has.document(t.documentId) : t.kind === 'principle' ? has.principle(t.principleId) : has.actor(t.actorId));
    if (!kept) continue;
    const guid = noteGuid(memo);
    ids[guid] = { memoId: memo.id, created: memo.created, modified: memo.modified };
    notes.push(
      `<Note guid="${guid}" name="${attr(memo.title)}" creatingUser="${user}" creationDateTime="${dateTime(memo.created)}" modifyingUser="${user}" modifiedDateTime="${dateTime(memo.modified)}">`,
      `<PlainTextContent>${text(memo.body)}</PlainTextContent>`,
      '</Note>',
    );
    const owner = noteOwner(memo);
    (refs.get(owner) ?? refs.set(owner, []).get(owner)!).push(`<NoteRef targetGUID="${guid}"/>`);
  }
  return { xml: notes.length ? ['<Notes>', ...notes, '</Notes>'] : [], refs, ids };
}
