// How often each principle and actor is linked, and which principles are linked to the same passages.
import { STANCES, type Actor, type Codebook, type Principle } from '../model';
import { emptyStanceCounts, type StanceCounts, type Tally } from './tally';

export interface PrincipleFrequency {
  principle: Principle;
  count: number;
}

export interface ActorFrequency {
  actor: Actor;
  count: number;
  counts: StanceCounts;
}

export interface CodeFrequencies {
  principles: PrincipleFrequency[];
  /** Actors linked at least once, most linked first. */
  actors: ActorFrequency[];
}

export function codeFrequencies(tally: Tally, codebook: Codebook): CodeFrequencies {
  const actors = codebook.actors.map((actor): ActorFrequency => {
    const counts = { ...(tally.actors.get(actor.id) ?? emptyStanceCounts()) };
    return { actor, count: STANCES.reduce((sum, s) => sum + counts[s], 0), counts };
  });
  return {
    principles: codebook.principles.map((principle) => ({ principle, count: tally.principles.get(principle.id) ?? 0 })),
    actors: actors.filter((a) => a.count > 0).sort((a, b) => b.count - a.count || a.actor.name.localeCompare(b.actor.name)),
  };
}

export interface CoOccurrence {
  principles: Principle[];
  /** counts[i][j]: passages linked to both principle i and j; the diagonal holds each one's own count. */
  counts: number[][];
  /** The largest count off the diagonal. */
  max: number;
}

export function principleCoOccurrence(tally: Tally, codebook: Codebook): CoOccurrence {
  const principles = codebook.principles;
  const counts = principles.map((p) => principles.map((q) => tally.pairs.get(p.id)?.get(q.id) ?? 0));
  let max = 0;
  counts.forEach((row, i) => row.forEach((n, j) => i !== j && (max = Math.max(max, n))));
  return { principles, counts, max };
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
