// What the index holds: entries (an annotation, or one passage — a block — of a source's text), each
// with its searchable fields and the facts that filters, facets and results need.
import type { Annotation, Codebook, DocumentText, HighlightColor, Stance } from '../../../shared/model';
import { findSelector } from '../../../shared/model';

export type EntryKind = 'annotation' | 'passage';

/** Searchable fields per kind, in this order. `codes` holds linked principle and actor names, stances, tags. */
export const FIELDS: Record<EntryKind, readonly string[]> = {
  annotation: ['quote', 'note', 'codes'],
  passage: ['text'],
};

export interface AnnotationMeta {
  documentId: string;
  annotationId: string;
  start: number;
  end: number;
  color: HighlightColor;
  principles: string[];
  actors: [string, Stance][];
  tags: string[];
  /** Who made it (shared/coders); null when no one was recorded. */
  coder: string | null;
  modified: string;
}

export interface PassageMeta {
  documentId: string;
  /** The block's number in the document (0-based). */
  block: number;
  start: number;
  end: number;
  page: number | null;
}

export type EntryInput =
  | { kind: 'annotation'; id: string; fields: string[]; meta: AnnotationMeta }
  | { kind: 'passage'; id: string; fields: string[]; meta: PassageMeta; source?: PassageSource };

/** Where a passage's text is in its document's text.json, so a hit reads only those bytes (passage-text.ts). */
export interface PassageSource {
  rawStart: number;
  rawEnd: number;
  /** The file's size when it was read. */
  fileSize: number;
}

export type EntryMeta = AnnotationMeta | PassageMeta;

export const annotationEntryId = (annotationId: string) => `a:${annotationId}`;
export const passageEntryId = (documentId: string, block: number) => `p:${documentId}:${block}`;

/** The words an annotation's links add to its searchable text. */
export function codeWords(annotation: Annotation, codebook: Codebook): string {
  const words: string[] = [];
  for (const id of annotation.body.principles) {
    const principle = codebook.principles.find((p) => p.id === id);
    if (principle) words.push(principle.name);
  }
  for (const link of annotation.body.actors) {
    const actor = codebook.actors.find((a) => a.id === link.actorId);
    if (actor) words.push(actor.name, ...actor.aliases);
    words.push(link.stance);
  }
  words.push(...annotation.body.tags);
  return words.join(' \n ');
}

export function annotationEntry(annotation: Annotation, codebook: Codebook): EntryInput {
  const quote = findSelector(annotation, 'TextQuoteSelector');
  const position = findSelector(annotation, 'TextPositionSelector');
  const start = position?.start ?? 0;
  return {
    kind: 'annotation',
    id: annotationEntryId(annotation.id),
    fields: [quote?.exact ?? '', annotation.body.note, codeWords(annotation, codebook)],
    meta: {
      documentId: annotation.documentId,
      annotationId: annotation.id,
      start,
      end: position?.end ?? start,
      color: annotation.body.color,
      principles: annotation.body.principles,
      actors: annotation.body.actors.map((a) => [a.actorId, a.stance]),
      tags: annotation.body.tags,
      coder: annotation.author ?? null,
      modified: annotation.modified,
    },
  };
}

/**
 * One entry per non-empty block of a document's text. `raw`: the byte offsets of each block's start and
 * end in the text file (2 per block, passage-text.ts) and the file's size, so hits read only their bytes.
 */
export function passageEntries(documentId: string, text: DocumentText, raw?: { offsets: readonly number[]; fileSize: number }): EntryInput[] {
  const entries: EntryInput[] = [];
  let page = 0;
  text.blocks.forEach((block, i) => {
    const slice = text.text.slice(block.start, block.end);
    if (!/[\p{L}\p{N}]/u.test(slice)) return;
    let pageNumber: number | null = null;
    if (text.pages) {
      while (page < text.pages.length - 1 && block.start >= text.pages[page]!.end) page++;
      pageNumber = page + 1;
    }
    entries.push({
      kind: 'passage',
      id: passageEntryId(documentId, i),
      fields: [slice],
      meta: { documentId, block: i, start: block.start, end: block.end, page: pageNumber },
      ...(raw ? { source: { rawStart: raw.offsets[2 * i]!, rawEnd: raw.offsets[2 * i + 1]!, fileSize: raw.fileSize } } : {}),
    });
  });
  return entries;
}
