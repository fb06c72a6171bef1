// Runtime schemas (zod) for everything that crosses a process boundary or is read back from disk.
// Each schema is checked against its model type below, so the two cannot drift apart.
import { z } from 'zod';
import {
  ACTOR_KINDS,
  DOCUMENT_FORMATS,
  DOCUMENT_KINDS,
  HIGHLIGHT_COLORS,
  STANCES,
  BLOCK_TYPES,
  METADATA_FIELDS,
  type Annotation,
  type AnnotationBody,
  type Codebook,
  type Collection,
  type DocumentMetadata,
  type DocumentText,
  type LibraryDocument,
  type Selector,
} from './model';
import { MAX_PAGE_LABEL_LENGTH, MAX_PAGE_OFFSET } from './pdf/page-labels';

/** Ids are opaque, but never paths: letters, digits, '-' and '_' only. */
export const idSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'must contain only letters, digits, "-" and "_"');

const shortText = z.string().max(2_000);
const isoDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be a date like 2018, 2018-11 or 2018-11-12');
const offset = z.number().int().min(0).max(2 ** 31);

export const documentMetadataSchema = z.strictObject({
  title: z.string().trim().min(1, 'a title is required').max(1_000),
  authors: z.array(z.string().trim().min(1).max(500)).max(500),
  date: isoDate.nullable(),
  publication: shortText.nullable(),
  url: shortText.nullable(),
  doi: shortText.nullable(),
  kind: z.enum(DOCUMENT_KINDS),
});

/** The user's page offset of a PDF (shared/pdf/page-labels.ts): a whole number, either way. */
export const pageOffsetSchema = z
  .number()
  .int('must be a whole number')
  .min(-MAX_PAGE_OFFSET, `must be at least ${-MAX_PAGE_OFFSET}`)
  .max(MAX_PAGE_OFFSET, `must be at most ${MAX_PAGE_OFFSET}`);
/** Far beyond the pages an import accepts, so a library stays readable if that limit is raised. */
const MAX_PDF_PAGE_LABELS = 100_000;

export const fieldOriginsSchema = z.partialRecord(z.enum(METADATA_FIELDS), z.enum(['user', 'file-created']));

export const libraryDocumentSchema = z.strictObject({
  id: idSchema,
  format: z.enum(DOCUMENT_FORMATS),
  originalName: z.string().min(1).max(1_000),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().min(0),
  importedAt: z.string(),
  modifiedAt: z.string(),
  pageCount: z.number().int().min(0).nullable(),
  metadata: documentMetadataSchema,
  pageLabels: z.array(z.string().max(MAX_PAGE_LABEL_LENGTH)).max(MAX_PDF_PAGE_LABELS).optional(),
  pageOffset: pageOffsetSchema.optional(),
  fieldOrigins: fieldOriginsSchema.optional(),
  warnings: z.array(z.string()),
});

const range = z.strictObject({ start: offset, end: offset }).refine((r) => r.end >= r.start, {
  message: 'end must not be before start',
});

export const documentTextSchema = z.strictObject({
  text: z.string(),
  blocks: z.array(z.strictObject({ type: z.enum(BLOCK_TYPES), start: offset, end: offset })),
  pages: z.array(range).nullable(),
});

const pdfRect = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export const selectorSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('TextQuoteSelector'),
    exact: z.string().min(1).max(100_000),
    prefix: z.string().max(1_000),
    suffix: z.string().max(1_000),
  }),
  z
    .strictObject({ type: z.literal('TextPositionSelector'), start: offset, end: offset })
    .refine((r) => r.end > r.start, { message: 'a passage cannot be empty' }),
  z.strictObject({
    type: z.literal('PdfAreaSelector'),
    areas: z
      .array(z.strictObject({ page: z.number().int().min(0), rects: z.array(pdfRect).min(1).max(5_000) }))
      .min(1)
      .max(1_000),
  }),
]);

/** A tag, on a passage or on a whole document: one word, so it can be typed in a search (tag:x). */
export const tagSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\s,]+$/, 'tags cannot contain spaces or commas');

