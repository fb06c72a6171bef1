// The text of a PDF annotation's pop-up note (/Contents) for an Apostil annotation: its principles,
// its actors with their stance and its tags, one line each, then its note. Any PDF reader shows it;
// reading a PDF exported by Apostil back in, the lines are recognised and become links again (by name,
// through the codebook), so coding survives the round trip.
import type { AnnotationBody, Codebook, Stance } from '../model';
import { STANCES } from '../model';
import { foldForMatching } from '../codebooks/fold';

const PRINCIPLES = 'Principles: ';
const ACTORS = 'Actors: ';
const TAGS = 'Tags: ';

export function markContents(body: AnnotationBody, codebook: Codebook): string {
  const lines: string[] = [];
  const principles = body.principles.map((id) => codebook.principles.find((p) => p.id === id)?.name ?? id);
  const actors = body.actors.map((link) => `${codebook.actors.find((a) => a.id === link.actorId)?.name ?? link.actorId} (${link.stance})`);
  if (principles.length) lines.push(PRINCIPLES + principles.join('; '));
  if (actors.length) lines.push(ACTORS + actors.join('; '));
  if (body.tags.length) lines.push(TAGS + body.tags.join(', '));
  const note = body.note.trim();
  if (note) {
    if (lines.length) lines.push('');
    lines.push(note);
  }
  return lines.join('\n');
}

/** What a screen reader says of a mark in the reader: its kind, then its coding and note as above. */
export function describeMark(kind: 'Highlight' | 'Region', body: AnnotationBody, codebook: Codebook): string {
  return [kind, ...markContents(body, codebook).split('\n').filter(Boolean)].join('. ');
}

export interface ReadContents {
  principles: string[];
  actors: { actorId: string; stance: Stance }[];
  tags: string[];
  /** The note, with any coding line that did not resolve kept in it so nothing is lost. */
  note: string;
}

/**
 * Reads a note written by markContents: leading "Principles:", "Actors:" and "Tags:" lines whose every
 * name is in the codebook become links; everything else stays note text.
 */
export function readContents(contents: string, codebook: Codebook): ReadContents {
  const lines = contents.replace(/\r\n?/g, '\n').split('\n');
  const out: ReadContents = { principles: [], actors: [], tags: [], note: '' };
  const fold = (s: string) => foldForMatching(s).toLowerCase().trim();
  const principleByName = new Map(codebook.principles.map((p) => [fold(p.name), p.id]));
  const actorByName = new Map(codebook.actors.map((a) => [fold(a.name), a.id]));
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith(PRINCIPLES)) {
      const ids = line.slice(PRINCIPLES.length).split(';').map((name) => principleByName.get(fold(name)));
      if (ids.some((id) => id === undefined)) break;
      out.principles.push(...(ids as string[]));
    } else if (line.startsWith(ACTORS)) {
      const links = line.slice(ACTORS.length).split(';').map((entry) => {
        const match = /^(.*)\((\w+)\)\s*$/.exec(entry.trim());
        const actorId = match ? actorByName.get(fold(match[1]!)) : undefined;
        const stance = match?.[2] as Stance | undefined;
        return actorId && stance && (STANCES as readonly string[]).includes(stance) ? { actorId, stance } : null;
      });
      if (links.some((l) => l === null)) break;
      out.actors.push(...(links as { actorId: string; stance: Stance }[]));
    } else if (line.startsWith(TAGS)) {
      const tags = line.slice(TAGS.length).split(',').map((t) => t.trim()).filter(Boolean);
      if (tags.some((t) => /\s/.test(t) || t.length > 100)) break;
      out.tags.push(...tags);
    } else break;
  }
  const rest = lines.slice(i);
  if (i > 0 && rest[0] === '') rest.shift();
  out.note = rest.join('\n').trim();
  out.principles = [...new Set(out.principles)];
  out.tags = [...new Set(out.tags)];
  out.actors = out.actors.filter((a, k) => out.actors.findIndex((b) => b.actorId === a.actorId) === k);
  return out;
}
