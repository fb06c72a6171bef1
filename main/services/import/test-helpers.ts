// Test helpers for the importers: the invariants every extracted text must satisfy, checked the same
// way for every format.
import { expect } from 'vitest';
import { documentTextSchema } from '../../../shared/schemas';
import type { ExtractedDocument } from './index';

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export function blockTexts(doc: Pick<ExtractedDocument, 'text'>): string[] {
  return doc.text.blocks.map((b) => doc.text.text.slice(b.start, b.end));
}

/** Asserts the DocumentText invariants the reader, anchoring and search rely on. */
export function expectValidText(doc: ExtractedDocument): void {
  const { text, blocks, pages } = doc.text;
  expect(documentTextSchema.safeParse(doc.text).success).toBe(true);
  const slices = blockTexts(doc);
  expect(slices.join('\n\n')).toBe(text);
  blocks.forEach((block, i) => {
    const slice = slices[i] ?? '';
    expect(slice.length, `block ${i} is empty`).toBeGreaterThan(0);
    expect(slice, `block ${i} has outer whitespace`).toBe(slice.trim());
    if (block.type === 'pre') expect(slice).not.toMatch(/\n\s*\n|[^\S\n]\n/);
    else expect(slice, `block ${i} has unnormalised whitespace`).not.toMatch(/\s\s|[^\S ]/);
    const next = blocks[i + 1];
    if (next) expect(next.start).toBe(block.end + 2);
  });
  if (blocks[0]) expect(blocks[0].start).toBe(0);
  if (doc.format !== 'pdf') {
    expect(pages).toBeNull();
    expect(doc.pageCount).toBeNull();
    return;
  }
  expect(pages).not.toBeNull();
  expect(pages?.length).toBe(doc.pageCount);
  let previousEnd = 0;
  for (const page of pages ?? []) {
    expect(page.start).toBeGreaterThanOrEqual(previousEnd);
    expect(page.end).toBeGreaterThanOrEqual(page.start);
    expect(page.end).toBeLessThanOrEqual(text.length);
    if (page.end > page.start) {
      // A page with text starts and ends on block boundaries.
      expect(blocks.some((b) => b.start === page.start)).toBe(true);
      expect(blocks.some((b) => b.end === page.end)).toBe(true);
    }
    previousEnd = page.end;
  }
  // Every block lies on exactly one page.
  for (const block of blocks) {
    expect((pages ?? []).filter((p) => block.start >= p.start && block.end <= p.end && p.end > p.start)).toHaveLength(1);
  }
}

/** Text of the blocks on one PDF page (0-based). */
export function pageText(doc: ExtractedDocument, index: number): string {
  const page = doc.text.pages?.[index];
  return page ? doc.text.text.slice(page.start, page.end) : '';
}
