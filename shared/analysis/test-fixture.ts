// A small library whose analysis figures were counted by hand (see analysis.test.ts). Used by the
// analysis and export tests, so every format is checked against the same known data.
import type { Annotation, Codebook, LibraryDocument, Stance } from '../model';
import type { CodedPassage } from './passages';

export const FIXTURE_CODEBOOK: Codebook = {
  version: 1,
  principles: [
    { id: 'p1', name: 'Protect people', description: 'First principle.', color: '#d64550', parentId: null, whenToUse: '', whenNotToUse: '', example: '' },
    { id: 'p2', name: 'Protect the core', description: 'Second principle.', color: '#2f7fc1', parentId: null, whenToUse: '', whenNotToUse: '', example: '' },
    { id: 'p3', name: 'Defend elections', description: 'Third principle.', color: '#8a5cc7', parentId: null, whenToUse: '', whenNotToUse: '', example: '' },
  ],
  actors: [
    { id: 'a', name: 'Atlantis', kind: 'state', aliases: [] },
    { id: 'b', name: 'Bigcorp', kind: 'company', aliases: [] },
    { id: 'c', name: 'Civic Watch', kind: 'civil-society', aliases: [] },
    { id: 'z', name: 'Zeta Union', kind: 'international-body', aliases: [] },
  ],
  colorByPrinciple: false,
};

function document(id: string, title: string, date: string | null, authors: string[], extra: Partial<LibraryDocument['metadata']> = {}): LibraryDocument {
  return {
    id,
    format: 'text',
    originalName: `${id}.txt`,
    contentHash: id.padEnd(64, '0').replace(/[^0-9a-f]/g, 'a'),
    size: 100,
    importedAt: '2024-01-01T00:00:00.000Z',
    modifiedAt: '2024-01-01T00:00:00.000Z',
    pageCount: null,
    metadata: { title, authors, date, publication: null, url: null, doi: null, kind: 'article', ...extra },
    warnings: [],
  };
}

export const FIXTURE_DOCUMENTS: LibraryDocument[] = [
  document('d1', 'Norms for a safer cyberspace', '2018-11-12', ['Jane Smith', 'John Doe'], {
    publication: 'Journal of Cyber Policy',
    doi: '10.1000/d1',
  }),
  document('d2', 'Industry and the Paris Call', '2019', ['Ana Lima'], { kind: 'report', url: 'https://example.org/d2' }),
  document('d3', 'An undated note', null, []),
];

/** The texts of the fixture documents; each passage below quotes them at its offsets. */
export const FIXTURE_TEXTS: Record<string, string> = {
  d1: 'States agreed to protect people. Firms pledged care for the core. Everyone named Atlantis, again and again.',
  d2: 'Industry signed on in 2019. Atlantis and Civic Watch both spoke about elections and people.',
  d3: 'Elections matter. Civic Watch opposed the plan.',
};

type Links = { principles: string[]; actors: [string, Stance][]; tags?: string[]; note?: string; coder?: string };

function passage(id: string, documentId: string, exact: string, links: Links): CodedPassage {
  const start = FIXTURE_TEXTS[documentId]!.indexOf(exact);
  if (start < 0) throw new Error(`Fixture passage ${id} is not in ${documentId}.`);
  return {
    annotationId: id,
    documentId,
    quote: exact,
    start,
    end: start + exact.length,
    page: null,
    pageLabel: null,
    note: links.note ?? '',
    tags: links.tags ?? [],
    color: 'yellow',
    principles: links.principles,
    actors: links.actors.map(([actorId, stance]) => ({ actorId, stance })),
    created: '2024-02-01T10:00:00.000Z',
    modified: '2024-02-01T10:00:00.000Z',
    coder: links.coder ?? null,
  };
}

export const FIXTURE_PASSAGES: CodedPassage[] = [
  passage('x1', 'd1', 'States agreed to protect people.', { principles: ['p1'], actors: [['a', 'supports']], coder: 'Ann' }),
  passage('x2', 'd1', 'Firms pledged care for the core.', {
    principles: ['p1', 'p2'],
    actors: [['a', 'opposes'], ['b', 'supports']],
    tags: ['key'],
    note: 'Firms and states, side by side; "quoted", with a comma.',
    coder: 'Ann',
  }),
  passage('x3', 'd2', 'Industry signed on in 2019.', { principles: ['p2'], actors: [['b', 'mixed']], tags: ['key', 'later'], coder: 'Ann' }),
  passage('x4', 'd2', 'Atlantis and Civic Watch both spoke about elections and people.', {
    principles: ['p1', 'p3'],
    actors: [['a', 'supports'], ['c', 'mentions']],
    coder: 'Ben',
  }),
  passage('x5', 'd3', 'Elections matter.', { principles: ['p3'], actors: [], coder: 'Ben' }),
  passage('x6', 'd3', 'Civic Watch opposed the plan.', { principles: [], actors: [['c', 'opposes']] }),
  passage('x7', 'd1', 'Everyone named Atlantis, again and again.', {
    principles: ['p1', 'unknown-principle'],
    actors: [['a', 'mentions'], ['a', 'supports']],
  }),
];

/** The passages as stored annotations (W3C selectors), for the export tests. */
export function fixtureAnnotations(): Annotation[] {
  return FIXTURE_PASSAGES.map((p) => {
    const text = FIXTURE_TEXTS[p.documentId]!;
    const actors = p.actors.filter((link, i) => p.actors.findIndex((l) => l.actorId === link.actorId) === i);
    return {
      id: p.annotationId,
      documentId: p.documentId,
      created: p.created,
      modified: p.modified,
      ...(p.coder ? { author: p.coder } : {}),
      target: {
        selector: [
          { type: 'TextQuoteSelector', exact: p.quote, prefix: text.slice(Math.max(0, p.start! - 32), p.start!), suffix: text.slice(p.end!, p.end! + 32) },
          { type: 'TextPositionSelector', start: p.start!, end: p.end! },
        ],
      },
      body: {
        color: p.color,
        note: p.note,
        tags: p.tags,
        principles: p.principles.filter((id) => FIXTURE_CODEBOOK.principles.some((x) => x.id === id)),
        actors,
      },
    };
  });
}
