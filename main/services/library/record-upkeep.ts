// Keeping the check record (check-record.ts) and the findings in step with the store's memory: saving
// the record, and taking in what the background check (verify.ts) finds. saveRecord and recheck run
// inside the store's serialize() (store-state.ts), so no write is half-done.
import type { HealthIssue } from '../../../shared/health';
import type { Annotation } from '../../../shared/model';
import type { RecordedDocument } from './check-record';
import { libraryFolder } from './safe-fs';
import type { StoreState } from './store-state';
import { changedOriginal, changesFound, recheckDocument } from './verify';

/** The record matches the files (no write is half-done). */
export async function saveRecord(state: StoreState): Promise<void> {
  const documents = new Map<string, RecordedDocument>();
  for (const [id, document] of state.documents) documents.set(id, { document, annotationIds: state.annotations.idsOf(id) });
  // A cache folder that cannot be written (a link set aside at the next open, a full disk) only means
  // that the next open checks every file.
  await state.record.write(await libraryFolder(state.paths.root, 'cache'), documents);
}

/** A document whose content changed under an unchanged stamp: checked again from its files, as at open. */
export async function recheck(state: StoreState, issues: HealthIssue[], id: string): Promise<void> {
  const before = state.documents.get(id);
  if (!before) return;
  const textBefore = recordedHash(state, state.paths.document(id).text);
  const annotationsBefore = { ids: state.annotations.idsOf(id), held: state.annotations.get<Annotation>(id) ?? null };
  const { checked, issues: found } = await recheckDocument(state.paths, state.codebook, state.record, id);
  issues.push(...found);
  if (!checked) {
    state.documents.delete(id);
    state.annotations.delete(id);
  } else {
    state.documents.set(id, checked.document);
    state.annotations.set(id, checked.annotations ?? []);
  }
  const textAfter = recordedHash(state, state.paths.document(id).text);
  for (const change of changesFound(before, checked, textBefore !== textAfter, annotationsBefore)) state.changes.publish(change);
}

/** A document's original changed on disk: noted among the findings. */
export function originalChanged(state: StoreState, issues: HealthIssue[], id: string, file: string): void {
  const document = state.documents.get(id);
  if (document) issues.push(changedOriginal(document, state.record.relative(file)));
}

/** A file's SHA-256 as the check record has it (as last checked or written), or null. */
export function recordedHash(state: StoreState, file: string): string | null {
  return state.record.files.get(state.record.relative(file))?.sha256 ?? null;
}
