// Importing a reference file, entry by entry: an entry that is the same work as a library document or
// a waiting reference (same DOI, or same title, year and first author) completes it, never changing a
// field the user edited; one that only shares a title is kept beside it as a possible duplicate for
// the user to compare; any other becomes a new reference waiting for its file. Each entry that cannot
// be read is reported with its key, line and reason, and costs only itself.
// And the other way round: importing a document file attaches it to the reference it belongs to.
import type { ImportOutcome } from '../../../shared/api';
import { fromCslItem } from '../../../shared/interchange/csl-json';
import { WorkIndex, mergeMetadata, originsAfterUserEdit, sameMetadata, type Candidate } from '../../../shared/interchange/reference-match';
import type { DuplicateTarget, ReferenceImportReport, WaitingReference } from '../../../shared/interchange/types';
import type { DocumentMetadata, LibraryDocument } from '../../../shared/model';
import { describeZodError, documentMetadataSchema } from '../../../shared/schemas';
import { readReferencesInWorker } from '../import/worker/extraction-worker';
import { importFile } from '../importing';
import type { LibraryStore } from '../library/store';
import { FORMAT_NAMES, type ReadReferenceFile } from './reference-entry';
import type { ReferenceShelf } from './shelf';

export interface ReferenceServices {
  store: LibraryStore;
  references: ReferenceShelf;
}

type Known = { kind: 'document'; value: LibraryDocument } | { kind: 'reference'; value: WaitingReference };
type KnownEntry = Candidate & { known: Known };

const entryOf = (known: Known): KnownEntry => ({ metadata: known.value.metadata, ...originsOf(known), known });
const originsOf = (known: Known) => (known.kind === 'document' && known.value.fieldOrigins ? { fieldOrigins: known.value.fieldOrigins } : {});

export async function importReferenceFile(app: ReferenceServices, name: string, bytes: Uint8Array): Promise<ReferenceImportReport> {
  const file = await readReferencesInWorker(name, bytes);
  return app.references.batch(() => importEntries(app, name, file));
}

async function importEntries(app: ReferenceServices, name: string, file: ReadReferenceFile): Promise<ReferenceImportReport> {
  const report: ReferenceImportReport = {
    format: FORMAT_NAMES[file.format],
    entries: file.entries.length,
    added: [],
    completed: [],
    unchanged: 0,
    possibleDuplicates: [],
    refused: [],
    keptEdits: 0,
  };
  const index = new WorkIndex<KnownEntry>([
    ...app.store.listDocuments().map((value) => entryOf({ kind: 'document', value })),
    ...app.references.list().map((value) => entryOf({ kind: 'reference', value })),
  ]);

  for (const { key, line, read } of file.entries) {
    const refuse = (title: string | null, reason: string) => report.refused.push({ key, line, title, reason });
    if ('problem' in read) {
      refuse(null, read.problem);
      continue;
    }
    const title = typeof read.item.title === 'string' && read.item.title.trim() ? read.item.title.trim().slice(0, 200) : null;
    const converted = fromCslItem(read.item);
    if ('skipped' in converted) {
      refuse(title, converted.skipped);
      continue;
    }
    const valid = documentMetadataSchema.safeParse(converted.metadata);
    if (!valid.success) {
      refuse(title, describeZodError(valid.error));
      continue;
    }
    const incoming = valid.data;
    const match = index.find(incoming);

    if (match?.evidence === 'same') {
      const { known } = match.entry;
      // A library document takes the reference's details over its own guesses; a waiting reference,
      // as good as the entry, only has its gaps filled.
      const merged =
        known.kind === 'document' ? mergeMetadata(known.value.metadata, incoming, known.value.fieldOrigins) : mergeMetadata(known.value.metadata, incoming, {}, true);
      report.keptEdits += merged.kept.length;
      if (sameMetadata(merged.metadata, known.value.metadata)) {
        report.unchanged++;
        continue;
      }
      const updated: Known =
        known.kind === 'document'
          ? { kind: 'document', value: await app.store.updateMetadata(known.value.id, merged.metadata, merged.origins) }
          : { kind: 'reference', value: await app.references.update(known.value.id, merged.metadata) };
      index.delete(match.entry);
      index.add(entryOf(updated));
      report.completed.push({ id: updated.value.id, title: updated.value.metadata.title, fields: merged.changed });
      continue;
    }

    const duplicateOf: DuplicateTarget | undefined = match ? { kind: match.entry.known.kind, id: match.entry.known.value.id } : undefined;
    const added = await app.references.add(incoming, name, duplicateOf);
    index.add(entryOf({ kind: 'reference', value: added }));
    if (match && duplicateOf) {
      report.possibleDuplicates.push({ id: added.id, title: added.metadata.title, of: { ...duplicateOf, title: match.entry.known.value.metadata.title } });
    } else {
      report.added.push({ id: added.id, title: added.metadata.title });
    }
  }
  return report;
}

/**
 * Imports a file as usual. A waiting reference that is the same work gives the document its details;
 * one that only may be is marked as its possible duplicate, for the user to compare.
 */
export async function importDocumentFile(
  app: ReferenceServices,
  name: string,
  bytes: Uint8Array,
  options: { password?: string } = {},
): Promise<ImportOutcome> {
  const outcome = await importFile(app.store, name, bytes, options);
  if (outcome.status !== 'imported') return outcome;
  const { document } = outcome;
  const match = new WorkIndex(app.references.list()).find(document.metadata, document.fieldOrigins);
  if (!match) return outcome;
  if (match.evidence === 'same') return { ...outcome, document: await attach(app, match.entry.id, match.entry.metadata, document.id) };
  await app.references.update(match.entry.id, match.entry.metadata, { kind: 'document', id: document.id });
  return outcome;
}

/** The file the user chose for a waiting reference: imported (or found already imported) and given its details. */
export async function attachFileToReference(app: ReferenceServices, id: string, name: string, bytes: Uint8Array): Promise<ImportOutcome> {
  const reference = app.references.get(id);
  const outcome = await importFile(app.store, name, bytes);
  return { ...outcome, document: await attach(app, id, reference.metadata, outcome.document.id) };
}

async function attach(app: ReferenceServices, referenceId: string, metadata: DocumentMetadata, documentId: string) {
  const document = app.store.getDocument(documentId);
  const merged = mergeMetadata(document.metadata, metadata, document.fieldOrigins);
  // Metadata first, then the reference goes: a crash between leaves a reference the next open removes.
  const updated = sameMetadata(merged.metadata, document.metadata) ? document : await app.store.updateMetadata(documentId, merged.metadata, merged.origins);
  await app.references.remove(referenceId);
  return updated;
}

/**
 * A possible duplicate merged by hand: the user chose each field's value. The other entry (a library
 * document or a waiting reference) takes those values, and this reference goes. The values the user
 * chose count as edited by hand.
 */
export async function mergeReference(app: ReferenceServices, id: string, into: DuplicateTarget, metadata: DocumentMetadata): Promise<void> {
  app.references.get(id);
  if (into.kind === 'document') {
    const document = app.store.getDocument(into.id);
    if (!sameMetadata(document.metadata, metadata)) {
      await app.store.updateMetadata(into.id, metadata, originsAfterUserEdit(document.metadata, metadata, document.fieldOrigins));
    }
  } else {
    await app.references.update(into.id, metadata);
  }
  await app.references.remove(id);
}

/** "Keep both": the reference stays, no longer marked as a possible duplicate. */
export async function keepBothReferences(app: ReferenceServices, id: string): Promise<WaitingReference> {
  return app.references.update(id, app.references.get(id).metadata, null);
}
