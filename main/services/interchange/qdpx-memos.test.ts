// Memos through REFI-QDA: our .qdpx carries them as Notes (a project note, NoteRefs on the source and on
// the principle's and actor's codes) that the published schema accepts; read back into an empty library
// they are the same memos about the same things; a second import never overwrites or doubles one; and
// another tool's notes (inline, in a file, on a source, on a code, on a selection only) become memos
// where they belong, with a report in words of what was left out.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { FIXTURE_CODEBOOK } from '../../../shared/analysis/test-fixture';
import { memoTargetLabel, type Memo } from '../../../shared/memos/model';
import { useTempDir } from '../../test-support/temp';
import { type AppServices } from '../app';
import { importFile } from '../importing';
import { runExport } from './export-service';
import { importQdpx } from './import-qdpx';
import { openEmptyApp, quietTask } from '../../test-support/library-app';

const here = path.dirname(fileURLToPath(import.meta.url));
const tempDir = useTempDir();
const task = quietTask;

const emptyLibrary = async (): Promise<AppServices> => openEmptyApp(await tempDir());

/** Each memo as what it is about (in words), its title and body: what must survive the trip. */
function memosOf(app: AppServices) {
  const codebook = app.store.getCodebook();
  const names = {
    documentTitle: (id: string) => app.store.listDocuments().find((d) => d.id === id)?.metadata.title,
    principleName: (id: string) => codebook.principles.find((p) => p.id === id)?.name,
    actorName: (id: string) => codebook.actors.find((a) => a.id === id)?.name,
  };
  return app.store.memos
    .list()
    .map((m) => ({ about: memoTargetLabel(m.target, names), title: m.title, body: m.body }))
    .sort((a, b) => a.title.localeCompare(b.title));
}

