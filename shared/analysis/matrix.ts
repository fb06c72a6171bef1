// Principle × actor: how many passages link each principle to each actor, split by the actor's stance.
import { STANCES, type Actor, type ActorKind, type Codebook, type Principle } from '../model';
import { emptyStanceCounts, type StanceCounts, type Tally } from './tally';

export { emptyStanceCounts, type StanceCounts } from './tally';

export interface MatrixCell {
  principleId: string;
  actorId: string;
  counts: StanceCounts;
  total: number;
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

/**
 * A passage counts once in the cell of every (principle, actor) pair it links, under the stance it
 * gives that actor. Links to principles or actors missing from the codebook are not counted.
 */
export function buildMatrix(tally: Tally, codebook: Codebook, options: MatrixOptions = {}): PrincipleActorMatrix {
  const kinds = options.actorKinds?.length ? new Set(options.actorKinds) : null;
  const candidates = codebook.actors.filter((a) => !kinds || kinds.has(a.kind));
  const principles = codebook.principles;
  const full = principles.map((p) => {
    const row = tally.matrix.get(p.id);
    return candidates.map((a): MatrixCell => {
      const counts = { ...(row?.get(a.id) ?? emptyStanceCounts()) };
      return { principleId: p.id, actorId: a.id, counts, total: STANCES.reduce((sum, s) => sum + counts[s], 0) };
    });
  });
  const keep = candidates.map((_, column) => options.hideEmptyActors === false || full.some((row) => row[column]!.total > 0));
  const actors = candidates.filter((_, column) => keep[column]);
  const cells = full.map((row) => row.filter((_, column) => keep[column]));
  const max = Math.max(0, ...cells.flat().map((c) => c.total));
  return { principles, actors, cells, max };
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
