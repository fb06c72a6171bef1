// The analysis facts of every passage, kept in cache/ between sessions so that a start need not read
// every annotations file to count them. Each document's facts are stored with the SHA-256 of the
// annotations file they were read from; at start they are used only if the library's check record
// (check-record.ts) still gives that file that hash, else the file is read again. The file carries its
// own checksum (checksummed.ts); one that is missing, altered or inconsistent is ignored (and rebuilt).
// Per document: the annotation ids, and the facts packed as integers, base64-encoded:
//   quoteLength, principles n, actor links n, tags n, then the principles' names, each actor link as
//   name × 4 + stance, the tags' names (names as indexes into `names`).
import path from 'node:path';
import { z } from 'zod';
import type { PassageFacts } from '../../../shared/analysis';
import { STANCES, type Stance } from '../../../shared/model';
import { readChecksummed, writeChecksummed } from '../library/checksummed';

export const FACTS_FILE = 'analysis-facts.json';
const VERSION = 1;

const bodySchema = z.object({
  version: z.literal(VERSION),
  names: z.array(z.string()),
  documents: z.record(
    z.string(),
    z.object({ annotations: z.string().regex(/^[0-9a-f]{64}$/), ids: z.array(z.string()), rows: z.string() }),
  ),
});

export interface DocumentFacts {
  /** SHA-256 of the annotations file these facts were read from. */
  annotations: string;
  passages: [annotationId: string, facts: PassageFacts][];
}

export function factsFile(cacheDir: string): string {
  return path.join(cacheDir, FACTS_FILE);
}

/** The facts saved, by document; null when there are none or they cannot be trusted. */
export async function readFacts(file: string): Promise<Map<string, DocumentFacts> | null> {
  const parsed = bodySchema.safeParse(await readChecksummed(file));
  if (!parsed.success) return null;
  const { names, documents } = parsed.data;
  const out = new Map<string, DocumentFacts>();
  try {
    for (const [documentId, saved] of Object.entries(documents)) {
      out.set(documentId, { annotations: saved.annotations, passages: unpack(documentId, saved.ids, saved.rows, names) });
    }
  } catch {
    return null;
  }
  return out;
}

/** Writes every document's facts (atomically); `documents` gives each its annotations file's hash. */
export async function writeFacts(file: string, documents: Map<string, DocumentFacts>): Promise<void> {
  const names: string[] = [];
  const index = new Map<string, number>();
  const name = (n: string) => index.get(n) ?? (index.set(n, names.push(n) - 1), names.length - 1);
  const body: z.input<typeof bodySchema> = { version: VERSION, names, documents: {} };
  for (const [documentId, { annotations, passages }] of documents) {
    const rows: number[] = [];
    for (const [, facts] of passages) {
      rows.push(facts.quoteLength, facts.principles.length, facts.actors.length, facts.tags.length);
      for (const p of facts.principles) rows.push(name(p));
      for (const link of facts.actors) rows.push(name(link.actorId) * 4 + STANCES.indexOf(link.stance));
      for (const t of facts.tags) rows.push(name(t));
    }
    body.documents[documentId] = { annotations, ids: passages.map(([id]) => id), rows: Buffer.from(Int32Array.from(rows).buffer).toString('base64') };
  }
  await writeChecksummed(file, body);
}

/** One document's passages from their packed rows; throws on anything out of place. */
function unpack(documentId: string, ids: string[], encoded: string, names: string[]): [string, PassageFacts][] {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.byteLength % 4 !== 0) throw new Error('torn rows');
  const rows = new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const nameAt = (i: number) => {
    const n = names[i];
    if (n === undefined) throw new Error('unknown name');
    return n;
  };
  const out: [string, PassageFacts][] = [];
  let at = 0;
  const next = () => {
    if (at >= rows.length || rows[at]! < 0) throw new Error('torn rows');
    return rows[at++]!;
  };
  for (const id of ids) {
    const quoteLength = next();
    const [p, a, t] = [next(), next(), next()];
    if (p + a + t > rows.length - at) throw new Error('torn rows');
    const principles = Array.from({ length: p }, () => nameAt(next()));
    const actors = Array.from({ length: a }, () => {
      const code = next();
      return { actorId: nameAt(code >> 2), stance: STANCES[code & 3] as Stance };
    });
    const tags = Array.from({ length: t }, () => nameAt(next()));
    out.push([id, { documentId, principles, actors, tags, quoteLength }]);
  }
  if (at !== rows.length) throw new Error('rows left over');
  return out;
}
