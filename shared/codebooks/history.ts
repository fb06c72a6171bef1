// Undo and redo of codebook changes. A step remembers the codebook before and after and, for each
// passage it recoded, its links before and after. Undoing puts back the old codebook and the old
// links only: a note or colour edited since is kept. A step is undone only while what it made is still
// there; when the codebook or a passage's links changed since, undo says so and changes nothing.
import { AppError } from '../errors';
import type { Annotation, AnnotationBody, Codebook } from '../model';

type Links = Pick<AnnotationBody, 'principles' | 'actors'>;

export interface CodebookStep {
  summary: string;
  before: Codebook;
  after: Codebook;
  recoded: { annotationId: string; documentId: string; before: Links; after: Links }[];
}

/** The step a change made: `previous` holds the recoded annotations as they were. */
export function stepOf(
  summary: string,
  before: Codebook,
  after: Codebook,
  recoded: readonly Annotation[],
  previous: ReadonlyMap<string, Annotation>,
): CodebookStep {
  return {
    summary,
    before,
    after,
    recoded: recoded.map((a) => {
      const old = previous.get(a.id);
      return { annotationId: a.id, documentId: a.documentId, before: linksOf(old ?? a), after: linksOf(a) };
    }),
  };
}

/**
 * What undoing (or redoing) a step writes: the codebook as it was, and each recoded passage that is
 * still there with its links as they were. Throws when the library moved on since the step.
 */
export function reverse(
  step: CodebookStep,
  direction: 'undo' | 'redo',
  current: { codebook: Codebook; annotations: ReadonlyMap<string, Annotation> },
): { codebook: Codebook; annotations: Annotation[] } {
  const [from, to] = direction === 'undo' ? [step.after, step.before] : [step.before, step.after];
  const verb = direction === 'undo' ? 'undone' : 'redone';
  if (!sameJson(current.codebook, from)) {
    throw new AppError('invalid-input', `The codebook has changed since “${step.summary}”, so it can no longer be ${verb}.`);
  }
  const annotations: Annotation[] = [];
  let changedSince = 0;
  for (const entry of step.recoded) {
    const annotation = current.annotations.get(entry.annotationId);
    if (!annotation) continue; // deleted since: nothing to put back
    const [now, then] = direction === 'undo' ? [entry.after, entry.before] : [entry.before, entry.after];
    if (!sameJson(linksOf(annotation), now)) changedSince++;
    else annotations.push({ ...annotation, body: { ...annotation.body, ...then } });
  }
  if (changedSince > 0) {
    throw new AppError(
      'invalid-input',
      `${changedSince} passage${changedSince === 1 ? '' : 's'} that “${step.summary}” recoded ${changedSince === 1 ? 'has' : 'have'} been recoded since; it cannot be ${verb} without undoing that too.`,
    );
  }
  return { codebook: to, annotations };
}

function linksOf(annotation: Annotation): Links {
  return { principles: annotation.body.principles, actors: annotation.body.actors };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
