// The part of the check at open that reads links.json (links between passages). A file that is not JSON,
// or not of the expected shape, is moved into the quarantine and the library opens without links; links
// that are not valid are copied there and left out, one by one; repairs that lose nothing keep a copy of
// the file as it was. Links whose passage is missing without having been deleted in Apostil (an
// annotations file removed while Apostil was closed) are kept and reported: never dropped in silence.
import { checkLinksFile, emptyLinks, linksFileShape } from '../../../shared/links/check';
import { linkStatus, type StoredLinks } from '../../../shared/links/edit';
import type { LinkEnd } from '../../../shared/links/model';
import { AppError } from '../../../shared/errors';
import type { Findings } from './findings';
import type { LibraryPaths } from './files';
import { writeLinksFile } from './passage-links';
import { readLibraryFile } from './safe-fs';

const NAME = 'links.json';

export async function checkLinkFile(paths: Pick<LibraryPaths, 'linksFile'>, findings: Findings, exists: (end: LinkEnd) => boolean): Promise<StoredLinks> {
  const file = paths.linksFile;
  let raw = '';
  let notAFile: string | null = null;
  try {
    raw = (await readLibraryFile(file)).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyLinks(); // none made yet
    if (!(error instanceof AppError)) throw error;
    notAFile = error.message;
  }
  let shape: ReturnType<typeof linksFileShape.safeParse> | null = null;
  try {
    if (notAFile === null) shape = linksFileShape.safeParse(JSON.parse(raw));
  } catch {
    // not JSON: shape stays null
  }
  if (!shape?.success) {
    const message = notAFile ?? `${NAME} is not ${shape ? 'a file Apostil can read (its outer shape is wrong)' : 'valid JSON'}.`;
    await findings.moveAside(
      'unreadable-links',
      file,
      message,
      'The library opened with no links between passages (the highlights themselves are not affected).',
      `repair ${NAME} in this folder and copy it back into the library folder while Apostil is closed (links made since would be replaced).`,
      null,
      NAME,
    );
    return emptyLinks();
  }

  const checked = checkLinksFile(shape.data);
  if (checked.invalid.length > 0) {
    const n = checked.invalid.length;
    await findings.keepCopies(
      'invalid-links',
      file,
      { [NAME]: JSON.stringify({ invalid: checked.invalid, originalFile: raw }, null, 2) },
      `${NAME} held ${n} entr${n === 1 ? 'y' : 'ies'} that ${n === 1 ? 'is' : 'are'} not valid (${checked.invalid[0]!.reason}${n > 1 ? '; …' : ''}).`,
      'The valid links were kept; the others were set aside.',
      `fix the entries listed under "invalid" and add them back to the library's ${NAME} while Apostil is closed.`,
    );
  }
  if (checked.repairs.length > 0) {
    await findings.keepCopies(
      'repaired-links',
      file,
      { [NAME]: raw },
      `${NAME}: ${checked.repairs.slice(0, 5).join(' ')}${checked.repairs.length > 5 ? ' …' : ''}`,
      'Nothing was lost; a copy of the file as it was is kept.',
      `nothing is needed; this is the file as it was before the repair (copy it over the library's ${NAME} while Apostil is closed to have it back).`,
    );
  }
  if (checked.invalid.length > 0 || checked.repairs.length > 0) await writeLinksFile(file, checked.value);

  const orphaned = checked.value.links.filter((l) => linkStatus(l, exists) === 'orphaned');
  if (orphaned.length > 0) {
    const n = orphaned.length;
    const ends = orphaned.slice(0, 3).map((l) => (exists(l.from) ? l.to : l.from));
    findings.report(
      'orphaned-links',
      file,
      `${n} link${n === 1 ? '' : 's'} between passages reach${n === 1 ? 'es' : ''} a highlight that is not in the library (${ends
        .map((e) => `highlight ${e.annotationId} of document ${e.documentId}`)
        .join('; ')}${n > 3 ? '; …' : ''}): its annotations file was changed or removed outside Apostil.`,
      `The link${n === 1 ? ' is' : 's are'} kept and shown as broken in the Links view: ${n === 1 ? 'it comes' : 'they come'} back by ${n === 1 ? 'itself' : 'themselves'} if the highlight does, or delete ${n === 1 ? 'it' : 'them'} there.`,
      null,
    );
  }
  return checked.value;
}
