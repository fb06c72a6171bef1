// Markdown: markdown-it's token stream, not its HTML, becomes blocks, so inline markup reduces to its
// text (links keep their text, images their alt text). Raw HTML is parsed as HTML (html: true) only so
// that it can be taken apart: tags are dropped, script/style content skipped, and HTML blocks go
// through the same sanitiser and walker as web pages. It never survives as markup.
import MarkdownIt, { type Token } from 'markdown-it';
import type { BlockType, DocumentMetadata } from '../../../shared/model';
import { BlockBuilder, type TextExtraction } from './blocks';
import { cleanTitle } from './fields';
import { frontMatterMetadata, splitFrontMatter } from './front-matter';
import type { HtmlSnippetReader } from './html';
import { datelineDate } from './text';

const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });

// Inline HTML whose content is code or UI, not text.
const SKIP_CONTENT = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'textarea', 'svg', 'math', 'select', 'button']);

function headingType(tag: string): BlockType {
  return tag === 'h1' ? 'h1' : tag === 'h2' ? 'h2' : 'h3';
}

/** The text of an inline token's children. */
export function inlineText(children: readonly Token[] | null): string {
  let text = '';
  let skipDepth = 0;
  for (const token of children ?? []) {
    switch (token.type) {
      case 'text':
      case 'text_special':
      case 'code_inline':
        if (skipDepth === 0) text += token.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        text += ' ';
        break;
      case 'image':
        if (skipDepth === 0) text += inlineText(token.children);
        break;
      case 'html_inline': {
        const tag = /^<\s*(\/)?\s*([A-Za-z][\w-]*)/.exec(token.content);
        const name = tag?.[2]?.toLowerCase();
        if (name === 'br') text += ' ';
        else if (name && SKIP_CONTENT.has(name) && !/\/\s*>$/.test(token.content)) {
          skipDepth = tag?.[1] ? Math.max(0, skipDepth - 1) : skipDepth + 1;
        }
        break;
      }
      default:
        break; // link_open, em_open... carry no text of their own
    }
  }
  return text;
}

export async function extractMarkdown(source: string): Promise<TextExtraction> {
  const { body, fields } = splitFrontMatter(source);
  const tokens = markdown.parse(body, {});
  const builder = new BlockBuilder();
  // The HTML reader loads jsdom, seconds on a busy machine: only for the Markdown that holds HTML blocks.
  let html: HtmlSnippetReader | null = null;
  if (tokens.some((token) => token.type === 'html_block')) html = new (await import('./html')).HtmlSnippetReader();
  // The innermost list item or quote decides the type of the paragraphs inside it.
  const containers: BlockType[] = [];
  let firstH1: string | null = null;
  try {
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (!token) continue;
      const container = containers.at(-1) ?? 'p';
      switch (token.type) {
        case 'list_item_open':
          containers.push('li');
          break;
        case 'blockquote_open':
          containers.push('quote');
          break;
        case 'list_item_close':
        case 'blockquote_close':
          containers.pop();
          break;
        case 'heading_open': {
          const text = inlineText(tokens[i + 1]?.children ?? null);
          if (token.tag === 'h1' && firstH1 === null) firstH1 = text;
          builder.add(headingType(token.tag), text);
          break;
        }
        case 'paragraph_open':
          builder.add(container, inlineText(tokens[i + 1]?.children ?? null));
          break;
        case 'code_block':
        case 'fence':
          builder.add('pre', token.content);
          break;
        case 'html_block':
          html?.addBlocks(builder, token.content, container);
          break;
        case 'tr_open': {
          // A table row reads as one line: "cell | cell | cell".
          const cells: string[] = [];
          for (i++; i < tokens.length && tokens[i]?.type !== 'tr_close'; i++) {
            const cell = tokens[i];
            if (cell?.type === 'inline') cells.push(inlineText(cell.children).trim());
          }
          builder.add('p', cells.filter(Boolean).join(' | '));
          break;
        }
        default:
          break; // inline tokens are read with their opening token; hr and list wrappers carry no text
      }
    }
  } finally {
    html?.close();
  }
  const text = builder.build();
  const found = frontMatterMetadata(fields);
  const title = found.title ?? cleanTitle(firstH1);
  const firstBlocks = text.blocks.slice(0, 6).map((b) => [text.text.slice(b.start, b.end)]);
  const date = found.date ?? datelineDate(firstBlocks, 0);
  const metadata: Partial<DocumentMetadata> = { ...found };
  if (title) metadata.title = title;
  if (date) metadata.date = date;
  return { text, metadata };
}
