// Conflicting versions of a synced document, described for the user in a line of words for every kind,
// and merged where that is clear: two versions of an annotation merge into one with both sides' codes,
// actors and tags, and both notes; of a memo, into one with both texts; of a document's tags, into all
// of them. Other kinds (document details, codebook entries, variables…) are resolved by keeping one.
import type { PassageLink } from '../links/model';
import type { Memo } from '../memos/model';
import type { Actor, Annotation, Collection, Principle } from '../model';
import type { DocumentVariable } from '../variables/model';
import { SYNC_KINDS, type SyncBody, type SyncKind } from './sync-docs';

/** Names for ids a version refers to (principles, actors, variables, documents), where this library knows them. */
export type NameOf = (id: string) => string | undefined;

const clip = (text: string, n = 200) => (text.length > n ? `${text.slice(0, n)}…` : text);
const when = (iso: unknown) => (typeof iso === 'string' && iso ? `changed ${iso.slice(0, 16).replace('T', ' ')}` : '');
const list = (items: readonly string[], none: string) => (items.length ? items.join(', ') : none);

/** One version in a line of words. */
export function summarise(kind: SyncKind, body: SyncBody | null, nameOf: NameOf = () => undefined): string {
  if (body === null) return 'Deleted';
  const name = (id: string) => nameOf(id) ?? id;
  const b = body as Record<string, unknown>;
  let parts: unknown[];
  switch (kind) {
    case 'annotation': {
      const a = body as unknown as Annotation;
      const quote = a.target.selector.find((s) => s.type === 'TextQuoteSelector');
      parts = [
        quote && 'exact' in quote ? `“${clip(quote.exact, 120)}”` : 'A region of a page',
        a.body.principles.length ? `codes: ${a.body.principles.map(name).join(', ')}` : 'no codes',
        a.body.actors.length ? `actors: ${a.body.actors.map((x) => `${name(x.actorId)} (${x.stance})`).join(', ')}` : '',
        a.body.tags.length ? `tags: ${a.body.tags.join(', ')}` : '',
        a.body.note ? `note: ${clip(a.body.note)}` : '',
        when(a.modified),
      ];
      break;
    }
    case 'document': {
      const d = body as { metadata: { title: string; authors: string[]; date: string | null; publication: string | null } };
      parts = [`“${d.metadata.title}”`, d.metadata.authors.join(', '), d.metadata.date, d.metadata.publication];
      break;
    }
    case 'principle': {
      const p = body as unknown as Principle;
      parts = [p.name, p.parentId ? `under ${name(p.parentId)}` : 'at the top', p.description ? `definition: ${clip(p.description)}` : 'no definition', `colour ${p.color}`];
      break;
    }
    case 'actor': {
      const a = body as unknown as Actor;
      parts = [a.name, a.kind.replace(/-/g, ' '), a.aliases.length ? `also: ${a.aliases.join(', ')}` : ''];
      break;
    }
    case 'codebookSettings':
      parts = [`Highlights ${b.colorByPrinciple ? 'take the colour of their first principle' : 'keep their own colours'}`];
      break;
    case 'collection': {
      const c = (body as { collection: Collection }).collection;
      parts = [`“${c.name}”`, c.parentId ? `inside ${name(c.parentId)}` : 'at the top', `${c.documentIds.length} document${c.documentIds.length === 1 ? '' : 's'}`];
      break;
    }
    case 'documentTags':
      parts = [`Tags: ${list((body as { tags: string[] }).tags, 'none')}`];
      break;
    case 'memo': {
      const m = body as unknown as Omit<Memo, 'modified'>;
      parts = [`“${m.title}”`, m.body.trim() ? clip(m.body.trim()) : 'no text'];
      break;
    }
    case 'variable': {
      const v = (body as { variable: DocumentVariable }).variable;
      parts = [v.name, v.type, v.choices.length ? `choices: ${v.choices.join(', ')}` : ''];
      break;
    }
    case 'variableValues':
      parts = [list(Object.entries((body as { values: Record<string, unknown> }).values).map(([id, value]) => `${name(id)}: ${String(value)}`), 'No values')];
      break;
    case 'link': {
      const l = body as unknown as PassageLink;
      parts = [`${name(l.from.annotationId)} ${l.relation} ${name(l.to.annotationId)}`, l.note ? `note: ${clip(l.note)}` : 'no note', when(l.modified)];
      break;
    }
    case 'linkRelations':
      parts = [`Relations: ${list((body as { relations: string[] }).relations, 'none')}`];
      break;
  }
  return parts.filter((x) => typeof x === 'string' && x).join(' · ');
}

