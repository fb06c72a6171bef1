// Links between passages read back from a W3C file (its `linking` annotations): each end is the
// highlight the file names, under the id this import gave it or one the library already had. A link is
// made when both ends are in the library, keeping the file's id, relation (added to the list when new),
// note and dates; one the library has (same id, or the same two passages with the same relation) is
// counted, never doubled; one whose passages are not both here is reported and left out.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { IncomingPassageLink } from '../../../shared/interchange/w3c-links-import';
import { MAX_LINK_NOTE, MAX_RELATIONS, passageLinkSchema, sameEnd, type LinkEnd } from '../../../shared/links/model';
import type { Annotation } from '../../../shared/model';
import { idSchema } from '../../../shared/schemas';
import type { LibraryStore } from '../library/store';

export interface LinkImportOutcome {
  added: number;
  present: number;
}

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;

export async function importPassageLinks(
  store: LibraryStore,
  incoming: readonly IncomingPassageLink[],
  /** File id → library id of each highlight of the file that is in the library now. */
  ids: ReadonlyMap<string, string>,
  annotations: ReadonlyMap<string, Annotation>,
  skip: (reason: string) => void,
): Promise<LinkImportOutcome> {
  const outcome: LinkImportOutcome = { added: 0, present: 0 };
  const endOf = (fileId: string): LinkEnd | null => {
    const annotationId = ids.get(fileId) ?? fileId;
    const annotation = annotations.get(annotationId);
    const end = annotation ? { documentId: annotation.documentId, annotationId } : null;
    return end && store.links.exists(end) ? end : null;
  };
  for (const link of incoming) {
    const from = endOf(link.from);
    const to = endOf(link.to);
    if (!from || !to) {
      skip('links whose two passages are not both in the library (import the annotations they link first, then this file again)');
      continue;
    }
    if (sameEnd(from, to)) {
      skip('links from a passage to itself');
      continue;
    }
    const { relations, links } = store.links.stored();
    const fileId = link.id !== null && idSchema.safeParse(link.id).success ? link.id : null;
    const twin = links.some(
      (l) => (fileId !== null && l.id === fileId) || (!l.detached && sameName(l.relation, link.relation) && ((sameEnd(l.from, from) && sameEnd(l.to, to)) || (sameEnd(l.from, to) && sameEnd(l.to, from)))),
    );
    if (twin) {
      outcome.present++;
      continue;
    }
    const known = relations.find((r) => sameName(r, link.relation));
    if (!known && relations.length >= MAX_RELATIONS) {
      skip(`links with a relation the library does not have, when it already has ${MAX_RELATIONS} (the most it holds)`);
      continue;
    }
    const now = new Date().toISOString();
    const created = isoOrNull(link.created) ?? now;
    const parsed = passageLinkSchema.safeParse({
      id: fileId ?? randomUUID(),
      from,
      to,
      relation: known ?? link.relation,
      note: link.note.slice(0, MAX_LINK_NOTE),
      created,
      modified: isoOrNull(link.modified) ?? created,
    });
    if (!parsed.success) {
      skip('links whose relation is not a usable name (1 to 60 characters, no quotes or line breaks)');
      continue;
    }
    try {
      await store.links.edit({ op: 'restore', link: parsed.data });
      outcome.added++;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      skip(`links the library could not take (${error.message})`);
    }
  }
  return outcome;
}

function isoOrNull(value: string | null): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
