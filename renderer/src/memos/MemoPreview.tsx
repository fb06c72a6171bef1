// A memo's Markdown shown as React elements built from shared/memos/markdown.ts's tree: no HTML string,
// so nothing in a memo runs; a link shows its address on hover and is not followed.
import { createElement, type ReactNode } from 'react';
import { memoMarkdown, type MemoNode } from '../../../shared/memos/markdown';

export function MemoPreview({ body, label }: { body: string; label?: string }) {
  const nodes = memoMarkdown(body);
  return (
    <div className="memo-preview" aria-label={label}>
      {nodes.length ? render(nodes) : <p className="empty-hint">Nothing written yet.</p>}
    </div>
  );
}

function render(nodes: readonly MemoNode[]): ReactNode[] {
  return nodes.map((node, i) => {
    if (typeof node === 'string') return node;
    if (node.tag === 'link') {
      return (
        <span key={i} className="memo-link" title={node.href}>
          {render(node.children)}
        </span>
      );
    }
    if (node.tag === 'hr' || node.tag === 'br') return createElement(node.tag, { key: i });
    return createElement(node.tag, { key: i, ...(node.start !== undefined ? { start: node.start } : {}) }, ...render(node.children));
  });
}
