import { describe, expect, it } from 'vitest';
import { PARIS_CALL_CODEBOOK } from '../../../shared/codebooks';
import type { CitationStyle } from '../../../shared/interchange/types';
import { sampleAnnotation, sampleDocument } from '../../test-support/fixtures';
import { useTempDir } from '../../test-support/temp';
import { LibraryStore } from '../library/store';
import { citePassage } from './cite';

const text = 'Front matter words.\n\nStates agree to <protect> people & places.';
const pdf = sampleDocument({
  format: 'pdf',
  originalName: 'norms.pdf',
  bytes: new TextEncoder().encode('%PDF-1.7'),
  pageCount: 2,
  pageLabels: ['xi', 'xii'],
  text: { text, blocks: [{ type: 'p', start: 0, end: 19 }, { type: 'p', start: 21, end: text.length }], pages: [{ start: 0, end: 19 }, { start: 21, end: text.length }] },
  metadata: { title: 'Norms for a safer cyberspace', authors: ['Jane Smith', 'John Doe'], date: '2018-11-12', publication: 'Journal of Cyber Policy', url: null, doi: null, kind: 'article' },
});
const quote = 'States agree to <protect> people & places.';
const annotation = (documentId: string) =>
  sampleAnnotation(documentId, {
    target: { selector: [{ type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' }, { type: 'TextPositionSelector', start: 21, end: text.length }] },
  });

describe('copy with citation', () => {
  const tempDir = useTempDir();

  it('quotes the passage with an in-text citation of its printed page, in each style, as text and escaped HTML', async () => {
    const store = await LibraryStore.open(await tempDir(), { defaultCodebook: PARIS_CALL_CODEBOOK });
    const doc = await store.addDocument(pdf);
    await store.saveAnnotation(annotation(doc.id));
    const cite = (style: CitationStyle) => citePassage(store, doc.id, 'ann-1', style);
    const expected: Record<CitationStyle, string> = {
      apa: '(Smith & Doe, 2018, p. xii)',
      'chicago-author-date': '(Smith and Doe 2018, xii)',
      mla: '(Smith and Doe xii)',
      harvard: '(Smith and Doe, 2018, p. xii)',
    };
    for (const [style, citation] of Object.entries(expected) as [CitationStyle, string][]) {
      const cited = await cite(style);
      expect(cited.text).toBe(`“${quote}” ${citation}`);
      expect(cited.page).toBe('xii');
    }
    expect((await cite('apa')).html).toBe('<p>“States agree to &lt;protect&gt; people &amp; places.” (Smith &amp; Doe, 2018, p. xii)</p>');

    await store.updateMetadata(doc.id, doc.metadata, undefined, { pageOffset: 214 });
    expect((await cite('apa')).text).toBe(`“${quote}” (Smith & Doe, 2018, p. 216)`);
    await store.close();
  });

  it('cites a source without pages with no page, and says so when the annotation is gone', async () => {
    const store = await LibraryStore.open(await tempDir(), { defaultCodebook: PARIS_CALL_CODEBOOK });
    const doc = await store.addDocument(sampleDocument());
    await store.saveAnnotation(sampleAnnotation(doc.id));
    expect((await citePassage(store, doc.id, 'ann-1', 'apa')).text).toBe('“norms” (Sample, n.d.)');
    await expect(citePassage(store, doc.id, 'gone', 'apa')).rejects.toThrow(/no longer in “Sample”/);
    await store.close();
  });
});