describe('memos in a REFI-QDA project', () => {
  it('are exported as Notes the schema accepts and come back from our own export once, never overwritten', async () => {
    const source = await emptyLibrary();
    await source.store.saveCodebook(FIXTURE_CODEBOOK);
    const one = await importFile(source.store, 'one.txt', new TextEncoder().encode('First source.\n\nStates met in Paris.'));
    await importFile(source.store, 'two.txt', new TextEncoder().encode('Second source.'));
    const made: Memo[] = [];
    const memo = async (title: string, body: string, target: Memo['target']) => made.push(await source.store.memos.edit({ op: 'create', title, body, target }));
    await memo('Research question', 'Do **norms** <converge>? & how', { kind: 'project' });
    await memo('On the first source', 'Read it twice.\n\n- a list', { kind: 'document', documentId: one.document.id });
    await memo('What protecting people means', 'Hospitals, mostly.', { kind: 'principle', principleId: 'p1' });
    await memo('Atlantis', 'Changes its stance in 2019.', { kind: 'actor', actorId: 'a' });
    const exported = await runExport(source, { format: 'refi-qda', scope: { kind: 'library' } }, task);

    const qde = new TextDecoder().decode(unzipSync(exported.bytes)['project.qde']);
    const schema = await readFile(path.resolve(here, '../../../../shared/schemas/refi-qda-project-1.0.xsd'), 'utf8');
    expect((await validateXML({ xml: [{ fileName: 'project.qde', contents: qde }], schema: [schema] })).errors).toEqual([]);
    expect(qde.match(/<Note /g)).toHaveLength(4);
    expect(qde).toContain('<PlainTextContent>Do **norms** &lt;converge&gt;? &amp; how</PlainTextContent>');
    // Each NoteRef sits on what the memo is about: the source, the principle's code, the actor's code, the project.
    expect(qde).toMatch(/<TextSource [^>]*name="one"[^]*?<NoteRef [^]*?<\/TextSource>/);
    expect(qde).toMatch(/<Code [^>]*name="Protect people"[^>]*>\n<Description>[^<]*<\/Description>\n<NoteRef /);
    expect(qde).toMatch(/<Code [^>]*name="Atlantis"[^>]*>\n(<Description>[^<]*<\/Description>\n)?<NoteRef /);
    expect(qde).toMatch(/<\/Sets>\n<Description>[^<]*<\/Description>\n<NoteRef [^>]*\/>\n<\/Project>/);

    const target = await emptyLibrary();
    const report = await importQdpx(target.store, target.codebook, exported.fileName, exported.bytes, task);
    expect(report).toMatchObject({ documentsAdded: 2, memosAdded: 4, memosPresent: 0, skipped: [] });
    expect(memosOf(target)).toEqual(memosOf(source));
    expect(memosOf(target).map((m) => m.about)).toEqual(['Actor: Atlantis', 'Document: one', 'Project', 'Principle: Protect people']);
    // Same ids and dates: the memos are the ones that were exported.
    const strip = (m: Memo) => ({ id: m.id, created: m.created, modified: m.modified });
    expect(target.store.memos.list().map(strip).sort((a, b) => a.id.localeCompare(b.id))).toEqual(made.map(strip).sort((a, b) => a.id.localeCompare(b.id)));

    // The user rewrites a memo; importing the same project again keeps it and adds nothing.
    const project = target.store.memos.list().find((m) => m.target.kind === 'project')!;
    await target.store.memos.edit({ op: 'update', id: project.id, title: project.title, body: 'My own words now.', target: project.target });
    const again = await importQdpx(target.store, target.codebook, exported.fileName, exported.bytes, task);
    expect(again).toMatchObject({ memosAdded: 0, memosPresent: 4 });
    expect(target.store.memos.list()).toHaveLength(4);
    expect(target.store.memos.list().find((m) => m.id === project.id)!.body).toBe('My own words now.');
    await Promise.all([source.close(), target.close()]);
  });

  it('leaves out memos about documents that are not exported', async () => {
    const source = await emptyLibrary();
    const one = await importFile(source.store, 'one.txt', new TextEncoder().encode('First source.'));
    const two = await importFile(source.store, 'two.txt', new TextEncoder().encode('Second source.'));
    await source.store.memos.edit({ op: 'create', title: 'Kept', body: '', target: { kind: 'document', documentId: one.document.id } });
    await source.store.memos.edit({ op: 'create', title: 'Left out', body: '', target: { kind: 'document', documentId: two.document.id } });
    const exported = await runExport(source, { format: 'refi-qda', scope: { kind: 'documents', documentIds: [one.document.id] } }, task);
    const qde = new TextDecoder().decode(unzipSync(exported.bytes)['project.qde']);
    expect(qde).toContain('name="Kept"');
    expect(qde).not.toContain('Left out');
    await source.close();
  });

  it('takes another tool’s notes as memos about their source, their code or the project', async () => {
    const target = await emptyLibrary();
    const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Study" origin="Another tool">
  <CodeBook><Codes>
    <Code guid="C0000000-0000-4000-8000-000000000001" name="Trust" isCodable="true"><NoteRef targetGUID="N0000000-0000-4000-8000-000000000002"/></Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="{S0000000-0000-4000-8000-000000000001}" name="Interview A">
      <PlainTextContent>We trust the ministry, said the mayor.</PlainTextContent>
      <PlainTextSelection guid="L0000000-0000-4000-8000-000000000001" startPosition="3" endPosition="8">
        <Coding guid="G0000000-0000-4000-8000-000000000001"><CodeRef targetGUID="C0000000-0000-4000-8000-000000000001"/></Coding>
        <NoteRef targetGUID="N0000000-0000-4000-8000-000000000004"/>
      </PlainTextSelection>
      <NoteRef targetGUID="{n0000000-0000-4000-8000-000000000001}"/>
    </TextSource>
  </Sources>
  <Notes>
    <Note guid="N0000000-0000-4000-8000-000000000001" name="About interview A" creationDateTime="2023-04-05T06:07:08Z"><PlainTextContent>The mayor was tired.\r\nShort answers.</PlainTextContent></Note>
    <Note guid="N0000000-0000-4000-8000-000000000002" name=""><PlainTextContent>Trust in institutions, not people.</PlainTextContent></Note>
    <Note guid="N0000000-0000-4000-8000-000000000003" name="Journal" plainTextPath="internal://journal.txt"/>
    <Note guid="N0000000-0000-4000-8000-000000000004" name="On a passage"><PlainTextContent>Said with a smile.</PlainTextContent></Note>
    <Note guid="N0000000-0000-4000-8000-000000000005" name="Lost" plainTextPath="internal://missing.txt"/>
    <Note guid="N0000000-0000-4000-8000-000000000006" name="Research journal"><PlainTextContent>Day one.</PlainTextContent></Note>
  </Notes>
  <NoteRef targetGUID="N0000000-0000-4000-8000-000000000006"/>
</Project>`;
    const zip = zipSync({ 'project.qde': strToU8(qde), 'sources/journal.txt': strToU8('Kept in a file of its own.') });
    const report = await importQdpx(target.store, target.codebook, 'study.qdpx', zip, task);
    expect(report).toMatchObject({ documentsAdded: 1, imported: 1, memosAdded: 4, memosPresent: 0 });
    expect(report.skipped).toEqual([{ reason: 'notes whose text is not in the project file', count: 1 }]);
    expect(memosOf(target)).toEqual([
      { about: 'Document: Interview A', title: 'About interview A', body: 'The mayor was tired.\nShort answers.' },
      { about: 'Project', title: 'Journal', body: 'Kept in a file of its own.' },
      { about: 'Project', title: 'Research journal', body: 'Day one.' },
      { about: 'Principle: Trust', title: 'Trust in institutions, not people.', body: 'Trust in institutions, not people.' },
    ]);
    expect(target.store.memos.list().find((m) => m.title === 'About interview A')!.created).toBe('2023-04-05T06:07:08.000Z');
    // The note on a selection is its highlight's note, not a memo.
    const [highlight] = await target.store.allAnnotations();
    expect(highlight!.body.note).toBe('Said with a smile.');

    const again = await importQdpx(target.store, target.codebook, 'study.qdpx', zip, task);
    expect(again).toMatchObject({ memosAdded: 0, memosPresent: 4 });
    expect(target.store.memos.list()).toHaveLength(4);
    await target.close();
  });
});
