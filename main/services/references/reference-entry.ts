// One entry of a reference file as read, whatever the format: a CSL item, or the reason in words why
// the entry could not be read, with what identifies it to the user (its key and line). No parser is
// loaded from here: the main side imports these types while the reading happens in the import worker.
import type { CslItem } from '../../../shared/interchange/csl-json';

export type ReferenceFileFormat = 'bibtex' | 'ris' | 'csl-json';

export const FORMAT_NAMES: Record<ReferenceFileFormat, string> = { bibtex: 'BibTeX', ris: 'RIS', 'csl-json': 'CSL-JSON' };

/** A reference file read: its format and its entries, in file order. */
export interface ReadReferenceFile {
  format: ReferenceFileFormat;
  entries: ReferenceEntry[];
}

export interface ReferenceEntry {
  /** The entry's citation key (BibTeX), ID (RIS) or id (CSL-JSON), when it has one. */
  key: string | null;
  /** The line of the file the entry starts on (from 1), when known. */
  line: number | null;
  read: { item: CslItem } | { problem: string };
}

/** 1-based line numbers of offsets in a text, found by one scan. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}
