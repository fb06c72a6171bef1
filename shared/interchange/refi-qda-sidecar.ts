// apostil.json, beside project.qde in the .qdpx we export: what the REFI-QDA standard has no place for,
// keyed by the GUIDs project.qde uses, so that reading our own export back loses nothing. Other tools
// ignore it; a project from them has none, and is read from project.qde alone.
import { z } from 'zod';
import type { Annotation, DocumentFormat, FieldOrigins, HighlightColor, PageRange, Selector, TextBlock } from '../model';
import { DOCUMENT_FORMATS, HIGHLIGHT_COLORS } from '../model';
import { annotationSchema, documentTextSchema, fieldOriginsSchema, idSchema, selectorSchema } from '../schemas';

export const SIDECAR_PATH = 'apostil.json';

export interface RefiSidecar {
  version: 1;
  /** By source GUID: the document as Apostil had it. */
  sources: Record<
    string,
    {
      documentId: string;
      format: DocumentFormat;
      originalName: string;
      /** The original file's path in the zip, when it was included. */
      original: string | null;
      contentHash: string;
      pageCount: number | null;
      blocks: TextBlock[] | null;
      pages: PageRange[] | null;
      /** Which metadata fields were set by hand or guessed from the file (absent: none). */
      fieldOrigins?: FieldOrigins;
    }
  >;
  /** By selection GUID: the annotation's id, colour, exact selectors (PDF rectangles too) and times to the millisecond. */
  selections: Record<string, { annotationId: string; color: HighlightColor; selectors: Selector[]; created: string; modified: string }>;
  /** Annotations with no place in the text (regions of PDF pages), whole; documentId is the source GUID. */
  regions: Annotation[];
  /** By note GUID: the memo's id and times to the millisecond (absent in exports before memos were exported). */
  memos?: Record<string, { memoId: string; created: string; modified: string }>;
}

const guid = z.string().regex(/^[0-9a-f-]{36}$/);

export const sidecarSchema = z.strictObject({
  version: z.literal(1),
  sources: z.record(
    guid,
    z.strictObject({
      documentId: idSchema,
      format: z.enum(DOCUMENT_FORMATS),
      originalName: z.string().min(1).max(1_000),
      original: z.string().regex(/^sources\/[\w.-]+$/).nullable(),
      contentHash: z.string().regex(/^[0-9a-f]{64}$/),
      pageCount: z.number().int().min(0).nullable(),
      blocks: documentTextSchema.shape.blocks.nullable(),
      pages: documentTextSchema.shape.pages,
      fieldOrigins: fieldOriginsSchema.optional(),
    }),
  ),
  selections: z.record(
    guid,
    z.strictObject({ annotationId: idSchema, color: z.enum(HIGHLIGHT_COLORS), selectors: z.array(selectorSchema).min(1).max(3), created: z.string(), modified: z.string() }),
  ),
  regions: z.array(annotationSchema.extend({ documentId: guid })),
  memos: z.record(guid, z.strictObject({ memoId: idSchema, created: z.string().max(100), modified: z.string().max(100) })).optional(),
});
