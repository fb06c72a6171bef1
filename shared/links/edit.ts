// Changes to links between passages and to the list of relations, as values (they cross the contract)
// and as pure functions from the state before to the state after. A change that makes no sense is
// refused with a message in words and changes nothing.
import { z } from 'zod';
import { AppError } from '../errors';
import { idSchema } from '../schemas';
import {
  linkEndSchema,
  MAX_LINK_NOTE,
  MAX_LINKS,
  MAX_RELATIONS,
  passageLinkSchema,
  relationSchema,
  sameEnd,
  type LinkEnd,
  type LinkStatus,
  type PassageLink,
} from './model';

/** What links.json holds. */
export interface StoredLinks {
  relations: string[];
  links: PassageLink[];
}

const note = z.string().trim().max(MAX_LINK_NOTE, `a note on a link is at most ${MAX_LINK_NOTE} characters`);

export const linkEditSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('create'), from: linkEndSchema, to: linkEndSchema, relation: relationSchema, note: note.optional() }),
  z.strictObject({ op: z.literal('update'), id: idSchema, relation: relationSchema.optional(), note: note.optional() }),
  z.strictObject({ op: z.literal('delete'), id: idSchema }),
  /** Undo of a delete: the link as it was. */
  z.strictObject({ op: z.literal('restore'), link: passageLinkSchema }),
  /** The relations offered, in order: add, remove (when no link uses it) and reorder. */
  z.strictObject({ op: z.literal('setRelations'), relations: z.array(relationSchema).min(1, 'keep at least one relation').max(MAX_RELATIONS) }),
  /** Renames a relation in the list and in every link that uses it. */
  z.strictObject({ op: z.literal('renameRelation'), from: relationSchema, to: relationSchema }),
]);
export type LinkEdit = z.output<typeof linkEditSchema>;

export interface LinkEditContext {
  newId: string;
  now: string;
  /** Whether a highlight is in the library (a new link's passages must be). */
  passageExists(end: LinkEnd): boolean;
}

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;

/** The relation as the list spells it, or a refusal naming the relations there are. */
function offered(relations: readonly string[], relation: string): string {
  const found = relations.find((r) => sameName(r, relation));
  if (!found) throw new AppError('invalid-input', `There is no relation “${relation}”. The relations are: ${relations.join(', ')} (add one in the Links view).`);
  return found;
}

function linkOf(state: StoredLinks, id: string): PassageLink {
  const link = state.links.find((l) => l.id === id);
  if (!link) throw new AppError('not-found', 'That link is no longer in the library.');
  return link;
}

export function applyLinkEdit(state: StoredLinks, edit: LinkEdit, context: LinkEditContext): StoredLinks {
  switch (edit.op) {
    case 'create': {
      if (sameEnd(edit.from, edit.to)) throw new AppError('invalid-input', 'A passage cannot be linked to itself: choose another highlight.');
      for (const end of [edit.from, edit.to]) {
        if (!context.passageExists(end)) throw new AppError('not-found', 'One of the two highlights is no longer in the library.');
      }
      const relation = offered(state.relations, edit.relation);
      const twin = state.links.find(
        (l) => !l.detached && sameName(l.relation, relation) && ((sameEnd(l.from, edit.from) && sameEnd(l.to, edit.to)) || (sameEnd(l.from, edit.to) && sameEnd(l.to, edit.from))),
      );
      if (twin) throw new AppError('duplicate', `These two passages are already linked (“${twin.relation}”).`);
      if (state.links.length >= MAX_LINKS) throw new AppError('invalid-input', `A library holds at most ${MAX_LINKS.toLocaleString('en')} links.`);
      const link: PassageLink = { id: context.newId, from: edit.from, to: edit.to, relation, note: edit.note ?? '', created: context.now, modified: context.now };
      return { ...state, links: [...state.links, link] };
    }
    case 'update': {
      const current = linkOf(state, edit.id);
      const next: PassageLink = {
        ...current,
        ...(edit.relation !== undefined ? { relation: offered(state.relations, edit.relation) } : {}),
        ...(edit.note !== undefined ? { note: edit.note } : {}),
        modified: context.now,
      };
      return { ...state, links: state.links.map((l) => (l.id === edit.id ? next : l)) };
    }
    case 'delete':
      linkOf(state, edit.id);
      return { ...state, links: state.links.filter((l) => l.id !== edit.id) };
    case 'restore': {
      if (state.links.some((l) => l.id === edit.link.id)) throw new AppError('duplicate', 'That link is already in the library.');
      const relations = state.relations.some((r) => sameName(r, edit.link.relation)) ? state.relations : [...state.relations, edit.link.relation];
      const { detached: _detached, ...link } = edit.link;
      const exists = context.passageExists(link.from) && context.passageExists(link.to);
      return { relations, links: [...state.links, exists ? link : { ...link, detached: true }] };
    }
    case 'setRelations': {
      const relations: string[] = [];
      for (const r of edit.relations) {
        if (relations.some((x) => sameName(x, r))) throw new AppError('invalid-input', `The relation “${r}” is listed twice.`);
        relations.push(r);
      }
      const dropped = state.relations.filter((r) => !relations.some((x) => sameName(x, r)));
      for (const r of dropped) {
        const used = state.links.filter((l) => sameName(l.relation, r)).length;
        if (used) throw new AppError('invalid-input', `“${r}” is the relation of ${used} link${used === 1 ? '' : 's'}: rename it, or change or delete those links first.`);
      }
      return { ...state, relations };
    }
    case 'renameRelation': {
      const from = offered(state.relations, edit.from);
      if (!sameName(from, edit.to) && state.relations.some((r) => sameName(r, edit.to))) {
        throw new AppError('invalid-input', `There is a relation “${edit.to}” already.`);
      }
      return {
        relations: state.relations.map((r) => (r === from ? edit.to : r)),
        links: state.links.map((l) => (sameName(l.relation, from) ? { ...l, relation: edit.to, modified: context.now } : l)),
      };
    }
  }
}

/** Where each link stands, given which highlights are in the library. */
export function linkStatus(link: PassageLink, exists: (end: LinkEnd) => boolean): LinkStatus {
  if (exists(link.from) && exists(link.to)) return 'live';
  return link.detached ? 'detached' : 'orphaned';
}

/**
 * Highlights were deleted (or went to the trash with their document): the links that reach them are
 * marked as gone with them. The same state when no link reaches them.
 */
export function detachLinks(state: StoredLinks, gone: (end: LinkEnd) => boolean): StoredLinks {
  if (!state.links.some((l) => !l.detached && (gone(l.from) || gone(l.to)))) return state;
  return { ...state, links: state.links.map((l) => (!l.detached && (gone(l.from) || gone(l.to)) ? { ...l, detached: true } : l)) };
}

/** Highlights came back (Undo): links whose two passages are both there again are live. */
export function reattachLinks(state: StoredLinks, exists: (end: LinkEnd) => boolean): StoredLinks {
  if (!state.links.some((l) => l.detached && exists(l.from) && exists(l.to))) return state;
  return {
    ...state,
    links: state.links.map((l) => {
      if (!l.detached || !exists(l.from) || !exists(l.to)) return l;
      const { detached: _detached, ...live } = l;
      return live;
    }),
  };
}
