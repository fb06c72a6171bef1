// Codebook changes through the dispatcher every transport uses, on a real library: one undoable step
// each, passages recoded in every document, the change published so search and views follow.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeRange } from '../../../shared/anchoring';
import type { CodebookEditResult, CodebookImportPreview, CodebookImportResult } from '../../../shared/api';
import { changedDocumentIds, type LibraryChange } from '../../../shared/library-changes';
import type { ApiResult } from '../../../shared/errors';
import type { Annotation, LibraryDocument } from '../../../shared/model';
import { openTestApp } from '../../test-support/library-app';
import { useTempDir } from '../../test-support/temp';

const here = path.dirname(fileURLToPath(import.meta.url));

function value<T>(result: ApiResult<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('the codebook editor', () => {
  const tempDir = useTempDir();

  /** Two documents, each with a passage linked to a new actor "USA" (and one to France). */
  async function library() {
    const test = await openTestApp(await tempDir(), await tempDir());
    const { dispatch } = test;
    const events: LibraryChange[] = [];
    test.app.store.changes.subscribe((change) => events.push(change));
    const usa = value<CodebookEditResult>(await dispatch('codebook.edit', { edit: { kind: 'actor.create', fields: { name: 'USA', kind: 'state' } } }));
    const documents: LibraryDocument[] = [];
    for (const [i, text] of ['The USA signed nothing in 2018.', 'Later the USA joined the call, as France hoped.'].entries()) {
      const outcome = value<{ document: LibraryDocument }>(await dispatch('documents.import', { name: `note-${i}.txt`, bytes: new TextEncoder().encode(text) }));
      documents.push(outcome.document);
      const at = text.indexOf('USA');
      const annotation: Annotation = {
        id: `a${i}`,
        documentId: outcome.document.id,
        created: new Date().toISOString(),
        modified: new Date().toISOString(),
        target: { selector: describeRange(text, at, at + 3) },
        body: { color: 'yellow', note: `note ${i}`, tags: [], principles: ['international-norms'], actors: [{ actorId: usa.createdId!, stance: 'supports' }] },
      };
      value(await dispatch('annotations.save', { annotation }));
    }
    return { ...test, events, documents, usaId: usa.createdId! };
  }

  it('merges “USA” into “United States” in both documents, announces it, and undoes and redoes it as one step', async () => {
    const { dispatch, app, events, documents, usaId, close } = await library();
    events.length = 0;
    const merged = value<CodebookEditResult>(await dispatch('codebook.edit', { edit: { kind: 'actor.merge', sourceId: usaId, targetId: 'united-states' } }));
    expect(merged.summary).toBe('Merged “USA” into “United States”: 2 passages recoded.');
    expect(merged.undo).toBe(merged.summary);
    expect(merged.codebook.actors.find((a) => a.id === 'united-states')!.aliases).toContain('USA');
    for (const document of documents) {
      const [annotation] = await app.store.listAnnotations(document.id);
      expect(annotation!.body.actors).toEqual([{ actorId: 'united-states', stance: 'supports' }]);
    }
    // One change published, with the passages it recoded, for search and the views to follow.
    expect(events).toHaveLength(1);
    const [announced] = events;
    expect(announced!.kind).toBe('codebook.changed');
    expect(announced!.kind === 'codebook.changed' && announced!.recoded.map((a) => a.id).sort()).toEqual(['a0', 'a1']);
    expect(changedDocumentIds(announced!).sort()).toEqual(documents.map((d) => d.id).sort());

    // Search follows: the passages are found by the actor they now link to.
    await app.search.idle();
    const found = await app.search.query('actor:"United States"');
    expect(found.annotations.map((h) => h.annotationId).sort()).toEqual(['a0', 'a1']);

    const undone = value<CodebookEditResult>(await dispatch('codebook.undo', {}));
    expect(undone.summary).toBe(`Undone: ${merged.summary}`);
    expect(undone.redo).toBe(merged.summary);
    expect(app.store.getCodebook().actors.some((a) => a.id === usaId)).toBe(true);
    for (const document of documents) expect((await app.store.listAnnotations(document.id))[0]!.body.actors[0]!.actorId).toBe(usaId);

    value(await dispatch('codebook.redo', {}));
    expect(app.store.getCodebook().actors.some((a) => a.id === usaId)).toBe(false);
    await close();
  });

  it('deletes a code in use only once told what becomes of its passages, and an undo brings them back', async () => {
    const { dispatch, app, documents, close } = await library();
    const refused = await dispatch('codebook.edit', { edit: { kind: 'principle.delete', id: 'international-norms' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'in-use', message: expect.stringMatching(/codes 2 passages/) } });
    value(await dispatch('codebook.edit', { edit: { kind: 'principle.delete', id: 'international-norms', passages: { recodeTo: 'cyber-hygiene' } } }));
    expect((await app.store.listAnnotations(documents[0]!.id))[0]!.body.principles).toEqual(['cyber-hygiene']);
    value(await dispatch('codebook.undo', {}));
    expect((await app.store.listAnnotations(documents[0]!.id))[0]!.body.principles).toEqual(['international-norms']);
    await close();
  });

  it('will not undo a merge once a passage it recoded was recoded again, and says so', async () => {
    const { dispatch, app, documents, usaId, close } = await library();
    value(await dispatch('codebook.edit', { edit: { kind: 'actor.merge', sourceId: usaId, targetId: 'united-states' } }));
    const [annotation] = await app.store.listAnnotations(documents[0]!.id);
    value(await dispatch('annotations.save', { annotation: { ...annotation!, body: { ...annotation!.body, actors: [] } } }));
    const refused = await dispatch('codebook.undo', {});
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/1 passage that .* has been recoded since/) } });
    expect(app.store.getCodebook().actors.some((a) => a.id === usaId)).toBe(false);
    await close();
  });

  it('starts over from an empty codebook only while no passage needs the codes it drops', async () => {
    const { dispatch, app, close } = await library();
    const refused = await dispatch('codebook.start', { template: 'empty' });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/cannot drop principles or actors that annotations link to/) } });
    for (const document of app.store.listDocuments()) for (const a of await app.store.listAnnotations(document.id)) value(await dispatch('annotations.delete', { documentId: document.id, id: a.id }));
    const started = value<CodebookEditResult>(await dispatch('codebook.start', { template: 'empty' }));
    expect(started.codebook).toMatchObject({ principles: [], actors: [] });
    await close();
  });

  it('imports a .qdc by name into a codebook that has codes: a preview first, then one undoable step', async () => {
    const { dispatch, app, close } = await library();
    const bytes = new Uint8Array(await readFile(path.resolve(here, '../../../test-data/refi-qda/apostil-conventions.qdc')));
    const preview = value<CodebookImportPreview>(await dispatch('codebook.importPreview', { name: 'theirs.qdc', bytes }));
    expect(preview).toMatchObject({ principles: 2, actors: 3, matched: 3, added: 2, notes: [] });
    expect(preview.droppedByReplace).toContain('France');
    expect(preview.droppedPassages).toBe(2);
    const before = app.store.getCodebook();
    const result = value<CodebookImportResult>(await dispatch('codebook.import', { name: 'theirs.qdc', bytes, mode: 'merge' }));
    expect(result.summary).toBe('Imported the codebook of theirs.qdc, merged by name (3 matched, 2 added).');
    expect(app.store.getCodebook().principles.find((p) => p.id === 'lifecycle-security')!.whenToUse).toBe("vendors' duties, patching, disclosure of flaws.");
    expect(app.store.getCodebook().actors.find((a) => a.name === 'Ada Lovelace')).toBeTruthy();
    value(await dispatch('codebook.undo', {}));
    expect(app.store.getCodebook()).toEqual(before);

    const replace = await dispatch('codebook.import', { name: 'theirs.qdc', bytes, mode: 'replace' });
    expect(replace).toMatchObject({ ok: false, error: { message: expect.stringMatching(/international-norms \(2 annotations\)/) } });
    const broken = await dispatch('codebook.importPreview', { name: 'broken.qdc', bytes: new TextEncoder().encode('<CodeBook') });
    expect(broken).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/^broken\.qdc could not be read as a REFI-QDA codebook: it is not well-formed XML/) } });
    await close();
  });
});
