// One-line summaries of what an import did, for the notice shown after it.
import type { AnnotationImportReport, ProjectImportReport, ReferenceImportReport } from '../../../shared/interchange/types';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function describeReferenceImport(name: string, r: ReferenceImportReport): string {
  const parts: string[] = [];
  if (r.added.length) parts.push(`${plural(r.added.length, 'new reference', 'new references')} waiting for their file`);
  if (r.completed.length) parts.push(`${plural(r.completed.length, 'entry', 'entries')} completed`);
  if (r.possibleDuplicates.length) parts.push(`${plural(r.possibleDuplicates.length, 'possible duplicate', 'possible duplicates')} kept to compare`);
  if (r.unchanged) parts.push(`${r.unchanged} already up to date`);
  if (r.refused.length) parts.push(`${r.refused.length} refused`);
  return `${name}: ${parts.join(', ') || 'no entries found'}.`;
}

/** Where a refused entry is in its file: "entry smith2019, line 12". */
export function describeEntryPlace(entry: { key: string | null; line: number | null }): string {
  const key = entry.key ? `entry ${entry.key}` : 'an entry without a key';
  return entry.line ? `${key}, line ${entry.line}` : key;
}

export function describeAnnotationImport(name: string, r: AnnotationImportReport): string {
  const parts = [`${plural(r.imported, 'annotation', 'annotations')} imported`];
  if (r.alreadyPresent) parts.push(`${r.alreadyPresent} already there`);
  if (r.reanchored) parts.push(`${r.reanchored} placed by their quote`);
  if (r.orphaned) parts.push(`${r.orphaned} could not be placed (kept, see each document's list)`);
  const unmatched = r.unmatched.reduce((n, u) => n + u.count, 0);
  if (unmatched) parts.push(`${unmatched} for documents not found in the library (${r.unmatched.slice(0, 2).map((u) => u.title ?? u.source ?? 'no document named').join(', ')})`);
  if (r.linksAdded || r.linksPresent) parts.push(`${plural(r.linksAdded, 'link between passages', 'links between passages')} made${r.linksPresent ? ` (${r.linksPresent} already there)` : ''}`);
  // Links left out are told one reason at a time: the user can act on them (import what they link first).
  const linkSkips = r.skipped.filter((s) => s.reason.startsWith('links '));
  const skipped = r.skipped.filter((s) => !linkSkips.includes(s)).reduce((n, s) => n + s.count, 0);
  if (skipped) parts.push(`${skipped} left out`);
  for (const s of linkSkips) parts.push(`left out: ${s.reason} (${s.count})`);
  if (r.codebookAdded.length) parts.push(`added to the codebook: ${r.codebookAdded.slice(0, 4).join(', ')}${r.codebookAdded.length > 4 ? '…' : ''}`);
  return `${name}: ${parts.join(', ')}.`;
}

export function describeProjectImport(name: string, r: ProjectImportReport): string {
  const parts = [`${plural(r.documentsAdded, 'source', 'sources')} added`];
  if (r.documentsPresent) parts.push(`${r.documentsPresent} already in the library`);
  parts.push(`${plural(r.imported, 'coded passage', 'coded passages')} imported`);
  if (r.alreadyPresent) parts.push(`${r.alreadyPresent} already there`);
  if (r.orphaned) parts.push(`${r.orphaned} could not be placed (kept, see each document's list)`);
  parts.push(`codes: ${r.codesMatched} matched by name, ${r.codesAdded} added`);
  if (r.memosAdded || r.memosPresent) parts.push(`${plural(r.memosAdded, 'note', 'notes')} added as memos${r.memosPresent ? `, ${r.memosPresent} already there` : ''}`);
  if (r.skipped.length) parts.push(`left out: ${r.skipped.map((s) => `${s.count} ${s.reason}`).join('; ')}`);
  return [`${name}: ${parts.join(', ')}.`, ...r.notes].join(' ');
}
