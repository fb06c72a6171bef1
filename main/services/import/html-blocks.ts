// Sanitised HTML to reading blocks. DOMPurify removes everything active (scripts, handlers, frames,
// forms) with its content; the walker then keeps only text, so attributes, links and images never
// reach the document. Headings, list items, quotes and preformatted text keep their block type;
// any other text becomes a paragraph.
import createDOMPurify from 'dompurify';
import type { DOMWindow } from 'jsdom';
import type { BlockType } from '../../../shared/model';
import type { BlockBuilder } from './blocks';

// Removed with everything inside them. DOMPurify already drops script; the rest are either active
// content or UI chrome whose text is not part of the document.
const FORBIDDEN = [
  'script', 'style', 'template', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'form', 'input', 'button', 'select', 'option', 'textarea', 'svg', 'math', 'canvas', 'audio', 'video',
  'picture', 'source', 'track', 'img', 'map', 'link', 'meta', 'base', 'head', 'title', 'dialog',
];

/** Parses and sanitises an HTML string in the given (script-less) jsdom window. */
export function sanitizeToFragment(window: DOMWindow, html: string): DocumentFragment {
  const purify = createDOMPurify(window);
  return purify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS: FORBIDDEN,
    ADD_FORBID_CONTENTS: FORBIDDEN,
  });
}

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead',
  'tr', 'ul',
]);

// Defence in depth: even if sanitising were misconfigured, the walker never reads these.
const SKIPPED = new Set([...FORBIDDEN]);

function ownType(tag: string): BlockType | null {
  switch (tag) {
    case 'h1':
      return 'h1';
    case 'h2':
      return 'h2';
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return 'h3';
    case 'li':
    case 'dt':
    case 'dd':
      return 'li';
    case 'blockquote':
      return 'quote';
    default:
      return null;
  }
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

function isHidden(element: Element): boolean {
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  return /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(element.getAttribute('style') ?? '');
}

/** Walks a DOM subtree and adds its text to the builder as blocks. */
export class HtmlBlockWalker {
  private buffer: string[] = [];
  // Two <br> in a row separate paragraphs in older pages; one is just a line break (a space).
  private pendingBreak = false;

  constructor(private readonly builder: BlockBuilder) {}

  walk(root: Node, type: BlockType = 'p'): void {
    this.visitChildren(root, type);
    this.flush(type);
  }

  private visitChildren(node: Node, type: BlockType): void {
    for (let child = node.firstChild; child; child = child.nextSibling) this.visit(child, type);
  }

  private visit(node: Node, type: BlockType): void {
    if (node.nodeType === TEXT_NODE) {
      const text = node.nodeValue ?? '';
      this.buffer.push(text);
      if (text.trim()) this.pendingBreak = false;
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return; // comments, processing instructions
    const element = node as Element;
    const tag = element.localName.toLowerCase();
    if (SKIPPED.has(tag) || isHidden(element)) return;

    if (tag === 'br') {
      if (this.pendingBreak) this.flush(type);
      else this.buffer.push(' ');
      this.pendingBreak = !this.pendingBreak;
      return;
    }
    if (tag === 'td' || tag === 'th') {
      // Cells of a row read as one line: "Name | Date | Place".
      if (this.buffer.join('').trim()) this.buffer.push(' | ');
      this.visitChildren(element, type);
      return;
    }
    if (tag === 'pre') {
      this.flush(type);
      this.builder.add('pre', element.textContent ?? '');
      return;
    }
    if (!BLOCK_TAGS.has(tag)) {
      this.visitChildren(element, type); // inline: a, em, span, code...
      return;
    }
    this.flush(type);
    const childType = ownType(tag) ?? type;
    this.visitChildren(element, childType);
    this.flush(childType);
  }

  private flush(type: BlockType): void {
    this.pendingBreak = false;
    if (this.buffer.length === 0) return;
    const text = this.buffer.join('');
    this.buffer = [];
    this.builder.add(type, text);
  }
}
