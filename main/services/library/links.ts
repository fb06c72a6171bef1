// Annotations link to codebook entries by id; a codebook that would leave a link dangling is refused.
import { AppError } from '../../../shared/errors';
import type { Annotation, Codebook } from '../../../shared/model';

/** The principle and actor ids of an annotation that the codebook does not have. */
function unknownIds(annotation: Annotation, principles: ReadonlySet<string>, actors: ReadonlySet<string>): string[] {
  return [
    ...annotation.body.principles.filter((id) => !principles.has(id)),
    ...annotation.body.actors.map((a) => a.actorId).filter((id) => !actors.has(id)),
  ];
}

/** Counts, per id missing from a codebook, the annotations that link to it; fed one annotation at a time. */
export class DanglingLinks {
  private readonly principles: Set<string>;
  private readonly actors: Set<string>;
  private readonly missing = new Map<string, number>();

  constructor(codebook: Codebook) {
    this.principles = new Set(codebook.principles.map((p) => p.id));
    this.actors = new Set(codebook.actors.map((a) => a.id));
  }

  add(annotations: Iterable<Annotation>): void {
    for (const annotation of annotations) {
      for (const id of unknownIds(annotation, this.principles, this.actors)) this.missing.set(id, (this.missing.get(id) ?? 0) + 1);
    }
  }

  /** Refuses the codebook, naming what would dangle, if anything does. */
  refuse(): void {
    if (this.missing.size === 0) return;
    const list = [...this.missing].slice(0, 10).map(([id, n]) => `${id} (${n} annotation${n === 1 ? '' : 's'})`);
    throw new AppError(
      'invalid-input',
      `The codebook cannot drop principles or actors that annotations link to: ${list.join(', ')}. Remove those links first.`,
    );
  }
}

/** Every link of every annotation points into the codebook, or the change is refused, naming what would dangle. */
export function checkLinks(annotations: Iterable<Annotation>, codebook: Codebook): void {
  const dangling = new DanglingLinks(codebook);
  dangling.add(annotations);
  dangling.refuse();
}

/** An annotation may only link to what the codebook has. */
export function checkAnnotationLinks(annotation: Annotation, codebook: Codebook): void {
  const unknown = unknownIds(
    annotation,
    new Set(codebook.principles.map((p) => p.id)),
    new Set(codebook.actors.map((a) => a.id)),
  );
  if (unknown.length) throw new AppError('invalid-input', `The codebook has no principle or actor with id ${unknown.join(', ')}.`);
}
