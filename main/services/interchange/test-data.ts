// The fixture library of shared/analysis/test-fixture.ts as export input: d1 becomes a two-page PDF
// (so page numbers show), and one reference waits for its file.
import { FIXTURE_CODEBOOK, FIXTURE_DOCUMENTS, FIXTURE_TEXTS, fixtureAnnotations } from '../../../shared/analysis/test-fixture';
import { NO_ORGANISATION } from '../../../shared/interchange/collections';
import type { WaitingReference } from '../../../shared/interchange/types';
import type { DocumentText, LibraryDocument } from '../../../shared/model';
import type { ExportData } from './export-service';

export const FIXED_NOW = new Date('2024-03-01T12:00:00.000Z');

export function fixtureDocuments(): LibraryDocument[] {
  return FIXTURE_DOCUMENTS.map((d) => (d.id === 'd1' ? { ...d, format: 'pdf' as const, pageCount: 2, originalName: 'd1.pdf' } : d));
}

export function fixtureText(id: string): DocumentText {
  const text = FIXTURE_TEXTS[id]!;
  const pages = id === 'd1' ? [{ start: 0, end: 33 }, { start: 33, end: text.length }] : null;
  return { text, blocks: [{ type: 'p', start: 0, end: text.length }], pages };
}

export const WAITING: WaitingReference = {
  id: 'w1',
  metadata: {
    title: 'Cyber norms at the United Nations',
    authors: ['Mei Chen', 'International Committee of the Red Cross'],
    date: '2021-05',
    publication: 'Oxford University Press',
    url: null,
    doi: '10.5555/w1',
    kind: 'report',
  },
  addedAt: '2024-02-01T00:00:00.000Z',
  from: 'library.bib',
};

export function fixtureExportData(withTexts = true): ExportData {
  const documents = fixtureDocuments();
  return {
    documents,
    waiting: [WAITING],
    annotations: fixtureAnnotations(),
    texts: new Map(withTexts ? documents.map((d) => [d.id, fixtureText(d.id)]) : []),
    codebook: FIXTURE_CODEBOOK,
    libraryName: 'Fixture library',
    label: 'library',
    organisation: NO_ORGANISATION,
  };
}
