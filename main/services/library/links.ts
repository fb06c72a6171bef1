// Annotations link to codebook entries by id; a codebook that would leave a link dangling is refused.
import { AppError } from '../../../shared/errors';
import type { Annotation, Codebook } from '../../../shared/model';

/** Every link of every annotation points into the codebook, or the change is refused, naming what would dangle. */
export function checkLinks(annotations: readonly Annotation[], codebook: Codebook): void {
  const principles = new Set(codebook.principles.map((p) => p.id));
  const actors = new Set(codebook.actors.map((a) => a.id));
  const missing = new Map<string, number>();
  for (const annotation of annotations) {
    const ids = [
      ...annotation.body.principles.filter((id) => !principles.has(id)),
      ...annotation.body.actors.map((a) => a.actorId).filter((id) => !actors.has(id)),
    ];
    for (const id of ids) missing.set(id, (missing.get(id) ?? 0) + 1);
  }
  if (missing.size > 0) {
    const list = [...missing].slice(0, 10).map(([id, n]) => `${id} (${n} annotation${n === 1 ? '' : 's'})`);
    throw new AppError(
      'invalid-input',
      `The codebook cannot drop principles or actors that annotations link to: ${list.join(', ')}. Remove those links first.`,
    );
  }
}
