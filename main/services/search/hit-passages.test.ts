// Passage texts kept between queries: read once, read again after the store publishes a change to texts.
import { describe, expect, it } from 'vitest';
import type { LibraryDocument } from '../../../shared/model';
import { HitPassages } from './hit-passages';

const document = { id: 'd1' } as LibraryDocument;

describe('HitPassages', () => {
  it('reads a passage once, and again after a document is added, replaced, deleted or restored', () => {
    const kept = new HitPassages();
    let reads = 0;
    const read = () => `text ${++reads}`;
    expect(kept.get('d1:0:10', read)).toBe('text 1');
    expect(kept.get('d1:0:10', read)).toBe('text 1');
    kept.follow({ kind: 'annotations.changed', documentId: 'd1', added: [], updated: [], removed: [] });
    kept.follow({ kind: 'document.metadataChanged', document: document });
    expect(kept.get('d1:0:10', read)).toBe('text 1');
    kept.follow({ kind: 'document.replaced', document: document, annotations: [] });
    expect(kept.get('d1:0:10', read)).toBe('text 2');
    kept.follow({ kind: 'document.deleted', documentId: 'd2' });
    expect(kept.get('d1:0:10', read)).toBe('text 3');
  });

  it('keeps a bounded number of characters, least recently used out', () => {
    const kept = new HitPassages();
    const long = 'x'.repeat(1 << 20);
    let reads = 0;
    const read = () => {
      reads++;
      return long;
    };
    kept.get('a', read);
    kept.get('b', read);
    kept.get('a', read);
    kept.get('c', read); // over 2 M characters: b, least recently used, goes
    expect(reads).toBe(3);
    kept.get('a', read);
    kept.get('c', read);
    expect(reads).toBe(3);
    kept.get('b', read);
    expect(reads).toBe(4);
  });
});
