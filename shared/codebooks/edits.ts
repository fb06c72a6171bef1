// The changes a user makes to a codebook, as data: the renderer sends one, main works out what it
// does (operations.ts) and applies it as one journalled change. Validated with zod at the boundary.
import { z } from 'zod';
import { ACTOR_KINDS } from '../model';
import { colorSchema, idSchema } from '../schemas';

const name = z.string().trim().min(1, 'a name is required').max(200);
const longText = z.string().max(5_000);
const alias = z.string().trim().min(1).max(200);

export const principleFieldsSchema = z.strictObject({
  name,
  description: longText,
  color: colorSchema,
  whenToUse: longText,
  whenNotToUse: longText,
  example: longText,
});
const newPrincipleSchema = principleFieldsSchema.partial().extend({ name });

export const actorFieldsSchema = z.strictObject({
  name,
  kind: z.enum(ACTOR_KINDS),
  aliases: z.array(alias).max(100),
});
const newActorSchema = actorFieldsSchema.partial().extend({ name });

/** What becomes of the passages of a code that is deleted: links removed, or moved to another code. */
export const passageDispositionSchema = z.union([z.literal('uncode'), z.strictObject({ recodeTo: idSchema })]);
export type PassageDisposition = z.output<typeof passageDispositionSchema>;

const annotationIds = z.array(idSchema).min(1, 'pick at least one passage').max(100_000);
const index = z.number().int().min(0).max(100_000);

export const codebookEditSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('principle.create'), fields: newPrincipleSchema, parentId: idSchema.nullable(), index: index.optional() }),
  z.strictObject({ kind: z.literal('principle.update'), id: idSchema, fields: principleFieldsSchema.partial() }),
  /** Place a principle under `parentId` (null: at the top) at `index` among its new siblings. */
  z.strictObject({ kind: z.literal('principle.move'), id: idSchema, parentId: idSchema.nullable(), index }),
  /** Without `passages`, a principle that passages link to is not deleted (the caller must choose). */
  z.strictObject({ kind: z.literal('principle.delete'), id: idSchema, passages: passageDispositionSchema.optional() }),
  z.strictObject({ kind: z.literal('principle.merge'), sourceId: idSchema, targetId: idSchema }),
  z.strictObject({ kind: z.literal('principle.split'), id: idSchema, fields: newPrincipleSchema, annotationIds }),
  z.strictObject({ kind: z.literal('actor.create'), fields: newActorSchema, index: index.optional() }),
  z.strictObject({ kind: z.literal('actor.update'), id: idSchema, fields: actorFieldsSchema.partial() }),
  z.strictObject({ kind: z.literal('actor.move'), id: idSchema, index }),
  z.strictObject({ kind: z.literal('actor.delete'), id: idSchema, passages: passageDispositionSchema.optional() }),
  z.strictObject({ kind: z.literal('actor.merge'), sourceId: idSchema, targetId: idSchema }),
  z.strictObject({ kind: z.literal('actor.split'), id: idSchema, fields: newActorSchema, annotationIds }),
  z.strictObject({ kind: z.literal('display'), colorByPrinciple: z.boolean() }),
]);
export type CodebookEdit = z.output<typeof codebookEditSchema>;
export type CodebookEditInput = z.input<typeof codebookEditSchema>;
