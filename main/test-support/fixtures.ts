// Small, hand-made model values for tests.
import type { Annotation, DocumentText } from '../../shared/model';
import type { NewDocument } from '../services/library/store';

export function sampleText(): DocumentText {
  const text = 'A first paragraph about norms.\n\nA second one about hack-back.';
  return { text, blocks: [{ type: 'p', start: 0, end: 30 }, { type: 'p', start: 32, end: text.length }], pages: null };
}

export function sampleDocument(overrides: Partial<NewDocument> = {}): NewDocument {
  return {
    originalName: 'sample.txt',
    bytes: new TextEncoder().encode('A first paragraph about norms.\n\nA second one about hack-back.'),
    contentHash: 'a'.repeat(64),
    format: 'text',
    text: sampleText(),
    metadata: { title: 'Sample', authors: [], date: null, publication: null, url: null, doi: null, kind: 'article' },
    pageCount: null,
    warnings: [],
    ...overrides,
  };
}

export function sampleAnnotation(documentId: string, overrides: Partial<Annotation> = {}): Annotation {
  return {
    id: 'ann-1',
    documentId,
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    target: {
      selector: [
        { type: 'TextQuoteSelector', exact: 'norms', prefix: 'paragraph about ', suffix: '.' },
        { type: 'TextPositionSelector', start: 24, end: 29 },
      ],
    },
    body: { color: 'yellow', note: 'n', tags: ['t'], principles: ['international-norms'], actors: [{ actorId: 'france', stance: 'supports' }] },
    ...overrides,
  };
}