export const annotationBodySchema = z.strictObject({
  color: z.enum(HIGHLIGHT_COLORS),
  note: z.string().max(100_000),
  tags: z.array(tagSchema).max(100),
  principles: z.array(idSchema).max(100),
  actors: z.array(z.strictObject({ actorId: idSchema, stance: z.enum(STANCES) })).max(200),
});

export const annotationSchema = z.strictObject({
  id: idSchema,
  documentId: idSchema,
  created: z.string(),
  modified: z.string(),
  author: z.string().max(500).optional(),
  target: z.strictObject({
    selector: z
      .array(selectorSchema)
      .min(1)
      .max(3)
      .refine((s) => s.some((x) => x.type === 'TextQuoteSelector' || x.type === 'PdfAreaSelector'), {
        message: 'a target needs a quote or a PDF area',
      }),
  }),
  body: annotationBodySchema,
  anchoring: z.strictObject({ method: z.enum(['quote', 'fuzzy']), score: z.number().min(0).max(1), contextChanged: z.boolean() }).optional(),
});

export const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #2f6fba');

export const codebookSchema = z
  .strictObject({
    version: z.literal(1),
    principles: z
      .array(
        z.strictObject({
          id: idSchema,
          name: z.string().trim().min(1).max(200),
          description: z.string().max(5_000),
          color: colorSchema,
          parentId: idSchema.nullable(),
          // Added after the first libraries were made: older codebooks read with these empty.
          whenToUse: z.string().max(5_000).default(''),
          whenNotToUse: z.string().max(5_000).default(''),
          example: z.string().max(5_000).default(''),
        }),
      )
      .max(2_000),
    actors: z
      .array(
        z.strictObject({
          id: idSchema,
          name: z.string().trim().min(1).max(200),
          kind: z.enum(ACTOR_KINDS),
          aliases: z.array(z.string().trim().min(1).max(200)).max(100),
        }),
      )
      .max(10_000),
    colorByPrinciple: z.boolean().default(false),
  })
  .superRefine((codebook, ctx) => {
    const ids = new Set<string>();
    for (const entry of [...codebook.principles, ...codebook.actors]) {
      if (ids.has(entry.id)) ctx.addIssue({ code: 'custom', message: `the id "${entry.id}" is used twice` });
      ids.add(entry.id);
    }
    const principleIds = new Set(codebook.principles.map((p) => p.id));
    for (const p of codebook.principles) {
      if (p.parentId !== null && !principleIds.has(p.parentId)) {
        ctx.addIssue({ code: 'custom', message: `principle "${p.name}" has an unknown parent` });
      }
    }
    // A principle may not be its own ancestor: the tree must end at the top.
    const parentOf = new Map(codebook.principles.map((p) => [p.id, p.parentId]));
    for (const p of codebook.principles) {
      let at = p.parentId;
      for (let steps = 0; at !== null && steps <= codebook.principles.length; steps++) {
        if (at === p.id) {
          ctx.addIssue({ code: 'custom', message: `principle "${p.name}" is nested inside itself` });
          break;
        }
        at = parentOf.get(at) ?? null;
      }
    }
  });

export const MAX_COLLECTIONS = 10_000;

export const collectionNameSchema = z.string().trim().min(1, 'a collection needs a name').max(200);

export const collectionSchema = z.strictObject({
  id: idSchema,
  name: collectionNameSchema,
  parentId: idSchema.nullable(),
  documentIds: z.array(idSchema).max(1_000_000),
  created: z.string(),
});

/** Document tags: up to 100 per document, as for passages. */
export const documentTagListSchema = z.array(tagSchema).max(100);

// Compile-time checks that each schema produces exactly its model type.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesModel: [
  Same<z.output<typeof documentMetadataSchema>, DocumentMetadata>,
  Same<z.output<typeof libraryDocumentSchema>, LibraryDocument>,
  Same<z.output<typeof documentTextSchema>, DocumentText>,
  Same<z.output<typeof selectorSchema>, Selector>,
  Same<z.output<typeof annotationBodySchema>, AnnotationBody>,
  Same<z.output<typeof annotationSchema>, Annotation>,
  Same<z.output<typeof codebookSchema>, Codebook>,
  Same<z.output<typeof collectionSchema>, Collection>,
] = [true, true, true, true, true, true, true, true];
void schemaMatchesModel;

/** A readable one-line summary of a zod error, for messages shown to users and callers. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
