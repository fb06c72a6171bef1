// Reading annotation files: the 41 examples of the W3C Web Annotation Data Model (test-data/
// w3c-web-annotation) and Hypothesis API rows (test-data/hypothesis-client). Every entry is either read
// or left out with a reason in words: before, refinedBy was ignored, a position alone was dropped, and
// every skip said "not an annotation of a text passage".
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_CODEBOOK, FIXTURE_DOCUMENTS, fixtureAnnotations } from '../../../shared/analysis/test-fixture';
import { annotationsToW3c } from '../../../shared/interchange/w3c';
import { AnnotationFileError, parseAnnotationFile } from '../../../shared/interchange/w3c-import';

const DATA = path.resolve(__dirname, '../../../test-data');
const collectionText = readFileSync(path.join(DATA, 'w3c-web-annotation', 'collection1.json'), 'utf8');
const collection = JSON.parse(collectionText) as { first: { items: { id: string }[] } } & Record<string, unknown>;

describe('the W3C model examples', () => {
  const parsed = parseAnnotationFile(collectionText);
  const byId = (id: string) => parsed.annotations.find((a) => a.id === `http://example.org/${id}`);

  it('reads the annotations of text passages, including a quote inside refinedBy and a position alone', () => {
    expect(parsed.annotations.map((a) => a.id)).toEqual(['http://example.org/anno26', 'http://example.org/anno27', 'http://example.org/anno32']);
    expect(byId('anno26')!.selectors).toEqual([{ type: 'TextQuoteSelector', exact: 'anotation', prefix: 'this is an ', suffix: ' that has some' }]);
    expect(byId('anno27')!.selectors).toEqual([{ type: 'TextPositionSelector', start: 412, end: 795 }]);
    expect(byId('anno32')!).toMatchObject({
      target: { source: 'http://example.org/page1' },
      selectors: [{ type: 'TextQuoteSelector', exact: 'Selected Text', prefix: 'text before the ', suffix: ' and text after it' }],
    });
  });

  it('says precisely why each other entry was left out, and accounts for all 41', () => {
    const total = parsed.annotations.length + parsed.skipped.reduce((n, s) => n + s.count, 0);
    expect(total).toBe(41);
    const reasons = parsed.skipped.map((s) => s.reason);
    expect(reasons).not.toContain('not an annotation of a text passage');
    expect(reasons).toEqual(
      expect.arrayContaining([
        'it annotates a whole document (a page note), not a passage of text',
        'it annotates a whole image, not a passage of text',
        'it annotates several whole resources at once, not a passage',
        expect.stringMatching(/^its selectors \(.*CssSelector.*\) point into a page's structure/),
        expect.stringMatching(/^its only position is counted within a part of the document/), // anno41: a position refining a FragmentSelector
      ]),
    );
  });

  it('gives a clear message for a collection whose pages are on the web', () => {
    const paged = JSON.stringify({ ...collection, first: 'http://example.org/collection1/page1' });
    expect(() => parseAnnotationFile(paged)).toThrow(AnnotationFileError);
    expect(() => parseAnnotationFile(paged)).toThrow(/“Annotation Examples” holds 41 annotations in separate pages on the web \(the first is http:\/\/example\.org\/collection1\/page1\).*does not download/);
  });

  it('imports the first page it has, and says the next one is missing', () => {
    const firstPage = { ...collection.first, next: 'http://example.org/collection1/page2', items: collection.first.items.slice(25, 27) };
    const result = parseAnnotationFile(JSON.stringify({ ...collection, total: 82, first: firstPage }));
    expect(result.annotations).toHaveLength(2);
    expect(result.notice).toMatch(/it has 2 of 82 annotations; the next page \(http:\/\/example\.org\/collection1\/page2\) is not in the file/);
  });
});

describe('Hypothesis rows', () => {
  it('reads a row that names no document, for the user to place', () => {
    const rows = JSON.parse(readFileSync(path.join(DATA, 'hypothesis-client', 'wikipedia-regression-testing.json'), 'utf8')) as { rows: Record<string, unknown>[] };
    const row = { ...rows.rows[1]!, uri: undefined, target: [{ selector: (rows.rows[1]!.target as { selector: unknown }[])[0]!.selector }] };
    const [annotation] = parseAnnotationFile(JSON.stringify({ rows: [row] })).annotations;
    expect(annotation!.target.source).toBeNull();
    expect(annotation!.selectors.map((s) => s.type)).toEqual(['TextPositionSelector', 'TextQuoteSelector']);
  });
});

describe('coders', () => {
  const withCreator = (creator: unknown) => {
    const item = { ...collection.first.items.find((i) => i.id === 'http://example.org/anno32')!, creator };
    return parseAnnotationFile(JSON.stringify([item])).annotations[0]!.coder;
  };

  it('read the W3C creator: a Person’s name or nickname, not an IRI', () => {
    // The shapes of the W3C model's own examples (anno19 and anno20 of collection1.json).
    expect(withCreator({ id: 'http://example.org/user1', type: 'Person', name: 'My Pseudonym', nickname: 'pseudo' })).toBe('My Pseudonym');
    expect(withCreator({ id: 'http://example.org/user1', type: 'Person', nickname: 'user1' })).toBe('user1');
    expect(withCreator('http://example.org/user1')).toBeNull();
    expect(withCreator('  Ann  ')).toBe('Ann');
    expect(withCreator([{ id: 'http://example.net/user2', type: 'Person' }, 'Ben'])).toBe('Ben');
    expect(withCreator('line\nbreak')).toBeNull();
    expect(withCreator(undefined)).toBeNull();
  });

  it('read the Hypothesis user', () => {
    const rows = JSON.parse(readFileSync(path.join(DATA, 'hypothesis-client', 'wikipedia-regression-testing.json'), 'utf8')) as { rows: Record<string, unknown>[] };
    const [annotation] = parseAnnotationFile(JSON.stringify({ rows: [{ ...rows.rows[1]!, user: 'acct:ann_lima@hypothes.is' }] })).annotations;
    expect(annotation!.coder).toBe('ann_lima');
  });

  it('travel in our export and back', () => {
    const exported = annotationsToW3c({ documents: FIXTURE_DOCUMENTS, annotations: fixtureAnnotations(), codebook: FIXTURE_CODEBOOK, generatedAt: '2024-01-01T00:00:00Z' });
    expect(parseAnnotationFile(exported).annotations.map((a) => a.coder)).toEqual(fixtureAnnotations().map((a) => a.author ?? null));
  });
});

describe('colours', () => {
  it('are written as the model’s styleClass on the target, and read from there', () => {
    const exported = JSON.parse(
      annotationsToW3c({ documents: FIXTURE_DOCUMENTS, annotations: fixtureAnnotations().map((a) => ({ ...a, body: { ...a.body, color: 'green' } })), codebook: FIXTURE_CODEBOOK, generatedAt: '2024-01-01T00:00:00Z' }),
    );
    const item = exported.first.items[0];
    expect(item.target.styleClass).toBe('apostil-green');
    expect(JSON.stringify(exported)).not.toContain('stylesClass');
    expect(parseAnnotationFile(JSON.stringify(exported)).annotations[0]!.color).toBe('green');
  });

  it('are still read from files of earlier versions, which wrote "stylesClass" on the annotation', () => {
    const old = { type: 'Annotation', stylesClass: 'apostil-pink', body: [], target: { source: 'urn:x', selector: [{ type: 'TextQuoteSelector', exact: 'words' }] } };
    expect(parseAnnotationFile(JSON.stringify(old)).annotations[0]!.color).toBe('pink');
  });
});
