// Reading links.json back: each link is judged on its own, so one bad entry never sinks the rest.
// Entries that cannot be used are returned to be set aside (the caller keeps them in the quarantine);
// repairs that lose nothing (a relation missing from the list is added to it) are made and listed.
import { z } from 'zod';
import type { CheckedFile } from '../collections/check';
import { describeZodError } from '../schemas';
import type { StoredLinks } from './edit';
import { DEFAULT_RELATIONS, LINKS_FORMAT_VERSION, MAX_RELATIONS, passageLinkSchema, relationSchema, type PassageLink } from './model';

/** The file's outer shape: what must hold for any entry in it to be read. */
export const linksFileShape = z.object({ version: z.literal(LINKS_FORMAT_VERSION), relations: z.array(z.unknown()), links: z.array(z.unknown()) });

export function emptyLinks(): StoredLinks {
  return { relations: [...DEFAULT_RELATIONS], links: [] };
}

export function checkLinksFile(file: z.output<typeof linksFileShape>): CheckedFile<StoredLinks> {
  const invalid: CheckedFile<unknown>['invalid'] = [];
  const repairs: string[] = [];
  const relations: string[] = [];
  const has = (r: string) => relations.some((x) => x.localeCompare(r, undefined, { sensitivity: 'base' }) === 0);
  for (const entry of file.relations) {
    const parsed = relationSchema.safeParse(entry);
    if (!parsed.success) invalid.push({ entry: { relation: entry }, reason: `a relation ${describeZodError(parsed.error)}` });
    else if (has(parsed.data)) repairs.push(`The relation “${parsed.data}” was listed twice; it is listed once now.`);
    else relations.push(parsed.data);
  }
  const links: PassageLink[] = [];
  const ids = new Set<string>();
  for (const entry of file.links) {
    const parsed = passageLinkSchema.safeParse(entry);
    if (!parsed.success) {
      invalid.push({ entry, reason: describeZodError(parsed.error) });
      continue;
    }
    const link = parsed.data;
    if (ids.has(link.id)) {
      invalid.push({ entry, reason: `the id ${link.id} is used by another link` });
      continue;
    }
    ids.add(link.id);
    if (!has(link.relation)) {
      if (relations.length >= MAX_RELATIONS) {
        invalid.push({ entry, reason: `its relation “${link.relation}” is not in the list, which is full` });
        continue;
      }
      relations.push(link.relation);
      repairs.push(`The relation “${link.relation}” of a link was not in the list of relations; it was added.`);
    }
    links.push(link);
  }
  if (relations.length === 0) {
    relations.push(...DEFAULT_RELATIONS);
    repairs.push('The list of relations was empty; the usual relations were put in it.');
  }
  return { value: { relations, links }, invalid, repairs };
}
