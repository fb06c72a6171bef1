// Full-text search over annotations and source passages with lunr. This first version rebuilds one
// index lazily after a change; the segmented, incremental index is its own piece of work.
import lunr from 'lunr';
import type { SearchHit, SearchResults } from '../../../shared/search/types';
import type { Annotation, Codebook, DocumentText, LibraryDocument } from '../../../shared/model';
import { findSelector } from '../../../shared/model';
import type { LibraryStore } from '../library/store';

interface IndexedEntry {
  kind: SearchHit['kind'];
  document: LibraryDocument;
  annotation: Annotation | null;
  /** The text shown as the snippet: the quote, or the passage. */
  text: string;
  start: number;
  end: number;
  page: number | null;
}

const SNIPPET_RADIUS = 90;

export class SearchService {
  private index: lunr.Index | null = null;
  private entries = new Map<string, IndexedEntry>();
  private building: Promise<void> | null = null;

  constructor(private readonly store: LibraryStore) {}

  /** Called after any change to documents or annotations. */
  invalidate(): void {
    this.index = null;
    this.building = null;
  }

  async query(query: string, limit = 50): Promise<SearchResults> {
    const empty: SearchResults = { query, annotations: [], passages: [], total: { annotations: 0, passages: 0 } };
    const terms = queryTerms(query);
    if (terms.length === 0) return empty;
    const index = await this.ensureIndex();
    const matches = index.query((q) => {
      terms.forEach((term, i) => {
        const required = lunr.Query.presence.REQUIRED;
        if (i < terms.length - 1) return q.term(term, { presence: required });
        // The last word may still be being typed: match its stem as a prefix. (A wildcard term skips
        // lunr's pipeline, so it must be stemmed here to meet the stemmed words in the index.)
        const stem = lunr.stemmer(new lunr.Token(term, {})).toString();
        q.term(stem, { presence: required, wildcard: lunr.Query.wildcard.TRAILING, usePipeline: false });
      });
    });
    const results: SearchResults = empty;
    for (const match of matches) {
      const entry = this.entries.get(match.ref);
      if (!entry) continue;
      const hit = toHit(entry, match);
      const list = entry.kind === 'annotation' ? results.annotations : results.passages;
      if (entry.kind === 'annotation') results.total.annotations++;
      else results.total.passages++;
      if (list.length < limit) list.push(hit);
    }
    return results;
  }

  private async ensureIndex(): Promise<lunr.Index> {
    while (!this.index) {
      this.building ??= this.build();
      await this.building;
    }
    return this.index;
  }

  private async build(): Promise<void> {
    const entries = new Map<string, IndexedEntry>();
    const codebook = this.store.getCodebook();
    const docs: { ref: string; text: string; note: string; tags: string; codes: string }[] = [];
    for (const document of this.store.listDocuments()) {
      const text = await this.store.readText(document.id).catch(() => null);
      if (!text) continue;
      for (const annotation of await this.store.listAnnotations(document.id).catch(() => [] as Annotation[])) {
        const quote = findSelector(annotation, 'TextQuoteSelector');
        const position = findSelector(annotation, 'TextPositionSelector');
        const ref = `a:${annotation.id}`;
        const start = position?.start ?? 0;
        entries.set(ref, {
          kind: 'annotation',
          document,
          annotation,
          text: quote?.exact ?? annotation.body.note,
          start,
          end: position?.end ?? start,
          page: pageOf(text, start),
        });
        docs.push({
          ref,
          text: quote?.exact ?? '',
          note: annotation.body.note,
          tags: annotation.body.tags.join(' '),
          codes: codeWords(annotation, codebook),
        });
      }
      text.blocks.forEach((block, i) => {
        const ref = `p:${document.id}:${i}`;
        entries.set(ref, {
          kind: 'passage',
          document,
          annotation: null,
          text: text.text.slice(block.start, block.end),
          start: block.start,
          end: block.end,
          page: pageOf(text, block.start),
        });
        docs.push({ ref, text: text.text.slice(block.start, block.end), note: '', tags: '', codes: '' });
      });
    }
    const index = lunr(function () {
      this.ref('ref');
      this.field('text');
      this.field('note');
      this.field('tags');
      this.field('codes');
      this.metadataWhitelist = ['position'];
      for (const doc of docs) this.add(doc);
    });
    this.entries = entries;
    this.index = index;
  }
}

function queryTerms(query: string): string[] {
  return lunr
    .tokenizer(query.replace(/[":*~^+-]/g, ' '))
    .map((token) => token.toString())
    .filter((term) => term.length > 0 && lunr.stopWordFilter(new lunr.Token(term, {})) !== undefined);
}

function codeWords(annotation: Annotation, codebook: Codebook): string {
  const words: string[] = [];
  for (const id of annotation.body.principles) {
    const principle = codebook.principles.find((p) => p.id === id);
    if (principle) words.push(principle.name);
  }
  for (const link of annotation.body.actors) {
    const actor = codebook.actors.find((a) => a.id === link.actorId);
    if (actor) words.push(actor.name, ...actor.aliases, link.stance);
  }
  return words.join(' ');
}

function pageOf(text: DocumentText, offset: number): number | null {
  if (!text.pages) return null;
  const index = text.pages.findIndex((p) => offset >= p.start && offset < p.end);
  return index === -1 ? null : index + 1;
}

function toHit(entry: IndexedEntry, match: lunr.Index.Result): SearchHit {
  const positions: [number, number][] = [];
  for (const fields of Object.values(match.matchData.metadata)) {
    const inText = (fields as Record<string, { position?: [number, number][] }>).text?.position ?? [];
    for (const [start, length] of inText) positions.push([start, start + length]);
  }
  positions.sort((a, b) => a[0] - b[0]);
  const first = positions[0]?.[0] ?? 0;
  const from = Math.max(0, Math.min(first - SNIPPET_RADIUS, entry.text.length - 2 * SNIPPET_RADIUS));
  const to = Math.min(entry.text.length, from + 2 * SNIPPET_RADIUS);
  const snippet = (from > 0 ? '…' : '') + entry.text.slice(from, to) + (to < entry.text.length ? '…' : '');
  const shift = from > 0 ? 1 - from : -from;
  const marks = positions
    .filter(([s, e]) => s >= from && e <= to)
    .map(([s, e]) => [s + shift, e + shift] as [number, number]);
  return {
    kind: entry.kind,
    documentId: entry.document.id,
    documentTitle: entry.document.metadata.title,
    annotationId: entry.annotation?.id ?? null,
    start: entry.start,
    end: entry.end,
    page: entry.page,
    snippet,
    marks,
    score: match.score,
  };
}
