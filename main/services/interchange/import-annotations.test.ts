// Importing annotation files made by other tools into a library: Hypothesis's baseline annotations of
// a Wikipedia page (test-data/hypothesis-client) on that page imported from its saved HTML, rows that
// name no document placed where the user says, positions alone taken only where the text matches.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../test-support/temp';
import { openApp, type AppServices } from '../app';
import { importDocumentFile } from '../references/import-references';
import { openHostSettings } from '../settings';
import { importAnnotationFile } from './import-annotations';
import { quietTask } from '../../test-support/library-app';

const tempDir = useTempDir();
const encode = (s: string) => new TextEncoder().encode(s);
const DATA = path.resolve(__dirname, '../../../test-data/hypothesis-client');
const read = (name: string) => readFileSync(path.join(DATA, name), 'utf8');
const task = quietTask;
type Row = { id: string; uri?: string; target: { source?: string; selector: { type: string; exact?: string; start?: number; end?: number }[] }[] } & Record<string, unknown>;
const rows = (JSON.parse(read('wikipedia-regression-testing.json')) as { rows: Row[] }).rows;

async function libraryWithPage(): Promise<{ app: AppServices; documentId: string; text: string }> {
  const dir = await tempDir();
  const app = await openApp({ libraryPath: path.join(dir, 'library'), settings: openHostSettings(path.join(dir, 'data')) });
  const outcome = await importDocumentFile(app, 'Regression_testing.html', encode(read('wikipedia-regression-testing.html')));
  return { app, documentId: outcome.document.id, text: (await app.store.readText(outcome.document.id)).text };
}

describe('Hypothesis annotations of a saved Wikipedia page', () => {
  it('places them by their quotes, keeps the one whose passage is gone, and stores how each was found', async () => {
    const { app, documentId } = await libraryWithPage();
    const report = await importAnnotationFile(app.store, 'hypothesis.json', encode(read('wikipedia-regression-testing.json')), task);
    expect(report).toMatchObject({ imported: 5, orphaned: 1, unmatched: [], skipped: [], notice: null });
    const stored = await app.store.listAnnotations(documentId);
    expect(stored).toHaveLength(5);
    // Hypothesis counted positions in the page's DOM text; here they moved, so they were found by their
    // quotes, and each says so (the one orphan keeps its selectors as they were).
    const found = stored.filter((a) => a.anchoring);
    expect(found.length).toBeGreaterThanOrEqual(3);
    for (const annotation of found) expect(annotation.anchoring).toMatchObject({ method: 'quote', score: expect.any(Number) });
    await app.close();
  });

  it('lets the user choose the document for rows that name none, without doubling the others', async () => {
    const { app, documentId } = await libraryWithPage();
    const unnamed = rows.slice(1, 3).map((row) => ({ ...row, uri: undefined, document: undefined, target: row.target.map(({ source: _, ...t }) => t) }));
    // A second document quoting the same passages: the quotes alone cannot say which one is meant.
    const quotes = unnamed.map((row) => row.target[0]!.selector.find((s) => s.type === 'TextQuoteSelector')!.exact!);
    await importDocumentFile(app, 'notes.txt', encode(`My notes\n\n${quotes.join('\n\n')}\n`));
    const file = encode(JSON.stringify({ rows: [rows[3], ...unnamed] }));
    const first = await importAnnotationFile(app.store, 'rows.json', file, task);
    expect(first).toMatchObject({ imported: 1, unmatched: [{ source: null, title: null, count: 2 }] });
    const second = await importAnnotationFile(app.store, 'rows.json', file, task, { assign: [{ source: null, documentId }] });
    expect(second).toMatchObject({ imported: 2, alreadyPresent: 1, unmatched: [] });
    expect(await app.store.listAnnotations(documentId)).toHaveLength(3);
    await expect(importAnnotationFile(app.store, 'rows.json', file, task, { assign: [{ source: null, documentId: 'gone' }] })).rejects.toThrow(/no longer in the library/);
    await app.close();
  });

  it('takes a position alone only where the file shows its positions count this text', async () => {
    const { app, documentId, text } = await libraryWithPage();
    const withQuote = rows[2]!;
    const quote = withQuote.target[0]!.selector.find((s) => s.type === 'TextQuoteSelector')!.exact!;
    const start = text.indexOf(quote);
    const position = (s: number, e: number) => ({ type: 'TextPositionSelector', start: s, end: e });
    const positionOnly = { id: 'pos_only_1', uri: withQuote.uri, text: 'position only', target: [{ source: withQuote.uri, selector: [position(start, start + 10)] }] };
    // Hypothesis's positions count its DOM text, not Apostil's: refused, with the reason.
    const refused = await importAnnotationFile(app.store, 'a.json', encode(JSON.stringify({ rows: [withQuote, positionOnly] })), task);
    expect(refused.skipped).toEqual([{ reason: expect.stringMatching(/^it has only a position \(no quote\), and nothing in the file shows/), count: 1 }]);
    // A file whose quoted annotations sit exactly at their positions in this text: the position is trusted.
    const agreeing = { ...withQuote, id: 'agreeing_1', target: [{ source: withQuote.uri, selector: [position(start, start + quote.length), { type: 'TextQuoteSelector', exact: quote }] }] };
    const accepted = await importAnnotationFile(app.store, 'b.json', encode(JSON.stringify({ rows: [agreeing, { ...positionOnly, id: 'pos_only_2' }] })), task);
    expect(accepted).toMatchObject({ imported: 2, skipped: [] });
    const placed = (await app.store.listAnnotations(documentId)).find((a) => a.id === 'pos_only_2')!;
    expect(placed.target.selector).toContainEqual({ type: 'TextQuoteSelector', exact: text.slice(start, start + 10), prefix: expect.any(String), suffix: expect.any(String) });
    await app.close();
  });
});
