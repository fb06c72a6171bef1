// What a click on a chart mark asks for: the passages behind that mark, named by what they share
// rather than listed, so the counts can travel without their passages and the passages be fetched a
// page at a time (see the 'analysis.passages' call).
import { z } from 'zod';
import { STANCES } from '../model';
import { idSchema } from '../schemas';
import type { PassageFacts } from './tally';
import { bucketOf } from './timeline';

export const passageSelectorSchema = z.discriminatedUnion('kind', [
  /** A principle × actor cell: passages linking both, whatever the stance. */
  z.strictObject({ kind: z.literal('cell'), principleId: idSchema, actorId: idSchema }),
  /** A source × principle cell of the coverage. */
  z.strictObject({ kind: z.literal('coverage'), documentId: idSchema, principleId: idSchema }),
  z.strictObject({ kind: z.literal('principle'), principleId: idSchema }),
  z.strictObject({ kind: z.literal('actor'), actorId: idSchema, stance: z.enum(STANCES) }),
  /** Passages linked to both principles (the same one twice: to that one). */
  z.strictObject({ kind: z.literal('pair'), principleIds: z.tuple([idSchema, idSchema]) }),
  /** A principle's passages from sources published in one bucket of the timeline. */
  z.strictObject({ kind: z.literal('timeline'), principleId: idSchema, bucket: z.string().regex(/^\d{4}(-\d{2})?$/), granularity: z.enum(['year', 'month']) }),
  /** A principle × value cell of the framework matrix: a principle's passages in sources with that value ('' for none). */
  z.strictObject({ kind: z.literal('framework'), principleId: idSchema, variableId: idSchema, value: z.string().max(1_000) }),
]);
export type PassageSelector = z.infer<typeof passageSelectorSchema>;

/**
 * Is this passage (of a source published at `date`) behind the mark? The views count exactly these.
 * `valueOf` gives a source's value of a variable as text ('' for none), for the framework matrix.
 */
export function selects(selector: PassageSelector, facts: PassageFacts, date: string | null, valueOf: (documentId: string, variableId: string) => string = () => ''): boolean {
  switch (selector.kind) {
    case 'cell':
      return facts.principles.includes(selector.principleId) && facts.actors.some((l) => l.actorId === selector.actorId);
    case 'coverage':
      return facts.documentId === selector.documentId && facts.principles.includes(selector.principleId);
    case 'principle':
      return facts.principles.includes(selector.principleId);
    case 'actor':
      return facts.actors.some((l) => l.actorId === selector.actorId && l.stance === selector.stance);
    case 'pair':
      return selector.principleIds.every((p) => facts.principles.includes(p));
    case 'timeline':
      return date !== null && facts.principles.includes(selector.principleId) && bucketOf(date, selector.granularity) === selector.bucket;
    case 'framework':
      return facts.principles.includes(selector.principleId) && valueOf(facts.documentId, selector.variableId) === selector.value;
  }
}
