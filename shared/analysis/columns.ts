// The facts of every passage of a library (tally.ts's PassageFacts), held compactly: one row per
// annotation in typed columns, ids interned as numbers. Some 40 bytes a passage instead of the
// kilobyte or so of an annotation object, so main can keep a whole library's in memory and sum any
// filtered view from it in milliseconds. A changed passage is a new row; the old one is marked dead
// and the columns are compacted when half of them are.
import { STANCES, type ActorLink, type Stance } from '../model';
import type { PassageFacts } from './tally';

class Names {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  of(name: string): number {
    let n = this.index.get(name);
    if (n === undefined) {
      n = this.list.length;
      this.list.push(name);
      this.index.set(name, n);
    }
    return n;
  }
}

/** A row's facts, filled in place while scanning (so a scan allocates nothing per row). */
export interface FactsCursor extends PassageFacts {
  annotationId: string;
  principles: string[];
  actors: ActorLink[];
  tags: string[];
}

export class PassageColumns {
  private readonly documents = new Names();
  private readonly codes = new Names();
  private readonly coders = new Names();
  private readonly rowOf = new Map<string, number>();
  /** Row → annotation id; null for a dead row. */
  private ids: (string | null)[] = [];
  private document = new Int32Array(1024);
  private quoteLength = new Int32Array(1024);
  /** The coder's number; -1 for none recorded. */
  private coder = new Int32Array(1024);
  /** Where a row's codes start in `packed`, and how many principles, actor links and tags it has. */
  private start = new Int32Array(1024);
  private principles = new Uint16Array(1024);
  private actors = new Uint16Array(1024);
  private tags = new Uint16Array(1024);
  /** Principle and tag names as code numbers; an actor link as code × 4 + stance. */
  private packed = new Int32Array(4096);
  private used = 0;
  private dead = 0;

  get size(): number {
    return this.rowOf.size;
  }

  has(annotationId: string): boolean {
    return this.rowOf.has(annotationId);
  }

  /** Adds a passage, or replaces the one with this annotation id. */
  set(annotationId: string, facts: PassageFacts): void {
    this.remove(annotationId);
    const row = this.ids.length;
    this.reserve(row + 1, this.used + facts.principles.length + facts.actors.length + facts.tags.length);
    this.ids.push(annotationId);
    this.rowOf.set(annotationId, row);
    this.document[row] = this.documents.of(facts.documentId);
    this.quoteLength[row] = facts.quoteLength;
    this.coder[row] = facts.coder === null ? -1 : this.coders.of(facts.coder);
    this.start[row] = this.used;
    this.principles[row] = facts.principles.length;
    this.actors[row] = facts.actors.length;
    this.tags[row] = facts.tags.length;
    for (const p of facts.principles) this.packed[this.used++] = this.codes.of(p);
    for (const link of facts.actors) this.packed[this.used++] = this.codes.of(link.actorId) * 4 + STANCES.indexOf(link.stance);
    for (const t of facts.tags) this.packed[this.used++] = this.codes.of(t);
  }

  remove(annotationId: string): void {
    const row = this.rowOf.get(annotationId);
    if (row === undefined) return;
    this.rowOf.delete(annotationId);
    this.ids[row] = null;
    this.dead++;
    if (this.dead > 1_000 && this.dead > this.ids.length / 2) this.compact();
  }

  /** The annotation ids of a document's passages. */
  idsOfDocument(documentId: string): string[] {
    const out: string[] = [];
    const n = this.documents.list.indexOf(documentId);
    if (n === -1) return out;
    for (let row = 0; row < this.ids.length; row++) if (this.ids[row] !== null && this.document[row] === n) out.push(this.ids[row]!);
    return out;
  }

  /** The facts of one passage (a fresh object), or undefined. */
  get(annotationId: string): PassageFacts | undefined {
    const row = this.rowOf.get(annotationId);
    if (row === undefined) return undefined;
    const cursor = newCursor();
    this.read(row, cursor);
    return { documentId: cursor.documentId, principles: [...cursor.principles], actors: [...cursor.actors], tags: [...cursor.tags], quoteLength: cursor.quoteLength, coder: cursor.coder };
  }

  /** Every passage in the order added, through one cursor object that is refilled for each. */
  forEach(visit: (facts: FactsCursor) => void): void {
    const cursor = newCursor();
    for (let row = 0; row < this.ids.length; row++) {
      if (this.ids[row] === null) continue;
      this.read(row, cursor);
      visit(cursor);
    }
  }

  private read(row: number, cursor: FactsCursor): void {
    cursor.annotationId = this.ids[row]!;
    cursor.documentId = this.documents.list[this.document[row]!]!;
    cursor.quoteLength = this.quoteLength[row]!;
    cursor.coder = this.coder[row] === -1 ? null : this.coders.list[this.coder[row]!]!;
    const names = this.codes.list;
    let at = this.start[row]!;
    cursor.principles.length = 0;
    for (let i = 0; i < this.principles[row]!; i++) cursor.principles.push(names[this.packed[at++]!]!);
    cursor.actors.length = 0;
    for (let i = 0; i < this.actors[row]!; i++) {
      const code = this.packed[at++]!;
      cursor.actors.push({ actorId: names[code >> 2]!, stance: STANCES[code & 3] as Stance });
    }
    cursor.tags.length = 0;
    for (let i = 0; i < this.tags[row]!; i++) cursor.tags.push(names[this.packed[at++]!]!);
  }

  private reserve(rows: number, codes: number): void {
    if (rows > this.document.length) {
      const size = Math.max(rows, this.document.length * 2);
      this.document = grow(this.document, size);
      this.quoteLength = grow(this.quoteLength, size);
      this.coder = grow(this.coder, size);
      this.start = grow(this.start, size);
      this.principles = grow(this.principles, size);
      this.actors = grow(this.actors, size);
      this.tags = grow(this.tags, size);
    }
    if (codes > this.packed.length) this.packed = grow(this.packed, Math.max(codes, this.packed.length * 2));
  }

  /** Rewrites the live rows without the dead ones, in the same order. */
  private compact(): void {
    const live: [string, PassageFacts][] = [];
    this.forEach((c) => live.push([c.annotationId, this.get(c.annotationId)!]));
    this.ids = [];
    this.rowOf.clear();
    this.used = 0;
    this.dead = 0;
    for (const [id, facts] of live) this.set(id, facts);
  }
}

function newCursor(): FactsCursor {
  return { annotationId: '', documentId: '', principles: [], actors: [], tags: [], quoteLength: 0, coder: null };
}

function grow<T extends Int32Array | Uint16Array>(array: T, size: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array);
  return next;
}
