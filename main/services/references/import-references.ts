// Importing a reference file: each entry completes the metadata of the library document it is about
// (same DOI or title), or of a reference already waiting, or becomes a new entry waiting for its file.
// And the other way round: importing a document file attaches it to the reference it belongs to.
import type { ImportOutcome } from '../../../shared/api';
import { fromCslItem } from '../../../shared/export/csl-json';
import { findSameWork, mergeMetadata, sameMetadata } from '../../../shared/export/reference-match';
import type { ReferenceImportReport } from '../../../shared/export/types';
import type { DocumentMetadata } from '../../../shared/model';
import { describeZodError, documentMetadataSchema } from '../../../shared/schemas';
import { parseReferenceFile } from '../export/references';
import { decodeText } from '../import/decode';
import { importFile } from '../importing';
import type { LibraryStore } from '../library/store';
import type { ReferenceShelf } from './shelf';

export interface ReferenceServices {
  store: LibraryStore;
  references: ReferenceShelf;
}

export async function importReferenceFile(app: ReferenceServices, name: string, bytes: Uint8Array): Promise<ReferenceImportReport> {
  const items = await parseReferenceFile(name, decodeText(name, bytes).text);
  const report: ReferenceImportReport = { updated: [], waiting: [], unchanged: 0, skipped: [] };
  for (const item of items) {
    const read = fromCslItem(item);
    const label = typeof item.title === 'string' && item.title.trim() ? item.title.trim().slice(0, 200) : `entry ${item.id}`;
    if ('skipped' in read) {
      report.skipped.push({ title: label, reason: read.skipped });
      continue;
    }
    const document = findSameWork(read.metadata, app.store.listDocuments());
    const waiting = document ? undefined : app.references.findSameWork(read.metadata);
    const current = document?.metadata ?? waiting?.metadata;
    const next = current ? mergeMetadata(current, read.metadata) : read.metadata;
    const valid = documentMetadataSchema.safeParse(next);
    if (!valid.success) {
      report.skipped.push({ title: label, reason: describeZodError(valid.error) });
      continue;
    }
    if (current && sameMetadata(current, valid.data)) {
      report.unchanged++;
    } else if (document) {
      await app.store.updateMetadata(document.id, valid.data);
      report.updated.push({ id: document.id, title: valid.data.title });
    } else if (waiting) {
      await app.references.update(waiting.id, valid.data);
      report.updated.push({ id: waiting.id, title: valid.data.title });
    } else {
      const added = await app.references.add(valid.data, name);
      report.waiting.push({ id: added.id, title: added.metadata.title });
    }
  }
  return report;
}

/** Imports a file as usual; if a waiting reference is about it, the document takes its details. */
export async function importDocumentFile(
  app: ReferenceServices,
  name: string,
  bytes: Uint8Array,
  options: { password?: string } = {},
): Promise<ImportOutcome> {
  const outcome = await importFile(app.store, name, bytes, options);
  if (outcome.status !== 'imported') return outcome;
  const waiting = app.references.findSameWork(outcome.document.metadata);
  return waiting ? { ...outcome, document: await attach(app, waiting.id, waiting.metadata, outcome.document.id) } : outcome;
}

/** The file the user chose for a waiting reference: imported (or found already imported) and given its details. */
export async function attachFileToReference(app: ReferenceServices, id: string, name: string, bytes: Uint8Array): Promise<ImportOutcome> {
  const reference = app.references.get(id);
  const outcome = await importFile(app.store, name, bytes);
  return { ...outcome, document: await attach(app, id, reference.metadata, outcome.document.id) };
}

async function attach(app: ReferenceServices, referenceId: string, metadata: DocumentMetadata, documentId: string) {
  const document = app.store.getDocument(documentId);
  const merged = documentMetadataSchema.parse(mergeMetadata(document.metadata, metadata));
  // Metadata first, then the reference goes: a crash between leaves a reference the next open removes.
  const updated = sameMetadata(merged, document.metadata) ? document : await app.store.updateMetadata(documentId, merged);
  await app.references.remove(referenceId);
  return updated;
}
