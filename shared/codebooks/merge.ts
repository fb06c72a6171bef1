// Bringing a codebook from a file into a library that already has codes. Codes are matched by name:
// a principle with the same name in the same place (or, failing that, the only principle of that name
// anywhere), an actor with the same name or alias. Then either
// - merge: every code of the library stays; matched ones gain what they lacked (a definition, aliases),
//   the others from the file are added; or
// - replace: the file's codebook becomes the library's, but a code matched by name keeps its id, so
//   its passages stay coded with it (codes of the library the file lacks are dropped, which the store
//   refuses while passages link to them).
import type { Actor, Codebook, Principle } from '../model';
import { foldForMatching } from './fold';
import { slugId } from './ids';
import { principlesInTreeOrder } from './tree';

export type CodebookImportMode = 'merge' | 'replace';

export interface MergedCodebook {
  codebook: Codebook;
  /** Each id of the incoming codebook to the id it has in the result. */
  idMap: Map<string, string>;
  matched: number;
  added: number;
  /** Names of the library's codes the result no longer has (replace only). */
  dropped: string[];
}

const key = (name: string) => foldForMatching(name.trim()).toLowerCase();

export function mergeCodebooks(current: Codebook, incoming: Codebook, mode: CodebookImportMode): MergedCodebook {
  const idMap = new Map<string, string>();
  const taken = new Set([...current.principles, ...current.actors].map((c) => c.id));
  const freshId = (name: string, preferred: string) => {
    const id = taken.has(preferred) ? slugId(name, taken) : preferred;
    taken.add(id);
    return id;
  };

  // Principles, parents before children, so each one's parent is already placed.
  const byName = new Map<string, Principle[]>();
  for (const p of current.principles) (byName.get(key(p.name)) ?? byName.set(key(p.name), []).get(key(p.name))!).push(p);
  const principles: Principle[] = mode === 'merge' ? current.principles.map((p) => ({ ...p })) : [];
  const usedMatches = new Set<string>();
  let matched = 0;
  let added = 0;
  for (const { principle: p } of principlesInTreeOrder(incoming.principles)) {
    const parentId = p.parentId === null ? null : (idMap.get(p.parentId) ?? null);
    const candidates = (byName.get(key(p.name)) ?? []).filter((c) => !usedMatches.has(c.id));
    const match = candidates.find((c) => c.parentId === parentId) ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (match) {
      usedMatches.add(match.id);
      idMap.set(p.id, match.id);
      matched++;
      if (mode === 'merge') {
        const kept = principles.find((x) => x.id === match.id)!;
        for (const field of ['description', 'whenToUse', 'whenNotToUse', 'example'] as const) if (!kept[field].trim()) kept[field] = p[field];
      } else principles.push({ ...p, id: match.id, parentId });
      continue;
    }
    const id = freshId(p.name, p.id);
    idMap.set(p.id, id);
    added++;
    principles.push({ ...p, id, parentId });
  }

  // Actors: by name or alias, either way round.
  const actors: Actor[] = mode === 'merge' ? current.actors.map((a) => ({ ...a, aliases: [...a.aliases] })) : [];
  const names = (a: Actor) => [a.name, ...a.aliases].map(key);
  const usedActors = new Set<string>();
  for (const a of incoming.actors) {
    const match = current.actors.find((c) => !usedActors.has(c.id) && names(c).some((n) => names(a).includes(n)));
    if (match) {
      usedActors.add(match.id);
      idMap.set(a.id, match.id);
      matched++;
      if (mode === 'merge') {
        // Aliases are compared as written: "Nato" beside "NATO" is deliberate (see mentions.ts).
        const kept = actors.find((x) => x.id === match.id)!;
        kept.aliases = [...new Set([...kept.aliases, a.name, ...a.aliases])].filter((alias) => alias !== kept.name).slice(0, 100);
      } else actors.push({ ...a, id: match.id });
      continue;
    }
    const id = freshId(a.name, a.id);
    idMap.set(a.id, id);
    added++;
    actors.push({ ...a, id });
  }

  const kept = new Set([...principles, ...actors].map((c) => c.id));
  const dropped = mode === 'replace' ? [...current.principles, ...current.actors].filter((c) => !kept.has(c.id)).map((c) => c.name) : [];
  return { codebook: { ...current, principles, actors }, idMap, matched, added, dropped };
}
