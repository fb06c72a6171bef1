// A reference file (BibTeX, RIS or CSL-JSON) read into its entries, each a CSL item or a reason it
// could not be read. Only a file that is none of these formats at all is refused as a whole.
import { AppError } from '../../../shared/errors';
import { readBibtex } from './bibtex-file';
import { NotCslJson, readCslJson } from './csl-json-file';
import { FORMAT_NAMES, type ReadReferenceFile, type ReferenceEntry, type ReferenceFileFormat } from './reference-entry';
import { readRis } from './ris-file';

const RIS_RECORD = /^TY {1,3}- ?\S/m;

/** Which format a reference file is in, from its name and its first characters. */
export function detectReferenceFormat(name: string, text: string): ReferenceFileFormat | null {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'bib' || ext === 'bibtex' || ext === 'biblatex') return 'bibtex';
  if (ext === 'ris') return 'ris';
  const start = text.replace(/^\ufeff/, '').trimStart();
  if (start.startsWith('[') || start.startsWith('{')) return 'csl-json';
  if (RIS_RECORD.test(text)) return 'ris';
  if (/@[a-z]+\s*[{(]/i.test(text)) return 'bibtex';
  return null;
}

/** The entries of a reference file. Never fetches anything. */
export async function readReferenceFile(name: string, text: string): Promise<ReadReferenceFile> {
  const format = detectReferenceFormat(name, text);
  if (!format) throw new AppError('unsupported', `${name} is not a BibTeX (.bib), RIS (.ris) or CSL-JSON (.json) file.`);
  let entries: ReferenceEntry[];
  try {
    entries = format === 'bibtex' ? await readBibtex(text) : format === 'ris' ? readRis(text) : readCslJson(text);
  } catch (error) {
    if (error instanceof NotCslJson) throw new AppError('invalid-input', `${name} could not be read as CSL-JSON: ${error.message}.`);
    throw error;
  }
  if (entries.length === 0) {
    const expected = format === 'bibtex' ? 'entries such as “@article{key, …}”' : format === 'ris' ? 'records starting with a “TY  - ” line' : 'reference objects';
    throw new AppError('invalid-input', `${name} has no ${FORMAT_NAMES[format]} ${expected}; nothing was imported.`);
  }
  return { format, entries };
}
