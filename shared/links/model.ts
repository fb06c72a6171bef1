// Links between passages: one highlight linked to another (in the same or another document) with a
// relation ("supports", "contradicts"…) and an optional note. Stored in the library's links.json with
// the list of relations offered (editable, like the codebook: it belongs to the library, not the app).
import { z } from 'zod';
import { idSchema } from '../schemas';

export const LINKS_FORMAT_VERSION = 1;

/** The relations a new library offers; the user may rename, add and remove them. */
export const DEFAULT_RELATIONS: readonly string[] = ['supports', 'contradicts', 'elaborates', 'cites', 'amends', 'translation of'];

export const MAX_RELATIONS = 50;
export const MAX_LINKS = 100_000;
export const MAX_LINK_NOTE = 5_000;

export const relationSchema = z
  .string()
  .trim()
  .min(1, 'a relation needs a name')
  .max(60, 'a relation name is at most 60 characters')
  .regex(/^[^"\n\r\t]+$/, 'a relation name cannot hold quotes or line breaks');

/** One end of a link: a highlight, by its document and its id. */
export const linkEndSchema = z.strictObject({ documentId: idSchema, annotationId: idSchema });
export type LinkEnd = z.output<typeof linkEndSchema>;

export const passageLinkSchema = z.strictObject({
  id: idSchema,
  /** Read as "from <relation> to": the passage `from` supports the passage `to`. */
  from: linkEndSchema,
  to: linkEndSchema,
  relation: relationSchema,
  note: z.string().max(MAX_LINK_NOTE),
  created: z.string().max(40),
  modified: z.string().max(40),
  /**
   * Set when one of its passages was deleted in Apostil (or went to the trash with its document): the
   * link went with it and comes back when the passage does (Undo). A link that lost a passage without
   * this mark lost it outside Apostil: it is orphaned and reported in Library health.
   */
  detached: z.literal(true).optional(),
});
export type PassageLink = z.output<typeof passageLinkSchema>;

/**
 * A link as listed: 'live' when both passages are in the library; 'detached' when one was deleted here
 * (hidden until it comes back); 'orphaned' when one is missing for another reason.
 */
export type LinkStatus = 'live' | 'detached' | 'orphaned';

export interface EndView extends LinkEnd {
  /** The quoted text of the highlight ("" for a region of a PDF), null when the highlight is missing. */
  quote: string | null;
}

export interface ListedLink extends Omit<PassageLink, 'from' | 'to' | 'detached'> {
  from: EndView;
  to: EndView;
  status: LinkStatus;
}

/** What the Links view and the reader show: the relations offered and every link (detached ones left out). */
export interface LinksState {
  relations: string[];
  links: ListedLink[];
}

/** A relation as a search value: folded, runs of non-letters as "-" ("Translation of" → "translation-of"). */
export function relationKey(relation: string): string {
  return relation
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
}

export const sameEnd = (a: LinkEnd, b: LinkEnd) => a.documentId === b.documentId && a.annotationId === b.annotationId;

/** The links of one highlight, with the other end and whether this highlight is the link's source. */
export function linksOfPassage(links: readonly ListedLink[], annotationId: string): { link: ListedLink; other: EndView; outgoing: boolean }[] {
  const found: { link: ListedLink; other: EndView; outgoing: boolean }[] = [];
  for (const link of links) {
    if (link.from.annotationId === annotationId) found.push({ link, other: link.to, outgoing: true });
    else if (link.to.annotationId === annotationId) found.push({ link, other: link.from, outgoing: false });
  }
  return found;
}
