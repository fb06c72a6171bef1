// A REFI-QDA project file (.qdpx): a zip holding project.qde, the sources' plain texts under sources/,
// and (ours) the original files and apostil.json beside them.
import type { RefiQdaProject } from '../../../shared/interchange/refi-qda';

/** fflate is loaded by the first export that zips, not at start (main/host/startup-imports.test.ts). */
export async function packQdpx(project: RefiQdaProject): Promise<Uint8Array> {
  const { strToU8, zipSync } = await import('fflate');
  const entries: Record<string, Uint8Array> = { 'project.qde': strToU8(project.xml) };
  for (const file of project.files) entries[file.path] = typeof file.content === 'string' ? strToU8(file.content) : file.content;
  return zipSync(entries, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
}
