// A source's memos in the annotated bibliography, laid out for each of its files: Markdown (the memo's
// own Markdown, its headings moved below the bibliography's), HTML (the memo's Markdown through the
// same allowed-elements tree the app shows, escaped: links are shown as text, never followed) and
// plain lines (Word).
import { memoMarkdown, memoPlainText, type MemoNode } from '../memos/markdown';
import type { BibliographyMemo } from './bibliography';
import { escapeHtml, escapeMarkdown } from './rich-text';

export function memoMarkdownLines(memo: BibliographyMemo): string[] {
  let fenced = false;
  const body = memo.body.replace(/\r\n?/g, '\n').split('\n').map((line) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    // "# Heading" in a memo would outrank the bibliography's own headings.
    return fenced ? line : line.replace(/^(#{1,6})(?=\s|$)/, (h) => '#'.repeat(Math.min(6, h.length + 3)));
  });
  return [`**Memo: ${escapeMarkdown(memo.title)}**`, '', ...body.join('\n').trim().split('\n')];
}

export function memoHtml(memo: BibliographyMemo): string {
  return `<div class="memo"><p class="memo-title">Memo: ${escapeHtml(memo.title)}</p>${nodesHtml(memoMarkdown(memo.body))}</div>`;
}

function nodesHtml(nodes: readonly MemoNode[]): string {
  return nodes
    .map((node) => {
      if (typeof node === 'string') return escapeHtml(node);
      if (node.tag === 'br' || node.tag === 'hr') return `<${node.tag}>`;
      const inner = nodesHtml(node.children);
      if (node.tag === 'link') return node.href ? `${inner} (${escapeHtml(node.href)})` : inner;
      // The memo's headings sit below the bibliography's (h1 title, h2 principle).
      const tag = /^h[1-6]$/.test(node.tag) ? `h${Math.min(6, Number(node.tag[1]) + 2)}` : node.tag;
      const start = node.tag === 'ol' && node.start !== undefined ? ` start="${node.start}"` : '';
      return `<${tag}${start}>${inner}</${tag}>`;
    })
    .join('');
}

/** The memo's paragraphs as plain text, for formats without Markdown. */
export function memoParagraphs(memo: BibliographyMemo): string[] {
  return memoPlainText(memo.body).split('\n').filter((line) => line.trim());
}
