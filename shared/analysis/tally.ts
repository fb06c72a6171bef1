// The counts every analysis view is drawn from, as sums over passages: adding a passage adds its share,
// taking it away (sign -1) takes the same share off. So one tally of the whole library can be kept up
// to date change by change, and a filtered one summed from the passages the filter keeps; the views
// (matrix.ts, coverage.ts, frequencies.ts, timeline.ts) read the tally, never the passages.
import { findSelector, type ActorLink, type Annotation, type Stance } from '../model';
import type { CodedPassage } from './passages';

export type StanceCounts = Record<Stance, number>;

export function emptyStanceCounts(): StanceCounts {
  return { supports: 0, opposes: 0, mixed: 0, mentions: 0 };
}

/** What the counts need of a passage. Principles and actors are each listed once. */
export interface PassageFacts {
  documentId: string;
  principles: readonly string[];
  /** One link per actor: an actor linked twice to one passage counts once, with its first stance. */
  actors: readonly ActorLink[];
  tags: readonly string[];
  /** Characters quoted (0 for a region of a page). */
  quoteLength: number;
  /** Who made it; null when no one was recorded. */
  coder: string | null;
}

export function factsOf(passage: Pick<CodedPassage, 'documentId' | 'principles' | 'actors' | 'tags' | 'quote' | 'coder'>): PassageFacts {
  return {
    documentId: passage.documentId,
    principles: unique(passage.principles, (p) => p),
    actors: unique(passage.actors, (link) => link.actorId),
    tags: unique(passage.tags, (t) => t),
    quoteLength: passage.quote.length,
    coder: passage.coder,
  };
}

/** The list without later repeats (by key); the list itself when it has none, as is usual. */
function unique<T>(list: readonly T[], key: (item: T) => string): readonly T[] {
  for (let i = 1; i < list.length; i++) {
    for (let j = 0; j < i; j++) {
      if (key(list[i]!) === key(list[j]!)) return list.filter((item, k) => list.findIndex((other) => key(other) === key(item)) === k);
    }
  }
  return list;
}

export function annotationFacts(annotation: Annotation): PassageFacts {
  const { body } = annotation;
  const quote = findSelector(annotation, 'TextQuoteSelector')?.exact ?? '';
  return factsOf({ documentId: annotation.documentId, principles: body.principles, actors: body.actors, tags: body.tags, quote, coder: annotation.author ?? null });
}

export interface DocumentTally {
  passages: number;
  /** Passages linked to at least one principle. */
  coded: number;
  /** Per principle: passages and characters quoted. */
  principles: Map<string, { count: number; characters: number }>;
}

export class Tally {
  passages = 0;
  /** principle → actor → passages by stance. */
  readonly matrix = new Map<string, Map<string, StanceCounts>>();
  readonly principles = new Map<string, number>();
  readonly actors = new Map<string, StanceCounts>();
  /** principle → principle → passages linked to both (to the one, on the diagonal). */
  readonly pairs = new Map<string, Map<string, number>>();
  readonly tags = new Map<string, number>();
  /** Passages by who made them (null: no coder recorded). */
  readonly coders = new Map<string | null, number>();
  readonly documents = new Map<string, DocumentTally>();

  add(facts: PassageFacts, sign: 1 | -1 = 1): void {
    this.passages += sign;
    for (const p of facts.principles) {
      this.principles.set(p, (this.principles.get(p) ?? 0) + sign);
      const row = getOrSet(this.matrix, p, () => new Map<string, StanceCounts>());
      for (const link of facts.actors) getOrSet(row, link.actorId, emptyStanceCounts)[link.stance] += sign;
      const pairs = getOrSet(this.pairs, p, () => new Map<string, number>());
      for (const q of facts.principles) pairs.set(q, (pairs.get(q) ?? 0) + sign);
    }
    for (const link of facts.actors) getOrSet(this.actors, link.actorId, emptyStanceCounts)[link.stance] += sign;
    for (const tag of facts.tags) this.tags.set(tag, (this.tags.get(tag) ?? 0) + sign);
    this.coders.set(facts.coder, (this.coders.get(facts.coder) ?? 0) + sign);
    const document = getOrSet(this.documents, facts.documentId, () => ({ passages: 0, coded: 0, principles: new Map() }));
    document.passages += sign;
    for (const p of facts.principles) {
      const cell = getOrSet(document.principles, p, () => ({ count: 0, characters: 0 }));
      cell.count += sign;
      cell.characters += sign * facts.quoteLength;
    }
    if (facts.principles.length) document.coded += sign;
  }

  /** Coders with passages, most first, for the filter's choices. */
  coderCounts(): { coder: string | null; annotations: number }[] {
    return [...this.coders]
      .filter(([, n]) => n > 0)
      .map(([coder, annotations]) => ({ coder, annotations }))
      .sort((a, b) => b.annotations - a.annotations || (a.coder ?? '').localeCompare(b.coder ?? ''));
  }

  /** Tags in use, sorted, for the filter's choices. */
  tagNames(): string[] {
    return [...this.tags].filter(([, n]) => n > 0).map(([tag]) => tag).sort((a, b) => a.localeCompare(b));
  }
}

/** The tally of a list of passages. */
export function tallyOf(passages: readonly CodedPassage[]): Tally {
  const tally = new Tally();
  for (const passage of passages) tally.add(factsOf(passage));
  return tally;
}

function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}
