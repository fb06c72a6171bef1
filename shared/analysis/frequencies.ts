// How often each principle and actor is linked, and which principles are linked to the same passages.
import { STANCES, type Actor, type Codebook, type Principle, type Stance } from '../model';
import { emptyStanceCounts, uniqueActorLinks, type StanceCounts } from './matrix';
import type { CodedPassage } from './passages';

export interface PrincipleFrequency {
  principle: Principle;
  count: number;
  passageIds: string[];
}

export interface ActorFrequency {
  actor: Actor;
  count: number;
  counts: StanceCounts;
  passageIds: string[];
  /** The passages behind each stance's count. */
  byStance: Record<Stance, string[]>;
}

export interface CodeFrequencies {
  principles: PrincipleFrequency[];
  /** Actors linked at least once, most linked first. */
  actors: ActorFrequency[];
}

export function codeFrequencies(passages: readonly CodedPassage[], codebook: Codebook): CodeFrequencies {
  const principles = new Map(codebook.principles.map((p) => [p.id, { principle: p, count: 0, passageIds: [] as string[] }]));
  const actors = new Map<string, ActorFrequency>(
    codebook.actors.map((a) => [a.id, { actor: a, count: 0, counts: emptyStanceCounts(), passageIds: [], byStance: { supports: [], opposes: [], mixed: [], mentions: [] } }]),
  );
  for (const passage of passages) {
    for (const id of new Set(passage.principles)) {
      const entry = principles.get(id);
      if (!entry) continue;
      entry.count++;
      entry.passageIds.push(passage.annotationId);
    }
    for (const link of uniqueActorLinks(passage)) {
      const entry = actors.get(link.actorId);
      if (!entry) continue;
      entry.count++;
      entry.counts[link.stance]++;
      entry.passageIds.push(passage.annotationId);
      entry.byStance[link.stance].push(passage.annotationId);
    }
  }
  return {
    principles: [...principles.values()],
    actors: [...actors.values()].filter((a) => a.count > 0).sort((a, b) => b.count - a.count || a.actor.name.localeCompare(b.actor.name)),
  };
}

export interface CoOccurrence {
  principles: Principle[];
  /** counts[i][j]: passages linked to both principle i and j; the diagonal holds each one's own count. */
  counts: number[][];
  /** passageIds[i][j]: those passages. */
  passageIds: string[][][];
  /** The largest count off the diagonal. */
  max: number;
}

export function principleCoOccurrence(passages: readonly CodedPassage[], codebook: Codebook): CoOccurrence {
  const principles = codebook.principles;
  const index = new Map(principles.map((p, i) => [p.id, i]));
  const counts = principles.map(() => principles.map(() => 0));
  const passageIds = principles.map(() => principles.map(() => [] as string[]));
  for (const passage of passages) {
    const linked = [...new Set(passage.principles)].map((id) => index.get(id)).filter((i): i is number => i !== undefined);
    for (const i of linked) {
      for (const j of linked) {
        counts[i]![j]!++;
        passageIds[i]![j]!.push(passage.annotationId);
      }
    }
  }
  let max = 0;
  counts.forEach((row, i) => row.forEach((n, j) => i !== j && (max = Math.max(max, n))));
  return { principles, counts, passageIds, max };
}

export function frequencyTable(frequencies: CodeFrequencies): (string | number)[][] {
  return [
    ['code_type', 'code', 'passages', ...STANCES],
    ...frequencies.principles.map((f) => ['principle', f.principle.name, f.count, '', '', '', '']),
    ...frequencies.actors.map((f) => ['actor', f.actor.name, f.count, ...STANCES.map((s) => f.counts[s])]),
  ];
}

export function coOccurrenceTable(co: CoOccurrence): (string | number)[][] {
  return [['principle', ...co.principles.map((p) => p.name)], ...co.principles.map((p, i) => [p.name, ...co.counts[i]!])];
}
