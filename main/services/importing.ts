// Adding a file to the library: refuse duplicates by content hash, extract its text and metadata,
// then store the untouched original beside them. Extraction errors name the file and the reason.
import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { DocumentMetadata } from '../../shared/model';
import { documentMetadataSchema } from '../../shared/schemas';
import type { ImportOutcome } from '../../shared/api';
import { extractDocument } from './import';
import type { LibraryStore } from './library/store';

export async function importFile(
  store: LibraryStore,
  fileName: string,
  bytes: Uint8Array,
  options: { signal?: AbortSignal; password?: string } = {},
): Promise<ImportOutcome> {
  const name = safeFileName(fileName);
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  const existing = store.findByHash(contentHash);
  if (existing) return { status: 'duplicate', document: existing };
  const extracted = await extractDocument(name, bytes, options);
  const metadata = completeMetadata(name, extracted.format, extracted.metadata);
  const document = await store.addDocument({
    originalName: name,
    bytes,
    contentHash,
    format: extracted.format,
    text: extracted.text,
    metadata,
    // Only for fields the guess kept (a date the schema refused is not "from the file").
    fieldOrigins: Object.fromEntries(Object.entries(extracted.fieldOrigins ?? {}).filter(([field]) => metadata[field as keyof DocumentMetadata] !== null)),
    pageCount: extracted.pageCount,
    pageLabels: extracted.pageLabels,
    warnings: extracted.warnings,
  });
  return { status: 'imported', document };
}

/**
 * The name to keep for a file: only its last path part, without control characters. A name is
 * only ever displayed and exported; files on disk are named by document id, never by this.
 */
export function safeFileName(fileName: string): string {
  const base = withoutControls(fileName.split(/[\\/]/).pop()!).trim();
  if (!base || base === '.' || base === '..') {
    throw new AppError('invalid-input', `"${withoutControls(fileName).slice(0, 100)}" is not a usable file name. Rename the file and import it again.`);
  }
  return base.slice(0, 255);
}

/**
 * Without control characters (C0, DEL, C1) and the invisible bidirectional controls that can make a
 * name display as something else ("report\u202Efdp.exe").
 */
function withoutControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

function completeMetadata(
  fileName: string,
  format: string,
  found: Partial<DocumentMetadata>,
): DocumentMetadata {
  const candidate: DocumentMetadata = {
    title: found.title?.trim() || fileName.replace(/\.[^.]+$/, ''),
    authors: found.authors ?? [],
    date: found.date ?? null,
    publication: found.publication ?? null,
    url: found.url ?? null,
    doi: found.doi ?? null,
    kind: found.kind ?? (format === 'html' ? 'webpage' : 'article'),
  };
  // Metadata read from a file is a guess: keep each field only if it is valid on its own.
  const fallback: DocumentMetadata = { ...candidate, authors: [], date: null, publication: null, url: null, doi: null };
  const result = { ...fallback };
  for (const key of Object.keys(candidate) as (keyof DocumentMetadata)[]) {
    const attempt = { ...result, [key]: candidate[key] };
    if (documentMetadataSchema.safeParse(attempt).success) Object.assign(result, { [key]: candidate[key] });
  }
  if (!documentMetadataSchema.safeParse(result).success) result.title = fileName.slice(0, 1_000);
  return result;
}
