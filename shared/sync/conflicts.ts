// Conflicting versions of a synced document, described for the user, and merged where that is clear:
// two versions of an annotation merge into one with both sides' codes, actors and tags, and both notes.
import type { Annotation } from '../model';
import type { SyncBody, SyncKind } from './sync-docs';

/** One version in a line of words. */
export function summarise(kind: SyncKind, body: SyncBody | null): string {
  if (body === null) return 'Deleted';
  switch (kind) {
    case 'annotation': {
      const a = body as unknown as Annotation;
      const quote = a.target.selector.find((s) => s.type === 'TextQuoteSelector');
      const parts = [
        quote && 'exact' in quote ? `“${quote.exact.slice(0, 120)}”` : 'A region of a page',
        a.body.principles.length ? `codes: ${a.body.principles.join(', ')}` : 'no codes',
        a.body.actors.length ? `actors: ${a.body.actors.map((x) => `${x.actorId} (${x.stance})`).join(', ')}` : '',
        a.body.tags.length ? `tags: ${a.body.tags.join(', ')}` : '',
        a.body.note ? `note: ${a.body.note.slice(0, 200)}` : '',
        `changed ${a.modified.slice(0, 16).replace('T', ' ')}`,
      ];
      return parts.filter(Boolean).join(' · ');
    }
    case 'document': {
      const d = body as { metadata: { title: string; authors: string[]; date: string | null } };
      return [d.metadata.title, d.metadata.authors.join(', '), d.metadata.date ?? ''].filter(Boolean).join(' · ');
    }
    case 'principle':
    case 'actor':
      return String((body as { name?: unknown }).name ?? '');
    default:
      return JSON.stringify(body).slice(0, 200);
  }
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
