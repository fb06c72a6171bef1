// The annotated bibliography as a document model: each source's formatted reference with its
// highlighted passages, notes, principles and actors beneath it, grouped by source or by principle.
// Renderers (Markdown, HTML here; Word in main) only lay this model out.
import type { Codebook, DocumentMetadata, Stance } from '../model';
import type { CodedPassage } from '../analysis/passages';
import type { RichText } from './rich-text';
import type { BibliographyGrouping } from './types';

export interface BibliographySource {
  id: string;
  metadata: DocumentMetadata;
}

export interface BibliographyPassage {
  annotationId: string;
  quote: string;
  /** The printed page label ("xii", "215"). */
  page: string | null;
  note: string;
  principles: string[];
  actors: { name: string; stance: Stance }[];
  tags: string[];
}

/** A memo about a source: its title and Markdown body. */
export interface BibliographyMemo {
  title: string;
  body: string;
}

export interface BibliographyEntry {
  sourceId: string;
  reference: RichText;
  /** The source's memos (when asked for), shown beneath its reference once: where the source first appears. */
  memos: BibliographyMemo[];
  passages: BibliographyPassage[];
}

export interface BibliographySection {
  /** The principle of the section, or null when grouped by source. */
  heading: string | null;
  description: string | null;
  entries: BibliographyEntry[];
}

export interface Bibliography {
  title: string;
  styleLabel: string;
  generatedAt: string;
  sourceCount: number;
  passageCount: number;
  sections: BibliographySection[];
}

export interface BibliographyInput {
  /** The sources in the order the citation style sorts them. */
  sources: BibliographySource[];
  references: ReadonlyMap<string, RichText>;
  passages: readonly CodedPassage[];
  codebook: Codebook;
  groupBy: BibliographyGrouping;
  styleLabel: string;
  generatedAt: string;
  title?: string;
  /** Memos by document id, oldest first (left out of the bibliography when absent). */
  memos?: ReadonlyMap<string, readonly BibliographyMemo[]>;
}

export const UNLINKED_HEADING = 'Passages not linked to a principle';

export function buildBibliography(input: BibliographyInput): Bibliography {
  const principleName = new Map(input.codebook.principles.map((p) => [p.id, p.name]));
  const actorName = new Map(input.codebook.actors.map((a) => [a.id, a.name]));
  const bySource = new Map<string, CodedPassage[]>();
  for (const passage of [...input.passages].sort(readingOrder)) {
    const list = bySource.get(passage.documentId) ?? [];
    list.push(passage);
    bySource.set(passage.documentId, list);
  }
  const describe = (p: CodedPassage): BibliographyPassage => ({
    annotationId: p.annotationId,
    quote: p.quote,
    page: p.pageLabel,
    note: p.note,
    principles: p.principles.map((id) => principleName.get(id)).filter((n): n is string => !!n),
    actors: p.actors.flatMap((l) => {
      const name = actorName.get(l.actorId);
      return name ? [{ name, stance: l.stance }] : [];
    }),
    tags: p.tags,
  });
  const entry = (source: BibliographySource, keep: (p: CodedPassage) => boolean): BibliographyEntry => ({
    sourceId: source.id,
    reference: input.references.get(source.id) ?? [{ text: source.metadata.title }],
    memos: [],
    passages: (bySource.get(source.id) ?? []).filter(keep).map(describe),
  });

  let sections: BibliographySection[];
  if (input.groupBy === 'source') {
    sections = [{ heading: null, description: null, entries: input.sources.map((s) => entry(s, () => true)) }];
  } else {
    sections = input.codebook.principles.map((principle) => ({
      heading: principle.name,
      description: principle.description || null,
      entries: input.sources
        .map((s) => entry(s, (p) => p.principles.includes(principle.id)))
        .filter((e) => e.passages.length > 0),
    }));
    const unlinked = input.sources
      .map((s) => entry(s, (p) => !p.principles.some((id) => principleName.has(id))))
      .filter((e) => e.passages.length > 0);
    sections.push({ heading: UNLINKED_HEADING, description: null, entries: unlinked });
    sections = sections.filter((s) => s.entries.length > 0);
  }
  // Grouped by principle a source appears in several sections: its memos go with its first entry.
  const withMemos = new Set<string>();
  for (const e of sections.flatMap((section) => section.entries)) {
    if (withMemos.has(e.sourceId)) continue;
    withMemos.add(e.sourceId);
    e.memos = [...(input.memos?.get(e.sourceId) ?? [])];
  }
  const shown = new Set(input.sources.map((s) => s.id));
  return {
    title: input.title ?? 'Annotated bibliography',
    styleLabel: input.styleLabel,
    generatedAt: input.generatedAt,
    sourceCount: input.sources.length,
    passageCount: input.passages.filter((p) => shown.has(p.documentId)).length,
    sections,
  };
}

function readingOrder(a: CodedPassage, b: CodedPassage): number {
  return (a.start ?? Infinity) - (b.start ?? Infinity) || a.created.localeCompare(b.created);
}

/** "Protect people · Atlantis (supports) · #key": the links of a passage in one line, or ''. */
export function passageLinks(p: BibliographyPassage): { principles: string; actors: string; tags: string } {
  return {
    principles: p.principles.join('; '),
    actors: p.actors.map((a) => `${a.name} (${a.stance})`).join('; '),
    tags: p.tags.map((t) => `#${t}`).join(' '),
  };
}

export function summaryLine(b: Bibliography): string {
  const sources = b.sourceCount === 1 ? '1 source' : `${b.sourceCount} sources`;
  const passages = b.passageCount === 1 ? '1 passage' : `${b.passageCount} passages`;
  return `${b.styleLabel} · ${sources} · ${passages} · exported ${b.generatedAt.slice(0, 10)}`;
}
