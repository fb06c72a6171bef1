import { describe, expect, it } from 'vitest';
import type { DocumentMetadata } from '../model';
import { WorkIndex, compareWorks, mergeMetadata, originsAfterUserEdit, workKeys } from './reference-match';

const work = (patch: Partial<DocumentMetadata>): DocumentMetadata => ({
  title: 'Similarity grouping and peripheral discriminability',
  authors: ['Jacob Beck'],
  date: '1972',
  publication: null,
  url: null,
  doi: null,
  kind: 'article',
  ...patch,
});

describe('compareWorks', () => {
  const keys = (patch: Partial<DocumentMetadata>, origins = {}) => workKeys(work(patch), origins);

  it('needs the same DOI, or the same title, year and first author', () => {
    expect(compareWorks(keys({}), keys({ title: 'SIMILARITY grouping, and peripheral discriminability!', authors: ['Beck, J.'] }))).toBe('same');
    expect(compareWorks(keys({ doi: '10.1000/a' }), keys({ doi: 'https://doi.org/10.1000/A', title: 'Other', date: '1990' }))).toBe('same');
    expect(compareWorks(keys({ doi: '10.1000/a' }), keys({ doi: '10.1000/b' }))).toBe('different');
  });

  it('calls a shared title with another year or author, or without them, only a possible duplicate', () => {
    expect(compareWorks(keys({}), keys({ date: '1975' }))).toBe('possible');
    expect(compareWorks(keys({}), keys({ authors: ['Ann Other'] }))).toBe('possible');
    expect(compareWorks(keys({}), keys({ date: null }))).toBe('possible');
    expect(compareWorks(keys({}), keys({}, { date: 'file-created' }))).toBe('possible');
    expect(compareWorks(keys({}), keys({ title: 'Something else' }))).toBe('different');
  });

  it('finds the same work before a possible one, through an index', () => {
    const a = { metadata: work({ date: '1975' }) };
    const b = { metadata: work({}) };
    const index = new WorkIndex([a, b]);
    expect(index.find(work({}))).toEqual({ entry: b, evidence: 'same' });
    index.delete(b);
    expect(index.find(work({}))).toEqual({ entry: a, evidence: 'possible' });
  });
});

describe('mergeMetadata', () => {
  it('lets the reference win, except where the user edited, and drops the file-date mark', () => {
    const current = work({ title: 'My title', date: '2024-03-01', publication: null });
    const incoming = work({ title: 'Their title', date: '1972', publication: 'Perception' });
    const merged = mergeMetadata(current, incoming, { title: 'user', date: 'file-created' });
    expect(merged).toEqual({
      metadata: { ...current, date: '1972', publication: 'Perception' },
      origins: { title: 'user' },
      changed: ['date', 'publication'],
      kept: ['title'],
    });
  });

  it('keeps a more precise date of the same year, and only fills gaps when asked to', () => {
    expect(mergeMetadata(work({ date: '1972-05-01' }), work({ date: '1972' })).changed).toEqual([]);
    expect(mergeMetadata(work({ publication: null, kind: 'report' }), work({ publication: 'P', title: 'T' }), {}, true)).toMatchObject({ changed: ['publication'] });
  });

  it('marks what the user changed as theirs', () => {
    expect(originsAfterUserEdit(work({}), work({ date: '1973', title: 'New' }), { date: 'file-created', doi: 'user' })).toEqual({ title: 'user', date: 'user', doi: 'user' });
  });
});
