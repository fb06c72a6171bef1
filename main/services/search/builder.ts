// Where segments are built. Large builds (a whole library, an imported document, a merge) run in a worker
// thread so the main process keeps answering; the same code runs inline where no worker is available.
import { readFile } from 'node:fs/promises';
import type { DocumentText } from '../../../shared/model';
import { documentTextSchema } from '../../../shared/schemas';
import { rawTextOffsets } from './passage-text';
import type { EntryInput, EntryKind } from './entries';
import { passageEntries } from './entries';
import { buildSegment } from './segment-build';

export interface DocumentSource {
  documentId: string;
  /** The document's text.json. */
  textFile: string;
}

export interface BuiltSegment {
  bytes: Uint8Array;
  /** Documents whose text could not be read, with the reason. */
  problems: { documentId: string; message: string }[];
}

export interface IndexBuilder {
  /** Builds one segment from entries. */
  build(kind: EntryKind, entries: EntryInput[]): Promise<Uint8Array>;
  /** Reads the documents' texts and builds one segment of their passages. */
  buildPassages(documents: DocumentSource[], onProgress?: (done: number) => void): Promise<BuiltSegment>;
  close(): Promise<void>;
}

/** Reading and building, shared by the worker and the inline builder. */
export async function passagesOf(
  documents: DocumentSource[],
  onProgress?: (done: number) => void,
): Promise<BuiltSegment> {
  const entries: EntryInput[] = [];
  const problems: BuiltSegment['problems'] = [];
  let done = 0;
  for (const { documentId, textFile } of documents) {
    try {
      const bytes = await readFile(textFile);
      const parsed = documentTextSchema.safeParse(JSON.parse(bytes.toString('utf8')));
      if (!parsed.success) throw new Error(`${textFile} is not a valid text file`);
      entries.push(...passageEntries(documentId, parsed.data, rawOffsets(bytes, parsed.data)));
    } catch (error) {
      problems.push({ documentId, message: (error as Error).message });
    }
    onProgress?.(++done);
  }
  return { bytes: buildSegment('passage', entries), problems };
}

/** Where each block starts and ends in the file's bytes (for reading a hit's text alone), if found. */
function rawOffsets(bytes: Uint8Array, text: DocumentText): { offsets: number[]; fileSize: number } | undefined {
  const wanted: number[] = [];
  for (const block of text.blocks) wanted.push(block.start, block.end);
  // The walk needs ascending offsets; blocks are in reading order, but guard against overlaps.
  const order = wanted.map((_, i) => i).sort((a, b) => wanted[a]! - wanted[b]!);
  const found = rawTextOffsets(bytes, text.text, order.map((i) => wanted[i]!));
  if (!found) return undefined;
  const offsets = new Array<number>(wanted.length);
  order.forEach((i, k) => (offsets[i] = found[k]!));
  return { offsets, fileSize: bytes.byteLength };
}

/** Builds on the calling thread: for tests, and where the worker script cannot be found. */
export class InlineBuilder implements IndexBuilder {
  async build(kind: EntryKind, entries: EntryInput[]): Promise<Uint8Array> {
    return buildSegment(kind, entries);
  }
  buildPassages(documents: DocumentSource[], onProgress?: (done: number) => void): Promise<BuiltSegment> {
    return passagesOf(documents, onProgress);
  }
  async close(): Promise<void> {}
}
