// The integrity check at open. Nothing unusable is ever deleted: it is moved to the quarantine with a
// note and reported (Library health). With a record of the last check (check-record.ts) only files whose
// stamp changed since are read; without one (a new library, or a record that cannot be trusted) every
// file is. Links and special files are never followed or read: where the library expects one of its
// folders, such an entry is set aside (the link itself, never what it points to) and a real folder made.
import { lstat, readdir, readlink, rename } from 'node:fs/promises';
import { setImmediate as yieldToIo } from 'node:timers/promises';
import path from 'node:path';
import { z } from 'zod';
import type { HealthIssue } from '../../../shared/health';
import type { Annotation, Codebook, LibraryDocument } from '../../../shared/model';
import type { Organisation } from '../../../shared/collections/scope';
import { annotationSchema, codebookSchema } from '../../../shared/schemas';
import { isCode, jsonText, removeStaleTempFiles, TEMP_MARK, writeFileAtomic } from './atomic';
import { checkCollectionFiles } from './check-collections';
import { checkMemosFile } from './memos';
import type { Memo } from '../../../shared/memos/model';
import { checkVariablesFile } from './variables';
import type { DocumentVariables } from '../../../shared/variables';
import { checkLinkFile } from './check-links';
import type { StoredLinks } from '../../../shared/links/edit';
import { undoInterruptedCodebookChange } from './codebook-journal';
import { sha256, type CheckRecord, type RecordedFile } from './check-record';
import { DocumentCheck, messageOf, type CheckedDocument } from './document-check';
import { documentFileNames, scanLibrary } from './open-scan';
import { LIBRARY_FORMAT_VERSION, loadJsonFile, readJsonFile, type LibraryPaths } from './files';
import { Findings } from './findings';
import { QUARANTINE_DIR } from './quarantine';
import { describeEntry, libraryFolder } from './safe-fs';

export { stripUnknownLinks } from './document-check';

export const libraryFileSchema = z.object({ version: z.literal(LIBRARY_FORMAT_VERSION), name: z.string(), created: z.string() });
export const annotationsFileSchema = z.object({ version: z.literal(1), annotations: z.array(annotationSchema) });

/**
 * The folders of a library (files.ts): an entry of that name that is not a real folder is set aside.
 * The quarantine first, since the others are set aside into it.
 */
const LIBRARY_FOLDERS = [QUARANTINE_DIR, 'documents', 'trash', 'cache', 'references'] as const;

export interface CheckedLibrary {
  name: string;
  codebook: Codebook;
  documents: LibraryDocument[];
  annotationIds: Map<string, string[]>;
  /** Annotation lists the check read, by document (others are read when needed). */
  annotations: Map<string, Annotation[]>;
  /** Collections and document tags (check-collections.ts). */
  organisation: Organisation;
  /** Memos (memos.ts). */
  memos: Memo[];
  variables: DocumentVariables;
  /** Links between passages (check-links.ts). */
  links: StoredLinks;
  /** What the next open may rely on. */
  record: CheckRecord;
  /** Files read (and so hashed) by this check, relative to the library. */
  read: Set<string>;
  /** Every file was read: there was no record, or it could not be trusted. */
  full: boolean;
  /** Folders seen clean that the record did not have yet (open-scan.ts): worth writing the record for. */
  foldersSeen: number;
  /** The record was of an earlier version (check-record-format.ts): worth writing again as the current one. */
  recordOutdated: boolean;
  issues: HealthIssue[];
}

/**
 * Documents checked between two breaks: the check of an unchanged document makes only synchronous stats,
 * so without breaks an open of thousands would keep the host from answering anything (the page's own
 * files, served while the library opens) until it ends.
 */
const DOCUMENTS_BETWEEN_BREAKS = 100;

