import { inject, describe, expect, it } from 'vitest';
import type { CslItem } from '../../../shared/interchange/csl-json';
import { CitationFormatter } from './citations';
import * as citeproc from './citeproc';

const items: CslItem[] = [
  { id: 'smith2018', type: 'article-journal', title: 'Norms for cyberspace', author: [{ family: 'Smith', given: 'Ann' }, { family: 'Doe', given: 'Jo' }], issued: { 'date-parts': [[2018]] }, 'container-title': 'Journal of Cyber Policy' },
  { id: 'adams2020', type: 'report', title: 'Trust and security', author: [{ family: 'Adams', given: 'Lee' }], issued: { 'date-parts': [[2020]] }, publisher: 'Institute' },
];

describe('CitationFormatter', () => {
  it('formats in its worker thread exactly as citeproc does on this thread, for citations and bibliographies, style after style', async () => {
    const formatter = new CitationFormatter(inject('bundles').citationWorker);
    expect(formatter.usesWorker).toBe(true);
    try {
      for (const style of ['apa', 'mla'] as const) {
        expect(await formatter.formatCitation(items[0]!, style, '12')).toEqual(await citeproc.formatCitation(items[0]!, style, '12'));
        expect(await formatter.formatReferences(items, style)).toEqual(await citeproc.formatReferences(items, style));
        // The kept engine lists only the items asked for.
        const one = await formatter.formatReferences([items[1]!], style);
        expect(one.order).toEqual(['adams2020']);
      }
      const [a, b] = await Promise.all([formatter.formatCitation(items[0]!, 'apa', null), formatter.formatCitation(items[1]!, 'apa', 'iv')]);
      expect(a.map((r) => r.text).join('')).toBe('(Smith & Doe, 2018)');
      expect(b.map((r) => r.text).join('')).toBe('(Adams, 2020, p. iv)');
      expect(formatter.usesWorker).toBe(true);
    } finally {
      await formatter.close();
    }
  });

  it('ends its worker when unused and starts it again when needed', async () => {
    const formatter = new CitationFormatter(inject('bundles').citationWorker, 10);
    try {
      expect((await formatter.formatCitation(items[1]!, 'harvard', null)).map((r) => r.text).join('')).toBe('(Adams, 2020)');
      await expect.poll(() => formatter.running).toBe(false);
      expect((await formatter.formatCitation(items[1]!, 'harvard', '3')).map((r) => r.text).join('')).toBe('(Adams, 2020, p. 3)');
      expect(formatter.usesWorker).toBe(true);
    } finally {
      await formatter.close();
    }
  });

  it('formats on this thread when its worker cannot run, losing no request', async () => {
    const formatter = new CitationFormatter('/no/such/citation-worker.js');
    try {
      expect((await formatter.formatCitation(items[1]!, 'apa', null)).map((r) => r.text).join('')).toBe('(Adams, 2020)');
      expect(formatter.usesWorker).toBe(false);
    } finally {
      await formatter.close();
    }
  });

  it('formats on this thread when no worker was built (running from source)', async () => {
    const formatter = new CitationFormatter(null);
    expect(formatter.usesWorker).toBe(false);
    expect((await formatter.formatReferences(items, 'apa')).order).toEqual(['adams2020', 'smith2018']);
  });
});
