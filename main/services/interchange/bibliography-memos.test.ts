// A document's memos in the annotated bibliography, when asked for: beneath its reference in Markdown
// (the memo's own Markdown, its headings below the bibliography's), HTML (rendered from the memo's
// Markdown, escaped, links shown as text) and Word; once per source when grouped by principle; and
// left out unless asked for.
import JSZip from 'jszip';
import { JSDOM } from 'jsdom';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import type { Memo } from '../../../shared/memos/model';
import type { BibliographyOptions } from '../../../shared/interchange/types';
import { formatExport } from './export-service';
import { FIXED_NOW, fixtureExportData } from './test-data';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function withMemos() {
  const data = fixtureExportData();
  const [d1, d2] = data.documents.map((d) => d.id);
  const memo = (id: string, title: string, body: string, target: Memo['target'], created: string): Memo => ({ id, title, body, target, created, modified: created });
  const memos = [
    memo('m2', 'Second thoughts', 'Read **again**: <script>alert(1)</script> [the text](https://example.org/x)', { kind: 'document', documentId: d1! }, '2024-02-02T00:00:00.000Z'),
    memo('m1', 'First reading', '# Why it matters\n\nIt sets the tone.', { kind: 'document', documentId: d1! }, '2024-02-01T00:00:00.000Z'),
    memo('m3', 'On the other source', 'Short.', { kind: 'document', documentId: d2! }, '2024-02-03T00:00:00.000Z'),
    memo('m4', 'Project memo', 'Not about a source.', { kind: 'project' }, '2024-02-04T00:00:00.000Z'),
  ];
  return { ...data, memos };
}

const bibliography = async (options: Partial<BibliographyOptions>) => {
  const request = { scope: { kind: 'library' as const }, format: 'bibliography' as const, bibliography: { style: 'apa', groupBy: 'source', output: 'markdown', ...options } as BibliographyOptions };
  return (await formatExport(request, withMemos(), FIXED_NOW)).bytes;
};

describe('memos in the annotated bibliography', () => {
  it('are left out unless asked for', async () => {
    const markdown = text(await bibliography({}));
    expect(markdown).not.toContain('First reading');
  });

  it('come beneath their document’s reference in Markdown, oldest first, headings below the bibliography’s', async () => {
    const markdown = text(await bibliography({ includeMemos: true }));
    expect(markdown).toContain('**Memo: First reading**\n\n#### Why it matters\n\nIt sets the tone.\n\n**Memo: Second thoughts**');
    expect(markdown).toContain('**Memo: On the other source**\n\nShort.');
    expect(markdown).not.toContain('Project memo');
    // Beneath the reference of their own source, before its passages.
    const d1Reference = markdown.indexOf('Norms for a safer cyberspace');
    expect(markdown.indexOf('First reading')).toBeGreaterThan(d1Reference);
    expect(markdown.indexOf('First reading')).toBeLessThan(markdown.indexOf('\n> ', d1Reference));
  });

  it('are rendered and escaped in HTML, with links as text', async () => {
    const html = text(await bibliography({ includeMemos: true, output: 'html' }));
    const dom = new JSDOM(html).window.document;
    expect(dom.querySelectorAll('script')).toHaveLength(0);
    expect(dom.querySelectorAll('a')).toHaveLength(0);
    const memos = [...dom.querySelectorAll('.memo')].filter((m) => /norms for a safer cyberspace/i.test(m.closest('article')!.textContent!));
    expect(memos.map((m) => m.querySelector('.memo-title')!.textContent)).toEqual(['Memo: First reading', 'Memo: Second thoughts']);
    expect(dom.querySelectorAll('.memo')).toHaveLength(3);
    expect(memos[0]!.querySelector('h3')!.textContent).toBe('Why it matters');
    expect(memos[1]!.querySelector('strong')!.textContent).toBe('again');
    expect(memos[1]!.textContent).toContain('<script>alert(1)</script> the text (https://example.org/x)');
  });

  it('are paragraphs in Word', async () => {
    const buffer = Buffer.from(await bibliography({ includeMemos: true, output: 'docx' }));
    const raw = (await mammoth.extractRawText({ buffer })).value;
    expect(raw).toMatch(/Memo: First reading\s+Why it matters\s+It sets the tone\.\s+Memo: Second thoughts\s+Read again: <script>alert\(1\)<\/script> the text/);
    expect((await JSZip.loadAsync(buffer)).file('word/document.xml')).not.toBeNull();
  });

  it('come once per source when grouped by principle, with its first entry', async () => {
    const markdown = text(await bibliography({ includeMemos: true, groupBy: 'principle' }));
    expect(markdown.match(/Memo: First reading/g)).toHaveLength(1);
    expect(markdown.indexOf('Memo: First reading')).toBeLessThan(markdown.indexOf('## Protect the core'));
  });
});
