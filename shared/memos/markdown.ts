// A memo's Markdown as a small tree of allowed elements and text, for the renderer to turn into React
// elements: no HTML string is ever made, so nothing the memo holds can run (raw HTML in the Markdown
// stays text; links keep their address only as text to show, never as something to follow or load;
// images are not read at all, so nothing loads from the network).
import MarkdownIt, { type Token } from 'markdown-it';

export const MEMO_TAGS = [
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'em', 'strong', 's',
  'hr', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'link',
] as const;
export type MemoTag = (typeof MEMO_TAGS)[number];

export type MemoNode = string | MemoElement;
export interface MemoElement {
  tag: MemoTag;
  children: MemoNode[];
  /** For a link: where it pointed (shown, never followed). */
  href?: string;
  /** For an ordered list that does not start at 1. */
  start?: number;
}

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false }).disable(['image']);
const allowed = new Set<string>(MEMO_TAGS);
const BLOCKS = new Set<MemoTag>(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'pre', 'hr', 'br', 'tr', 'blockquote']);

export function memoMarkdown(source: string): MemoNode[] {
  const root: MemoElement = { tag: 'p', children: [] };
  const stack: MemoElement[] = [root];
  const top = () => stack[stack.length - 1]!;
  const walk = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      if (token.type === 'inline') {
        walk(token.children ?? []);
      } else if (token.nesting === 1) {
        const tag = token.type === 'link_open' ? 'link' : token.tag;
        const element: MemoElement = { tag: allowed.has(tag) ? (tag as MemoTag) : 'p', children: [] };
        if (tag === 'link') element.href = String(token.attrGet('href') ?? '');
        const start = token.type === 'ordered_list_open' ? Number(token.attrGet('start') ?? 1) : 1;
        if (start !== 1 && Number.isFinite(start)) element.start = start;
        // A paragraph inside a tight list item is not shown as one (as markdown-it's own HTML does).
        if (token.hidden) stack.push(top());
        else {
          top().children.push(element);
          stack.push(element);
        }
      } else if (token.nesting === -1) {
        if (stack.length > 1) stack.pop();
      } else if (token.type === 'text' || token.type === 'html_inline' || token.type === 'html_block') {
        push(top(), token.content);
      } else if (token.type === 'softbreak') {
        push(top(), '\n');
      } else if (token.type === 'hardbreak' || token.type === 'hr') {
        top().children.push({ tag: token.type === 'hr' ? 'hr' : 'br', children: [] });
      } else if (token.type === 'code_inline') {
        top().children.push({ tag: 'code', children: [token.content] });
      } else if (token.type === 'fence' || token.type === 'code_block') {
        top().children.push({ tag: 'pre', children: [{ tag: 'code', children: [token.content] }] });
      }
    }
  };
  walk(markdown.parse(source, {}));
  return root.children;
}

function push(element: MemoElement, text: string): void {
  if (!text) return;
  const last = element.children[element.children.length - 1];
  if (typeof last === 'string') element.children[element.children.length - 1] = last + text;
  else element.children.push(text);
}

/** The memo's text without its markup, for search snippets and exports that take plain text. */
export function memoPlainText(source: string): string {
  const out: string[] = [];
  const visit = (nodes: readonly MemoNode[]) => {
    for (const node of nodes) {
      if (typeof node === 'string') out.push(node);
      else {
        visit(node.children);
        if (BLOCKS.has(node.tag)) out.push('\n');
      }
    }
  };
  visit(memoMarkdown(source));
  return out.join('').replace(/\n{2,}/g, '\n').trim();
}
