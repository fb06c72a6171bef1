// Segments on disk, under the library's cache folder (cache/search/): one file per segment and a
// manifest naming the live ones with their deletion masks, written last and atomically, so a crash
// leaves the old manifest with files it names intact. Files no manifest names are removed at load.
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic, writeJsonAtomic } from '../library/atomic';
import { ANALYZER_VERSION } from './analyzer';
import { Segment, SEGMENT_FORMAT_VERSION } from './segment';

const MANIFEST = 'manifest.json';
const MANIFEST_VERSION = 1;

const manifestSchema = z.object({
  version: z.literal(MANIFEST_VERSION),
  analyzer: z.number(),
  segmentFormat: z.number(),
  /** Fingerprint of the codebook the annotations' code words came from. */
  codebook: z.string(),
  segments: z.array(z.object({ file: z.string().regex(/^[\w.-]+\.seg$/), deleted: z.array(z.number().int().min(0)) })),
  /** Per document: the stamp (mtime and size) of its annotations file when they were indexed. */
  documents: z.record(z.string(), z.string()),
});
export type Manifest = z.infer<typeof manifestSchema>;

export interface LoadedIndex {
  segments: Segment[];
  codebook: string;
  documents: Record<string, string>;
}

export class SegmentStore {
  private readonly files = new WeakMap<Segment, string>();
  private counter = 0;

  constructor(readonly dir: string) {}

  /** The persisted index, or null when there is none, it is of another version, or anything is corrupt. */
  async load(): Promise<{ index: LoadedIndex | null; problem: string | null }> {
    let raw: string;
    try {
      raw = await readFile(path.join(this.dir, MANIFEST), 'utf8');
    } catch {
      return { index: null, problem: null };
    }
    try {
      const manifest = manifestSchema.parse(JSON.parse(raw));
      if (manifest.analyzer !== ANALYZER_VERSION || manifest.segmentFormat !== SEGMENT_FORMAT_VERSION) {
        return { index: null, problem: 'The search index was made by another version of Apostil.' };
      }
      const segments = await Promise.all(
        manifest.segments.map(async ({ file, deleted }) => {
          const segment = await Segment.open(path.join(this.dir, file));
          for (const ordinal of deleted) {
            if (ordinal >= segment.n) throw new Error(`${file}: a deleted entry is out of range`);
            segment.markDeleted(ordinal);
          }
          this.files.set(segment, file);
          return segment;
        }),
      );
      return { index: { segments, codebook: manifest.codebook, documents: manifest.documents }, problem: null };
    } catch (error) {
      return { index: null, problem: `The search index is damaged (${(error as Error).message}).` };
    }
  }

  /** Writes segments not yet on disk, then the manifest, then removes files it no longer names. */
  async save(segments: readonly Segment[], state: { codebook: string; documents: Record<string, string> }): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    for (const segment of segments) {
      if (this.files.has(segment)) continue;
      if (!segment.bytes) throw new Error('A segment loaded from a file has no file name.');
      const file = `${segment.kind}-${Date.now().toString(36)}-${(this.counter++).toString(36)}.seg`;
      await writeFileAtomic(path.join(this.dir, file), segment.bytes);
      this.files.set(segment, file);
      // From now on the segment reads its file, so memory does not hold what the disk does.
      try {
        segment.attachFile(path.join(this.dir, file));
      } catch {
        // it keeps its bytes
      }
    }
    const manifest: Manifest = {
      version: MANIFEST_VERSION,
      analyzer: ANALYZER_VERSION,
      segmentFormat: SEGMENT_FORMAT_VERSION,
      codebook: state.codebook,
      segments: segments.map((segment) => ({ file: this.files.get(segment)!, deleted: deletedOrdinals(segment) })),
      documents: state.documents,
    };
    await writeJsonAtomic(path.join(this.dir, MANIFEST), manifest);
    await this.removeUnlisted(new Set(manifest.segments.map((s) => s.file)));
  }

  async removeUnlisted(keep: Set<string>): Promise<void> {
    for (const name of await readdir(this.dir).catch(() => [] as string[])) {
      if (name.endsWith('.seg') && !keep.has(name)) await rm(path.join(this.dir, name), { force: true });
    }
  }

  /** Bytes on disk, for the benchmark and the status line. */
  async size(): Promise<number> {
    let total = 0;
    for (const name of await readdir(this.dir).catch(() => [] as string[])) total += (await stat(path.join(this.dir, name))).size;
    return total;
  }

  async clear(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

function deletedOrdinals(segment: Segment): number[] {
  const out: number[] = [];
  for (let i = 0; i < segment.n; i++) if (segment.deleted[i]) out.push(i);
  return out;
}
