// Web pages: parse with jsdom (scripts never run, nothing is loaded: the default JSDOM options, and no
// url so relative links cannot point anywhere), read the page's metadata, reduce it to the article
// with Readability (or the whole body when Readability finds none), sanitise, and walk it into blocks.
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import type { BlockType } from '../../../shared/model';
import { BlockBuilder, type TextExtraction } from './blocks';
import { HtmlBlockWalker, sanitizeToFragment } from './html-blocks';
import { readHtmlMetadata, type ReadabilityHints } from './html-metadata';

/**
 * A jsdom with nothing active: no scripts (runScripts unset), no subresources (resources unset), and
 * a silent virtual console so page CSS/parse errors do not reach our logs.
 */
export function inertDom(html: string): JSDOM {
  return new JSDOM(html, { virtualConsole: new VirtualConsole() });
}

/** Readability's default charThreshold: an article shorter than this was not really found. */
const READABLE_CHARS = 500;

interface Article {
  html: string | null;
  hints: ReadabilityHints;
}

function readArticle(document: Document): Article {
  try {
    // Readability rewrites the document it is given, so it works on a copy.
    const result = new Readability(document.cloneNode(true) as Document).parse();
    const hints: ReadabilityHints = {
      title: result?.title,
      byline: result?.byline,
      siteName: result?.siteName,
      publishedTime: result?.publishedTime,
    };
    // Below its own threshold Readability returns its best failed attempt, which on short pages drops
    // headings, lists and tables as chrome; then the whole body is the safer answer.
    const usable = isProbablyReaderable(document) && (result?.textContent ?? '').trim().length >= READABLE_CHARS;
    return { html: usable ? (result?.content ?? null) : null, hints };
  } catch {
    // Readability is a heuristic; if it chokes on a page, the whole body is still a fine answer.
    return { html: null, hints: {} };
  }
}

export function extractHtml(source: string): TextExtraction {
  const dom = inertDom(source);
  try {
    const { document } = dom.window;
    const article = readArticle(document);
    const metadata = readHtmlMetadata(document, article.hints);

    const builder = new BlockBuilder();
    const walker = new HtmlBlockWalker(builder);
    if (article.html) walker.walk(sanitizeToFragment(dom.window, article.html));
    if (builder.blockCount === 0 && document.body) {
      walker.walk(sanitizeToFragment(dom.window, document.body.innerHTML));
    }
    return { text: builder.build(), metadata };
  } finally {
    dom.window.close();
  }
}

/** For HTML embedded in Markdown: sanitise the snippet and add its text as blocks of the given type. */
export class HtmlSnippetReader {
  private dom: JSDOM | null = null;

  addBlocks(builder: BlockBuilder, html: string, type: BlockType): void {
    this.dom ??= inertDom('');
    new HtmlBlockWalker(builder).walk(sanitizeToFragment(this.dom.window, html), type);
  }

  close(): void {
    this.dom?.window.close();
    this.dom = null;
  }
}