export async function checkLibrary(paths: LibraryPaths, defaultCodebook: Codebook): Promise<CheckedLibrary> {
  const findings = new Findings(paths.root);
  await guardFolders(paths, findings);
  await removeStaleTempFiles(paths.root);
  const name = await checkLibraryFile(paths, findings);
  // Before anything is read: a codebook change cut short is undone, so codebook and annotations agree.
  await checkInterruptedCodebookChange(paths, findings);
  // The record read and the documents compared with it by stamp: only once cache/ is known to be a
  // folder of the library (not a link out of it), and after the undo above rewrote any annotations file.
  const { record: previous, unchanged, folders } = await scanLibrary(paths);
  const { codebook, codebookSha256 } = await checkCodebook(paths, findings, defaultCodebook);
  // Links to principles and actors are checked again in every annotations file when the codebook changed.
  const relink = previous?.codebookSha256 !== codebookSha256;

  const record: CheckRecord = { codebookSha256, files: new Map(), documents: new Map(), folders };
  const foldersSeen = [...folders.keys()].filter((id) => !previous?.folders.has(id)).length;
  const read = new Set<string>();
  const documents: LibraryDocument[] = [];
  const annotationIds = new Map<string, string[]>();
  const annotations = new Map<string, Annotation[]>();
  const check = new DocumentCheck(paths, findings, codebook);
  let count = 0;
  for (const id of await documentFolders(paths, findings)) {
    if (++count % DOCUMENTS_BETWEEN_BREAKS === 0) await yieldToIo();
    const checked = previous && !relink && unchanged.has(id) ? asRecorded(id, previous) : await check.check(id, previous, relink);
    if (!checked) continue;
    documents.push(checked.document);
    annotationIds.set(id, checked.annotationIds);
    if (checked.annotations) annotations.set(id, checked.annotations);
    for (const [file, recorded] of checked.files) record.files.set(file, recorded);
    record.documents.set(id, { document: checked.document, annotationIds: checked.annotationIds });
    for (const file of checked.read) read.add(file);
  }
  const organisation = await checkCollectionFiles(paths, findings.quarantine, (...finding) => findings.report(...finding));
  const memos = await checkMemosFile(paths, findings.quarantine, (...finding) => findings.report(...finding));
  const variables = await checkVariablesFile(paths, findings.quarantine, (...finding) => findings.report(...finding));
  // Which document each annotation belongs to, made only if there are links to check: 100,000 entries
  // cost a noticeable stretch of an open that nothing else in it needs.
  let owners: Map<string, string> | null = null;
  const ownerOf = (annotationId: string) => {
    if (!owners) {
      owners = new Map();
      for (const [documentId, ids] of annotationIds) for (const id of ids) owners.set(id, documentId);
    }
    return owners.get(annotationId);
  };
  const links = await checkLinkFile(paths, findings, (end) => ownerOf(end.annotationId) === end.documentId);
  return { name, codebook, documents, annotationIds, annotations, organisation, memos, variables, links, record, read, full: previous === null, foldersSeen, recordOutdated: previous?.outdated === true, issues: findings.issues };
}

/** A document the scan found exactly as recorded: what its check would find, from the record. */
function asRecorded(id: string, record: CheckRecord): CheckedDocument {
  const { document, annotationIds } = record.documents.get(id)!;
  const files = new Map<string, RecordedFile>();
  for (const file of documentFileNames(document)) files.set(file, record.files.get(file)!);
  return { document, annotationIds, annotations: null, files, read: [] };
}

/** A codebook change cut short by a crash is undone: the codebook and the passages it recoded are as before. */
async function checkInterruptedCodebookChange(paths: LibraryPaths, findings: Findings): Promise<void> {
  const file = paths.codebookJournal;
  try {
    const restored = await undoInterruptedCodebookChange(paths);
    if (!restored) return;
    findings.report(
      'interrupted-codebook-change',
      file,
      'A change to the codebook did not finish.',
      'The codebook and the passages it was recoding were put back as they were before it. Make the change again.',
      null,
    );
  } catch (error) {
    // The journal is written atomically, so this means it was edited or its copies removed by hand.
    // Both it and the copies are set aside (the copies first: they are what a person can restore from).
    const message = messageOf(error);
    const restore =
      'nothing could be restored automatically. journal/ holds the files as they were before the change (codebook-change.json says which file each copy belongs to); copy them back while Apostil is closed to undo the change by hand.';
    const action = 'The library was opened as its files are now; links to principles or actors the codebook lacks are set aside below.';
    const copies = await lstat(paths.journalCopies).then(
      () => true,
      () => false,
    );
    if (copies) await findings.quarantine.moveAside(paths.journalCopies, { kind: 'interrupted-codebook-change', message, originalPath: 'journal', restore });
    await findings.moveAside('interrupted-codebook-change', file, `A change to the codebook did not finish, and it could not be undone: ${message}`, action, restore, null, 'codebook-change.json');
  }
}

