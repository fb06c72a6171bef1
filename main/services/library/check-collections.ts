// The part of the check at open that reads collections.json and document-tags.json. A file that is not
// JSON, or not of the expected shape, is moved into the quarantine and the library opens without it;
// entries that are not valid are copied there and left out; repairs that lose nothing (a parent that is
// gone, a document listed twice) keep a copy of the file as it was. Either way the file is rewritten
// only once what it held is safe in the quarantine.
import type { z } from 'zod';
import {
  checkCollections,
  checkDocumentTags,
  collectionsFileShape,
  documentTagsFileShape,
  type CheckedFile,
} from '../../../shared/collections/check';
import { AppError } from '../../../shared/errors';
import type { Organisation } from '../../../shared/collections/scope';
import type { HealthIssueKind } from '../../../shared/health';
import { writeCollectionsFile, writeDocumentTagsFile } from './collections';
import type { LibraryPaths } from './files';
import type { Quarantine } from './quarantine';
import { readLibraryFile } from './safe-fs';

export type Report = (kind: HealthIssueKind, file: string, message: string, action: string, keptAt: string | null) => void;

export interface FileKind<Shape extends z.ZodType, T> {
  file: string;
  /** The health report's kinds for an unreadable file, invalid entries and repairs (collections' by default). */
  issues?: { unreadable: HealthIssueKind; invalid: HealthIssueKind; repaired: HealthIssueKind };
  name: string;
  /** What the library holds while the file cannot be read, in words. */
  without: string;
  shape: Shape;
  entries(shape: z.output<Shape>): CheckedFile<T>;
  empty: T;
  write(file: string, value: T): Promise<void>;
}

export async function checkCollectionFiles(paths: LibraryPaths, quarantine: Quarantine, report: Report): Promise<Organisation> {
  const collections = await checkEntriesFile(quarantine, report, {
    file: paths.collectionsFile,
    name: 'collections.json',
    without: 'The library opened with no collections (its documents are all there, unfiled).',
    shape: collectionsFileShape,
    entries: (value) => checkCollections(value.collections),
    empty: [],
    write: writeCollectionsFile,
  });
  const tags = await checkEntriesFile(quarantine, report, {
    file: paths.documentTagsFile,
    name: 'document-tags.json',
    without: 'The library opened with no document tags (passage tags are not affected).',
    shape: documentTagsFileShape,
    entries: (value) => checkDocumentTags(value.documents),
    empty: {},
    write: writeDocumentTagsFile,
  });
  return { collections, tags };
}

/** Reads one JSON file of entries judged one by one (collections, tags, memos), setting aside what is bad. */
export async function checkEntriesFile<Shape extends z.ZodType, T>(quarantine: Quarantine, report: Report, kind: FileKind<Shape, T>): Promise<T> {
  const issues = kind.issues ?? { unreadable: 'unreadable-collections', invalid: 'invalid-collections', repaired: 'repaired-collections' };
  let raw = '';
  // A link or a FIFO where the file should be is never followed or read (safe-fs.ts): set aside as unreadable.
  let notAFile: string | null = null;
  try {
    raw = (await readLibraryFile(kind.file)).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return kind.empty; // none made yet
    if (!(error instanceof AppError)) throw error;
    notAFile = error.message;
  }
  let shape: z.ZodSafeParseResult<z.output<Shape>> | null = null;
  try {
    if (notAFile === null) shape = kind.shape.safeParse(JSON.parse(raw));
  } catch {
    // not JSON: shape stays null
  }
  if (!shape?.success) {
    const message = notAFile ?? `${kind.name} is not ${shape ? 'a file Apostil can read (its outer shape is wrong)' : 'valid JSON'}.`;
    const keptAt = await quarantine.moveAside(kind.file, {
      kind: issues.unreadable,
      message,
      originalPath: kind.name,
      restore: `repair ${kind.name} in this folder and copy it back into the library folder while Apostil is closed (anything changed since would be replaced).`,
    });
    report(issues.unreadable, kind.file, message, kind.without, keptAt);
    return kind.empty;
  }

  const checked = kind.entries(shape.data);
  if (checked.invalid.length > 0) {
    const n = checked.invalid.length;
    const message = `${kind.name} held ${n} entr${n === 1 ? 'y' : 'ies'} that ${n === 1 ? 'is' : 'are'} not valid (${checked.invalid[0]!.reason}${n > 1 ? '; …' : ''}).`;
    const keptAt = await quarantine.keepCopies({ [kind.name]: JSON.stringify({ invalid: checked.invalid, originalFile: raw }, null, 2) }, {
      kind: issues.invalid,
      message,
      originalPath: kind.name,
      restore: `fix the entries listed under "invalid" and add them back to the library's ${kind.name} while Apostil is closed.`,
    });
    report(issues.invalid, kind.file, message, 'The valid entries were kept; the others were set aside.', keptAt);
  }
  if (checked.repairs.length > 0) {
    const message = `${kind.name}: ${checked.repairs.slice(0, 5).join(' ')}${checked.repairs.length > 5 ? ' …' : ''}`;
    const keptAt = await quarantine.keepCopies({ [kind.name]: raw }, {
      kind: issues.repaired,
      message,
      originalPath: kind.name,
      restore: `nothing is needed; this is the file as it was before the repair, should you want it back (copy it over the library's ${kind.name} while Apostil is closed).`,
    });
    report(issues.repaired, kind.file, message, 'Nothing was lost; a copy of the file as it was is kept.', keptAt);
  }
  if (checked.invalid.length > 0 || checked.repairs.length > 0) await kind.write(kind.file, checked.value);
  return checked.value;
}
