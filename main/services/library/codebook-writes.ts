// The store's codebook writes: a whole new codebook, or a change that recodes annotations with it
// (journalled: codebook-journal.ts). Each runs inside the store's serialize() (store-state.ts).
import { AppError } from '../../../shared/errors';
import type { Annotation, Codebook } from '../../../shared/model';
import { annotationSchema, codebookSchema } from '../../../shared/schemas';
import { beginCodebookChange, endCodebookChange, undoInterruptedCodebookChange } from './codebook-journal';
import { checkLinks, DanglingLinks } from './links';
import { allAnnotationsOf, annotationsOf, type StoreState } from './store-state';

/** A change to the codebook and the annotations it recodes (shared/codebooks/operations.ts makes them). */
export interface CodebookChangeInput {
  codebook: Codebook;
  /** New versions of existing annotations, in any documents. */
  annotations: readonly Annotation[];
}

export interface CodebookChanged<T> {
  change: T;
  codebook: Codebook;
  annotations: Annotation[];
  previous: Annotation[];
}

/** See LibraryStore.changeCodebook. */
export async function changeCodebook<T extends CodebookChangeInput>(
  state: StoreState,
  make: T | ((current: { codebook: Codebook; annotations: Annotation[] }) => T),
): Promise<CodebookChanged<T>> {
  const change = typeof make === 'function' ? make({ codebook: state.codebook, annotations: await allAnnotationsOf(state) }) : make;
  const codebook = codebookSchema.parse(change.codebook);
  const now = new Date().toISOString();
  const byDocument = new Map<string, Map<string, Annotation>>();
  for (const input of change.annotations) {
    const annotation = { ...annotationSchema.parse(input), modified: now };
    const owner = state.annotations.owner(annotation.id);
    if (owner === undefined) throw new AppError('not-found', `There is no annotation ${annotation.id} in this library.`);
    if (owner !== annotation.documentId) throw new AppError('invalid-input', `Annotation ${annotation.id} belongs to another document.`);
    (byDocument.get(owner) ?? byDocument.set(owner, new Map()).get(owner)!).set(annotation.id, annotation);
  }
  const next = new Map<string, Annotation[]>();
  const previous: Annotation[] = [];
  for (const [documentId, changed] of byDocument) {
    const list = await annotationsOf(state, documentId);
    previous.push(...list.filter((a) => changed.has(a.id)));
    next.set(documentId, list.map((a) => changed.get(a.id) ?? a));
  }
  const all = (await allAnnotationsOf(state)).map((a) => byDocument.get(a.documentId)?.get(a.id) ?? a);
  checkLinks(all, codebook);

  const liveFiles = [state.paths.codebookFile, ...[...next.keys()].map((id) => state.paths.document(id).annotations)];
  await beginCodebookChange(state.paths, liveFiles, now.replace(/[:.]/g, '-'));
  try {
    for (const [documentId, list] of next) await state.record.writeJson(state.paths.document(documentId).annotations, { version: 1, annotations: list });
    await state.record.writeJson(state.paths.codebookFile, codebook);
    await endCodebookChange(state.paths);
  } catch (error) {
    // A failed write (a full disk, say) leaves the library as it was, as a crash would.
    await undoInterruptedCodebookChange(state.paths).catch(() => undefined);
    throw error;
  }
  for (const [documentId, list] of next) state.annotations.set(documentId, list);
  state.codebook = codebook;
  const recoded = [...byDocument.values()].flatMap((m) => [...m.values()]);
  state.changes.publish({ kind: 'codebook.changed', codebook, recoded });
  return { change, codebook, annotations: recoded, previous };
}

/** The whole codebook, or (sync) one made from the codebook as it is when the write's turn comes. */
export async function saveCodebook(state: StoreState, codebook: Codebook | ((current: Codebook) => Codebook)): Promise<Codebook> {
  const valid = codebookSchema.parse(typeof codebook === 'function' ? codebook(state.codebook) : codebook);
  await checkStillLinked(state, valid);
  await state.record.writeJson(state.paths.codebookFile, valid);
  state.codebook = valid;
  state.changes.publish({ kind: 'codebook.changed', codebook: valid, recoded: [] });
  return valid;
}

/** A codebook may not drop a principle or actor that annotations still link to. */
async function checkStillLinked(state: StoreState, codebook: Codebook): Promise<void> {
  const dangling = new DanglingLinks(codebook);
  // Document by document, so that a large library is not read into memory at once.
  for (const documentId of [...state.documents.keys()]) dangling.add(await annotationsOf(state, documentId));
  dangling.refuse();
}
