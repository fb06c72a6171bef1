// Principle × actor: how many passages link each principle to each actor, split by the actor's stance.
import { STANCES, type Actor, type ActorKind, type Codebook, type Principle, type Stance } from '../model';
import type { CodedPassage } from './passages';

export type StanceCounts = Record<Stance, number>;

export interface MatrixCell {
  principleId: string;
  actorId: string;
  counts: StanceCounts;
  total: number;
  /** The passages counted here, in the order given. */
  passageIds: string[];
}

export interface PrincipleActorMatrix {
  principles: Principle[];
  actors: Actor[];
  /** cells[row][column]: row = principle, column = actor. */
  cells: MatrixCell[][];
  /** The largest cell total, for the colour scale. */
  max: number;
}

export interface MatrixOptions {
  /** Only actors of these kinds; empty or absent for all. */
  actorKinds?: readonly ActorKind[];
  /** Leave out actors no passage links to a principle (default true: codebooks hold many actors). */
  hideEmptyActors?: boolean;
}

export function emptyStanceCounts(): StanceCounts {
  return { supports: 0, opposes: 0, mixed: 0, mentions: 0 };
}

/**
 * A passage counts once in the cell of every (principle, actor) pair it links, under the stance it
 * gives that actor. Links to principles or actors missing from the codebook are not counted.
 */
export function buildMatrix(passages: readonly CodedPassage[], codebook: Codebook, options: MatrixOptions = {}): PrincipleActorMatrix {
  const kinds = options.actorKinds?.length ? new Set(options.actorKinds) : null;
  const candidates = codebook.actors.filter((a) => !kinds || kinds.has(a.kind));
  const principles = codebook.principles;
  const rowOf = new Map(principles.map((p, i) => [p.id, i]));
  const columnOf = new Map(candidates.map((a, i) => [a.id, i]));
  const full = principles.map((p) => candidates.map((a) => newCell(p.id, a.id)));
  for (const passage of passages) {
    const links = uniqueActorLinks(passage);
    for (const principleId of new Set(passage.principles)) {
      const row = rowOf.get(principleId);
      if (row === undefined) continue;
      for (const link of links) {
        const column = columnOf.get(link.actorId);
        if (column === undefined) continue;
        const cell = full[row]![column]!;
        cell.counts[link.stance]++;
        cell.total++;
        cell.passageIds.push(passage.annotationId);
      }
    }
  }
  const keep = candidates.map((_, column) => options.hideEmptyActors === false || full.some((row) => row[column]!.total > 0));
  const actors = candidates.filter((_, column) => keep[column]);
  const cells = full.map((row) => row.filter((_, column) => keep[column]));
  const max = Math.max(0, ...cells.flat().map((c) => c.total));
  return { principles, actors, cells, max };
}

/** An actor linked twice to one passage counts once, with its first stance. */
export function uniqueActorLinks(passage: CodedPassage): CodedPassage['actors'] {
  const seen = new Set<string>();
  return passage.actors.filter((link) => !seen.has(link.actorId) && seen.add(link.actorId));
}

function newCell(principleId: string, actorId: string): MatrixCell {
  return { principleId, actorId, counts: emptyStanceCounts(), total: 0, passageIds: [] };
}

/** The matrix as rows of a long table: one row per non-empty cell. */
export function matrixTable(matrix: PrincipleActorMatrix): (string | number)[][] {
  const header = ['principle', 'actor', 'actor_kind', ...STANCES, 'total'];
  const rows: (string | number)[][] = [header];
  matrix.cells.forEach((row, i) =>
    row.forEach((cell, j) => {
      if (cell.total === 0) return;
      const actor = matrix.actors[j]!;
      rows.push([matrix.principles[i]!.name, actor.name, actor.kind, ...STANCES.map((s) => cell.counts[s]), cell.total]);
    }),
  );
  return rows;
}
