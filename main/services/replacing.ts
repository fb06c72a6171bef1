// Replacing a document's file with a new version (a corrected or re-typeset PDF, say): the new file is
// read like an import, must be of the same format, and every annotation is anchored again in its text.
// Those found are described afresh; those not found are kept untouched and show as orphans.
import { createHash } from 'node:crypto';
import type { ReplaceOutcome } from '../../shared/api';
import { reanchorAnnotations } from '../../shared/anchoring';
import { AppError } from '../../shared/errors';
import { extractDocument } from './import';
import { safeFileName } from './importing';
import type { LibraryStore, ReplacedFile } from './library/store';

const FORMAT_NAMES = { pdf: 'a PDF', html: 'a web page', markdown: 'a Markdown file', text: 'a text file' } as const;

export interface ReplaceOptions {
  /** An encrypted PDF's password, for this read only. */
  password?: string;
  signal?: AbortSignal;
}

export async function replaceFile(
  store: LibraryStore,
  id: string,
  fileName: string,
  bytes: Uint8Array,
  options: ReplaceOptions = {},
): Promise<ReplaceOutcome> {
  const { replacement, outcome } = await prepareReplacement(store, id, fileName, bytes, options);
  const document = await store.replaceFile(id, replacement);
  return { document, ...outcome() };
}

/**
 * Reads the new file; nothing is written yet. The annotations are anchored again in its text when the
 * store writes it, from those the document has then (one saved while the file was read is kept);
 * `outcome` tells how many were found once the replace is done.
 */
export async function prepareReplacement(
  store: LibraryStore,
  id: string,
  fileName: string,
  bytes: Uint8Array,
  options: ReplaceOptions = {},
): Promise<{ replacement: ReplacedFile; outcome: () => { reanchored: number; orphaned: number } }> {
  const current = store.getDocument(id);
  const name = safeFileName(fileName);
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  if (contentHash === current.contentHash) {
    throw new AppError('invalid-input', `"${name}" is the file "${current.metadata.title}" already has: there is nothing to replace.`);
  }
  const other = store.findByHash(contentHash);
  if (other) {
    throw new AppError(
      'duplicate',
      `"${name}" is already in the library as "${other.metadata.title}". Choose the new version of "${current.metadata.title}" instead.`,
    );
  }
  const extracted = await extractDocument(name, bytes, options);
  if (extracted.format !== current.format) {
    throw new AppError(
      'invalid-input',
      `"${name}" is ${FORMAT_NAMES[extracted.format]}, but "${current.metadata.title}" is ${FORMAT_NAMES[current.format]}. Replace it with a new version in the same format, or import "${name}" as a new document.`,
    );
  }
  let counts = { reanchored: 0, orphaned: 0 };
  return {
    replacement: {
      originalName: name,
      bytes,
      contentHash,
      text: extracted.text,
      pageCount: extracted.pageCount,
      pageLabels: extracted.pageLabels,
      warnings: extracted.warnings,
      annotations: (current) => {
        const report = reanchorAnnotations(extracted.text.text, current);
        counts = { reanchored: report.reanchored, orphaned: report.orphaned };
        return report.annotations;
      },
    },
    outcome: () => counts,
  };
}
