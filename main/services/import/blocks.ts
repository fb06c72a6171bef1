// The one place that turns raw block text into DocumentText. Every format feeds its blocks through
// BlockBuilder, so the invariants the reader, anchoring and search rely on hold by construction:
// blocks are non-empty, trimmed, whitespace-normalised, in order, and separated by exactly "\n\n".
import type { BlockType, DocumentMetadata, DocumentText, PageRange, TextBlock } from '../../../shared/model';
import { normaliseCharacters, normaliseParagraph } from '../../../shared/text/paragraph';

export const BLOCK_SEPARATOR = '\n\n';

/** What each format's extractor returns. */
export interface TextExtraction {
  text: DocumentText;
  metadata: Partial<DocumentMetadata>;
}

/** Collapses whitespace runs to one space (or, for 'pre', keeps single line breaks) and trims. */
export function normaliseBlockText(type: BlockType, raw: string): string {
  if (type !== 'pre') return normaliseParagraph(raw);
  const text = normaliseCharacters(raw).normalize('NFC');
  return (
    text
      .replace(/\r\n?/g, '\n')
      // Other whitespace (NBSP, line separators...) becomes a plain space; indentation is kept.
      .replace(/[^\S\n\t ]/g, ' ')
      .replace(/[ \t]+$/gm, '')
      // Blank lines inside code would read as a block separator, so they are squeezed to one break.
      .replace(/\n{2,}/g, '\n')
      .trim()
  );
}

export interface BlockBuilderOptions {
  /** Record page ranges (PDF). */
  paged?: boolean;
  /** Stop with this error once the text would exceed maxChars (guards against decompression bombs). */
  maxChars?: number;
  tooLarge?: () => Error;
}

export class BlockBuilder {
  private readonly parts: string[] = [];
  private readonly blocks: TextBlock[] = [];
  private readonly pages: PageRange[] | null;
  private length = 0;
  private pageFirstBlock: number | null = null;

  constructor(private readonly options: BlockBuilderOptions = {}) {
    this.pages = options.paged ? [] : null;
  }

  /** Number of characters of text so far. */
  get size(): number {
    return this.length;
  }

  get blockCount(): number {
    return this.blocks.length;
  }

  /** Adds a block; text that normalises to nothing is skipped. Returns whether a block was added. */
  add(type: BlockType, raw: string): boolean {
    const text = normaliseBlockText(type, raw);
    if (!text) return false;
    const start = this.blocks.length === 0 ? 0 : this.length + BLOCK_SEPARATOR.length;
    const end = start + text.length;
    const { maxChars, tooLarge } = this.options;
    if (maxChars !== undefined && end > maxChars) {
      throw tooLarge ? tooLarge() : new Error(`text exceeds ${maxChars} characters`);
    }
    if (this.blocks.length > 0) this.parts.push(BLOCK_SEPARATOR);
    this.parts.push(text);
    this.blocks.push({ type, start, end });
    this.length = end;
    return true;
  }

  beginPage(): void {
    if (!this.pages) throw new Error('BlockBuilder: pages are not recorded');
    if (this.pageFirstBlock !== null) throw new Error('BlockBuilder: page already open');
    this.pageFirstBlock = this.blocks.length;
  }

  /** Closes the page. A page without text gets an empty range at the end of the text before it. */
  endPage(): boolean {
    if (!this.pages || this.pageFirstBlock === null) throw new Error('BlockBuilder: no open page');
    const first = this.blocks[this.pageFirstBlock];
    const last = this.blocks.at(-1);
    const hasText = first !== undefined && last !== undefined;
    this.pages.push(hasText ? { start: first.start, end: last.end } : { start: this.length, end: this.length });
    this.pageFirstBlock = null;
    return hasText;
  }

  build(): DocumentText {
    if (this.pageFirstBlock !== null) throw new Error('BlockBuilder: a page is still open');
    return { text: this.parts.join(''), blocks: [...this.blocks], pages: this.pages ? [...this.pages] : null };
  }
}
