import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorAnnotations, describeRange } from '../../shared/anchoring';
import { PARIS_CALL_CODEBOOK } from '../../shared/codebooks';
import type { Annotation, AnnotationBody, Selector } from '../../shared/model';
import { useTempDir } from '../test-support/temp';
import { importFile } from './importing';
import { encryptPdf } from './import/pdf-encrypt';
import { LOREM, makePdf } from './import/pdf-fixtures';
import { LibraryStore } from './library/store';
import { replaceFile } from './replacing';

const body: AnnotationBody = { color: 'yellow', note: '', tags: [], principles: [], actors: [] };
const area: Selector = { type: 'PdfAreaSelector', areas: [{ page: 0, rects: [[56, 700, 300, 712]] }] };

function annotation(documentId: string, id: string, selector: Selector[]): Annotation {
  return { id, documentId, created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', target: { selector }, body };
}

describe('replaceFile', () => {
  const tempDir = useTempDir();

  async function libraryWithPdf(pages: string[][]) {
    const dir = await tempDir();
    const store = await LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });
    const outcome = await importFile(store, 'report.pdf', await makePdf(pages));
    const id = outcome.document.id;
    const text = (await store.readText(id)).text;
    const highlight = (quote: string, annotationId: string) => {
      const start = text.indexOf(quote);
      return store.saveAnnotation(annotation(id, annotationId, [...describeRange(text, start, start + quote.length), area]));
    };
    return { dir, store, id, highlight };
  }

  it('keeps and re-anchors a highlight saved while the new file was being read', async () => {
    const { store, id, highlight } = await libraryWithPdf([[LOREM[0]!, LOREM[1]!]]);
    await highlight('multi-stakeholder community', 'first');
    const v2 = await makePdf([['A foreword added in the second edition.'], [LOREM[0]!, LOREM[1]!]]);
    // The new file has been read (seconds for a large PDF) and the user highlights just before it is
    // written: the highlight's save is queued ahead of the replace.
    let saved: Promise<unknown> = Promise.resolve();
    const write = store.replaceFile.bind(store);
    store.replaceFile = (...args) => {
      saved = highlight('common principles', 'meanwhile');
      return write(...args);
    };
    const outcome = await replaceFile(store, id, 'report-v2.pdf', v2);
    await saved;

    expect(outcome).toMatchObject({ reanchored: 2, orphaned: 0 });
    const newText = (await store.readText(id)).text;
    const kept = (await store.listAnnotations(id)).find((a) => a.id === 'meanwhile');
    expect(kept).toBeDefined();
    const quote = kept!.target.selector.find((s) => s.type === 'TextPositionSelector');
    expect(quote && quote.type === 'TextPositionSelector' && newText.slice(quote.start, quote.end)).toBe('common principles');
  });

  it('re-anchors what it finds, keeps what it does not as orphans, and keeps the old version', async () => {
    const { dir, store, id, highlight } = await libraryWithPdf([[LOREM[0]!, LOREM[1]!], [LOREM[2]!]]);
    await highlight('multi-stakeholder community', 'kept');
    await highlight('critical infrastructure', 'lost');
    await store.saveAnnotation(annotation(id, 'region', [area]));

    // The new version has a new opening page and no longer speaks of critical infrastructure.
    const v2 = await makePdf([['A foreword added in the second edition.'], [LOREM[0]!, LOREM[1]!], ['Supporters commit to cooperate.']]);
    const outcome = await replaceFile(store, id, 'report-v2.pdf', v2);
    expect(outcome).toMatchObject({ reanchored: 1, orphaned: 1 });
    expect(outcome.document).toMatchObject({ originalName: 'report-v2.pdf', pageCount: 3, size: v2.byteLength });

    const newText = (await store.readText(id)).text;
    expect(newText).toMatch(/^A foreword added/);
    const annotations = await store.listAnnotations(id);
    const kept = annotations.find((a) => a.id === 'kept')!;
    // Described afresh in the new text, without the old file's rectangles.
    expect(kept.target.selector.map((s) => s.type)).toEqual(['TextQuoteSelector', 'TextPositionSelector']);
    const report = anchorAnnotations(newText, annotations);
    expect(report.anchored.map((a) => a.annotation.id)).toEqual(['kept']);
    expect(report.anchored[0]).toMatchObject({ method: 'position' });
    expect(report.orphaned.map((o) => o.annotation.id)).toEqual(['lost']);
    expect(report.regions.map((a) => a.id)).toEqual(['region']);
    // The orphan is kept exactly as it was.
    expect(annotations.find((a) => a.id === 'lost')!.target.selector).toHaveLength(3);

    const versions = path.join(dir, 'documents', id, 'versions');
    const [version] = await readdir(versions);
    expect((await readdir(path.join(versions, version!))).sort()).toEqual(['annotations.json', 'meta.json', 'original.pdf', 'text.json']);
    expect(await readFile(path.join(versions, version!, 'text.json'), 'utf8')).toContain('critical infrastructure');

    // And all of it is on disk: a reopened library sees the new version.
    await store.close();
    const reopened = await LibraryStore.open(dir, { defaultCodebook: PARIS_CALL_CODEBOOK });
    expect(reopened.getDocument(id).originalName).toBe('report-v2.pdf');
    expect((await reopened.listAnnotations(id)).find((a) => a.id === 'kept')).toEqual(kept);
    await reopened.close();
  });

  it('refuses the same file, another format, or a file already in the library, changing nothing', async () => {
    const { store, id } = await libraryWithPdf([[LOREM[0]!]]);
    const before = store.getDocument(id);
    const original = await store.readOriginal(id);
    await expect(replaceFile(store, id, 'same.pdf', original)).rejects.toMatchObject({ code: 'invalid-input', message: /nothing to replace/ });
    await expect(replaceFile(store, id, 'notes.txt', new TextEncoder().encode('Some notes.'))).rejects.toMatchObject({
      code: 'invalid-input',
      message: /"notes.txt" is a text file, but ".*" is a PDF/,
    });
    const other = await importFile(store, 'other.pdf', await makePdf([[LOREM[1]!]]));
    await expect(replaceFile(store, id, 'other.pdf', await store.readOriginal(other.document.id))).rejects.toMatchObject({ code: 'duplicate' });
    expect(store.getDocument(id)).toEqual(before);
    await store.close();
  });

  it('reads an encrypted new version with the password given for this replacement only', async () => {
    const { dir, store, id } = await libraryWithPdf([[LOREM[0]!]]);
    const sealed = await encryptPdf(await makePdf([[LOREM[0]!, LOREM[2]!]]), 'open sesame');
    await expect(replaceFile(store, id, 'sealed.pdf', sealed)).rejects.toMatchObject({ code: 'encrypted' });
    await replaceFile(store, id, 'sealed.pdf', sealed, { password: 'open sesame' });
    expect((await store.readText(id)).text).toContain('critical infrastructure');
    const files = await readdir(path.join(dir, 'documents', id));
    for (const file of files.filter((f) => f.endsWith('.json'))) {
      expect(await readFile(path.join(dir, 'documents', id, file), 'utf8')).not.toContain('open sesame');
    }
    await store.close();
  });
});