/** Where the library keeps one of its folders, a link or a file is set aside and a real folder made. */
async function guardFolders(paths: LibraryPaths, findings: Findings): Promise<void> {
  for (const name of LIBRARY_FOLDERS) {
    const entry = path.join(paths.root, name);
    const info = await lstat(entry).catch((error: unknown) => (isCode(error, 'ENOENT') ? null : Promise.reject(error)));
    if (!info || info.isDirectory()) continue;
    const target = info.isSymbolicLink() ? await readlink(entry).catch(() => null) : null;
    const what = `${describeEntry(info)}${target ? ` to ${target}` : ''}`;
    const message = `${name} in the library is ${what}, not a folder${info.isSymbolicLink() ? ': Apostil does not follow links out of the library' : ''}.`;
    const restore =
      name === 'documents'
        ? 'to use the documents it points to, move that folder itself (not a link) into the library as documents/ while Apostil is closed.'
        : name === 'cache'
          ? 'nothing is needed: cache/ only holds data Apostil rebuilds (the search index).'
          : `nothing is needed for Apostil; look in it for anything of yours that should be in ${name}/.`;
    let source = entry;
    if (name === QUARANTINE_DIR) {
      // The quarantine cannot hold itself: the entry is first renamed, then moved into a new, real quarantine.
      source = path.join(paths.root, `${QUARANTINE_DIR}-set-aside-${Date.now()}`);
      await rename(entry, source);
    }
    const action = `It was set aside (a link is moved, never what it points to) and an empty ${name}/ folder made.`;
    // A damaged cache is not a problem of the library (it only holds what Apostil rebuilds): kept aside
    // quietly. A link is reported wherever it is: something put it there.
    if (name === 'cache' && !info.isSymbolicLink()) {
      await findings.quarantine.moveAside(source, { kind: 'link-or-special-file', message, originalPath: name, restore });
    } else await findings.moveAside('link-or-special-file', source, message, action, restore, null, name);
  }
  await libraryFolder(paths.root, 'documents');
}

/** The folders of documents/ that may be documents; anything else there is reported, and left as it is. */
async function documentFolders(paths: LibraryPaths, findings: Findings): Promise<string[]> {
  const ids: string[] = [];
  for (const entry of await readdir(paths.documents, { withFileTypes: true })) {
    const file = path.join(paths.documents, entry.name);
    if (entry.name.startsWith(TEMP_MARK)) continue; // removed with the other temp files
    if (entry.isDirectory() && !entry.name.startsWith('.')) {
      ids.push(entry.name);
      continue;
    }
    const info = await lstat(file).catch(() => null);
    if (!info) continue;
    const target = info.isSymbolicLink() ? await readlink(file).catch(() => null) : null;
    let message: string;
    let action = 'Nothing was changed.';
    if (info.isDirectory()) {
      message = `documents/${entry.name} is a folder whose name begins with a dot, so Apostil does not read it: its document and annotations are not in the library.`;
      action += ' If it is a document, rename the folder to the id in its meta.json (without the dot) while Apostil is closed.';
    } else if (info.isSymbolicLink()) {
      message = `documents/${entry.name} is a symbolic link${target ? ` to ${target}` : ''}: Apostil does not follow links out of the library, so its document and annotations are not in the library.`;
      action += ' To use that document, move its folder itself (not a link) into documents/ while Apostil is closed.';
    } else {
      message = `documents/${entry.name} is ${describeEntry(info)}, not a document folder.`;
      action += ' Apostil does not use it.';
    }
    findings.report('unused-entry', file, message, action, null);
  }
  return ids.sort();
}

async function checkLibraryFile(paths: LibraryPaths, findings: Findings): Promise<string> {
  const file = paths.libraryFile;
  try {
    return (await readJsonFile(file, libraryFileSchema)).name;
  } catch (error) {
    const name = path.basename(paths.root);
    const message = messageOf(error);
    const restore = 'nothing is needed: library.json only holds the library\'s name; Apostil wrote a new one.';
    if (await present(file)) await findings.moveAside('unreadable-library-file', file, message, 'A new library.json was written.', restore);
    else findings.report('unreadable-library-file', file, message, 'A new library.json was written.', null);
    await writeFileAtomic(file, jsonText({ version: LIBRARY_FORMAT_VERSION, name, created: new Date().toISOString() }));
    return name;
  }
}

async function checkCodebook(paths: LibraryPaths, findings: Findings, defaultCodebook: Codebook): Promise<{ codebook: Codebook; codebookSha256: string }> {
  const file = paths.codebookFile;
  try {
    const { value, bytes } = await loadJsonFile(file, codebookSchema);
    return { codebook: value, codebookSha256: sha256(bytes) };
  } catch (error) {
    const message = messageOf(error);
    const action = 'The default codebook (the Paris Call) was restored; links to principles or actors it lacks were set aside.';
    const restore = 'repair codebook.json in this folder and copy it over the library\'s codebook.json while Apostil is closed.';
    if (await present(file)) await findings.moveAside('unreadable-codebook', file, message, action, restore);
    else findings.report('unreadable-codebook', file, message, action, null);
    const text = jsonText(defaultCodebook);
    await writeFileAtomic(file, text);
    return { codebook: defaultCodebook, codebookSha256: sha256(text) };
  }
}

/** Whether anything (a file, a link, a FIFO…) is at this path. */
async function present(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}
