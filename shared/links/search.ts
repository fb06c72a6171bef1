// The search field linked: — linked:contradicts finds the highlights that have a live link with that
// relation (at either end), linked:any those with any link. Relations match by their folded key, so
// linked:"translation of" and linked:translation-of both work.
import type { StoredLinks } from './edit';
import { relationKey, type LinkEnd } from './model';

export const ANY_RELATION = 'any';

/**
 * The ids of the highlights a linked: value selects, or null when the value names no relation (the
 * message then says which there are).
 */
export function linkedAnnotationIds(links: StoredLinks, exists: (end: LinkEnd) => boolean, value: string): Set<string> | null {
  const key = relationKey(value);
  const any = key === ANY_RELATION;
  if (!any && !links.relations.some((r) => relationKey(r) === key) && !links.links.some((l) => relationKey(l.relation) === key)) return null;
  const ids = new Set<string>();
  for (const link of links.links) {
    if (!any && relationKey(link.relation) !== key) continue;
    if (!exists(link.from) || !exists(link.to)) continue;
    ids.add(link.from.annotationId);
    ids.add(link.to.annotationId);
  }
  return ids;
}
