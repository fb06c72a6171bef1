// The analysis facts of every passage, kept in cache/ between sessions so that a start need not read
// every annotations file to count them. Each document's facts are stored with the SHA-256 of the
// annotations file they were read from; at start they are used only if the library's check record
// (check-record.ts) still gives that file that hash, else the file is read again. The file carries its
// own checksum (checksummed.ts); one that is missing, altered or inconsistent is ignored (and rebuilt).
// Per document: the annotation ids, and the facts packed as integers, base64-encoded:
//   quoteLength, principles n, actor links n, tags n, coder (its name's index + 1, 0 for none), then the
//   principles' names, each actor link as name × 4 + stance, the tags' names (names as indexes into `names`).
import path from 'node:path';
import { z } from 'zod';
import type { PassageFacts } from '../../../shared/analysis';
import { STANCES, type ActorLink, type Stance } from '../../../shared/model';
import { readChecksummed, writeChecksummed } from '../library/checksummed';

export const FACTS_FILE = 'analysis-facts.json';
const VERSION = 2;

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

/** One document's facts as read: checked, and unpacked only as they are used. */
export interface SavedDocumentFacts {
  annotations: string;
  /** Calls `visit` for each passage with one object refilled each time (copy what is kept). */
  forEach(visit: (annotationId: string, facts: PassageFacts) => void): void;
}

export function factsFile(cacheDir: string): string {
  return path.join(cacheDir, FACTS_FILE);
}

/** The facts saved, by document; null when there are none or they cannot be trusted (all checked here). */
export async function readFacts(file: string): Promise<Map<string, SavedDocumentFacts> | null> {
  const parsed = bodySchema.safeParse(await readChecksummed(file));
  if (!parsed.success) return null;
  const { names, documents } = parsed.data;
  const out = new Map<string, SavedDocumentFacts>();
  for (const [documentId, saved] of Object.entries(documents)) {
    const rows = decodeRows(saved.rows);
    if (!rows || !rowsFit(rows, saved.ids.length, names.length)) return null;
    out.set(documentId, { annotations: saved.annotations, forEach: (visit) => unpack(documentId, saved.ids, rows, names, visit) });
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
      rows.push(facts.quoteLength, facts.principles.length, facts.actors.length, facts.tags.length, facts.coder === null ? 0 : name(facts.coder) + 1);
      for (const p of facts.principles) rows.push(name(p));
      for (const link of facts.actors) rows.push(name(link.actorId) * 4 + STANCES.indexOf(link.stance));
      for (const t of facts.tags) rows.push(name(t));
    }
    body.documents[documentId] = { annotations, ids: passages.map(([id]) => id), rows: Buffer.from(Int32Array.from(rows).buffer).toString('base64') };
  }
  await writeChecksummed(file, body);
}

function decodeRows(encoded: string): Int32Array | null {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.byteLength % 4 !== 0) return null;
  return new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** Whether the rows hold exactly `passages` passages, every count and name in range. */
function rowsFit(rows: Int32Array, passages: number, names: number): boolean {
  let at = 0;
  for (let n = 0; n < passages; n++) {
    if (at + 5 > rows.length) return false;
    const [quoteLength, p, a, t, coder] = [rows[at]!, rows[at + 1]!, rows[at + 2]!, rows[at + 3]!, rows[at + 4]!];
    at += 5;
    if (quoteLength < 0 || p < 0 || a < 0 || t < 0 || coder < 0 || coder > names || at + p + a + t > rows.length) return false;
    for (let i = 0; i < p + a + t; i++) {
      const code = rows[at++]!;
      const name = i >= p && i < p + a ? code >> 2 : code;
      if (code < 0 || name >= names) return false;
    }
  }
  return at === rows.length;
}

/** One document's passages from rows rowsFit() accepted, through one refilled facts object. */
function unpack(documentId: string, ids: string[], rows: Int32Array, names: string[], visit: (annotationId: string, facts: PassageFacts) => void): void {
  const principles: string[] = [];
  const actors: ActorLink[] = [];
  const tags: string[] = [];
  const facts: PassageFacts & { coder: string | null; quoteLength: number } = { documentId, principles, actors, tags, quoteLength: 0, coder: null };
  let at = 0;
  for (const id of ids) {
    facts.quoteLength = rows[at++]!;
    const [p, a, t, coder] = [rows[at++]!, rows[at++]!, rows[at++]!, rows[at++]!];
    facts.coder = coder === 0 ? null : names[coder - 1]!;
    principles.length = actors.length = tags.length = 0;
    for (let i = 0; i < p; i++) principles.push(names[rows[at++]!]!);
    for (let i = 0; i < a; i++) {
      const code = rows[at++]!;
      actors.push({ actorId: names[code >> 2]!, stance: STANCES[code & 3] as Stance });
    }
    for (let i = 0; i < t; i++) tags.push(names[rows[at++]!]!);
    visit(id, facts);
  }
}