/** What a conflicting document is, for the list: "Memo “Reading notes”", "Annotation in “Paris Call”". */
export function conflictLabel(kind: SyncKind, id: string, body: SyncBody | null, nameOf: NameOf): string {
  const rest = id.slice(SYNC_KINDS[kind].prefix.length);
  const of = (documentId: string, what: string) => (nameOf(documentId) ? `${what} “${nameOf(documentId)}”` : what);
  const b = (body ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const named = (what: string, name: unknown) => (typeof name === 'string' && name ? `${what} “${name}”` : what);
  switch (kind) {
    case 'annotation':
      return of(rest.split(':')[0]!, 'Annotation in');
    case 'document':
      return of(rest, 'Details of');
    case 'principle':
      return named('Principle', b.name);
    case 'actor':
      return named('Actor', b.name);
    case 'codebookSettings':
      return 'Codebook setting';
    case 'collection':
      return named('Collection', b.collection?.name);
    case 'documentTags':
      return of(rest, 'Tags of');
    case 'memo':
      return named('Memo', b.title);
    case 'variable':
      return named('Document variable', b.variable?.name);
    case 'variableValues':
      return of(rest, 'Variable values of');
    case 'link':
      return 'Link between passages';
    case 'linkRelations':
      return 'List of link relations';
  }
}

/** What merging the versions of a kind does, in words for its button; null where a merge makes no sense (keep one). */
export function mergeDescription(kind: SyncKind): string | null {
  return { annotation: 'all codes, tags and both notes', memo: 'both texts, one after the other', documentTags: 'every tag of each' }[kind as string] ?? null;
}

/** The versions (two or more, none deleted) merged into one, for the kinds mergeDescription names. */
export function mergeVersions(kind: SyncKind, versions: readonly SyncBody[]): SyncBody {
  if (versions.length < 2 || !mergeDescription(kind)) throw new Error('These versions cannot be merged: keep one of them.');
  if (kind === 'annotation') return mergeAnnotations(versions as unknown as Annotation[]) as unknown as SyncBody;
  if (kind === 'documentTags') return { tags: [...new Set(versions.flatMap((v) => (v as { tags: string[] }).tags))] };
  const memos = versions as unknown as Omit<Memo, 'modified'>[];
  const texts: string[] = [];
  for (const m of memos) if (m.body.trim() && !texts.includes(m.body.trim())) texts.push(m.body.trim());
  const titles = [...new Set(memos.map((m) => m.title))];
  return { ...memos[0]!, title: clip(titles.join(' / '), 480), body: texts.join('\n\n---\n\n') };
}

/** Two or more versions of one annotation as one: every code, actor and tag of either, both notes. */
export function mergeAnnotations(versions: readonly Annotation[]): Annotation {
  const [first, ...rest] = versions;
  if (!first) throw new Error('Nothing to merge.');
  const notes: string[] = [];
  for (const v of versions) if (v.body.note.trim() && !notes.includes(v.body.note)) notes.push(v.body.note);
  const actors = new Map<string, Annotation['body']['actors'][number]>();
  for (const v of versions) for (const link of v.body.actors) if (!actors.has(link.actorId)) actors.set(link.actorId, link);
  return {
    ...first,
    body: {
      ...first.body,
      note: notes.join('\n\n'),
      tags: [...new Set(versions.flatMap((v) => v.body.tags))],
      principles: [...new Set(versions.flatMap((v) => v.body.principles))],
      actors: [...actors.values()],
    },
    modified: [first, ...rest].map((v) => v.modified).sort().at(-1)!,
  };
}
