import { describe, expect, it } from 'vitest';
import { cleanTitle, cleanUrl, compact, findDoi, splitAuthors } from './fields';

describe('metadata field cleaning', () => {
  it('splits author lists in their usual forms', () => {
    expect(splitAuthors('Ann Smith; Bob Jones')).toEqual(['Ann Smith', 'Bob Jones']);
    expect(splitAuthors('By Ann Smith and Bob Jones')).toEqual(['Ann Smith', 'Bob Jones']);
    expect(splitAuthors('Ann Smith, Bob Jones & Carla Diaz')).toEqual(['Ann Smith', 'Bob Jones', 'Carla Diaz']);
    expect(splitAuthors('Smith, John')).toEqual(['Smith, John']);
    expect(splitAuthors('https://example.org/authors/ann')).toEqual([]);
    expect(splitAuthors('')).toEqual([]);
  });

  it('drops placeholder titles and authoring-tool noise', () => {
    expect(cleanTitle('Microsoft Word - Paris Call analysis.docx')).toBe('Paris Call analysis');
    expect(cleanTitle('Untitled')).toBeNull();
    expect(cleanTitle('  ')).toBeNull();
    expect(cleanTitle('1234')).toBeNull();
    expect(cleanTitle('x'.repeat(800))?.length).toBeLessThanOrEqual(500);
  });

  it('finds DOIs in their usual dresses', () => {
    expect(findDoi('doi:10.1000/xyz123.')).toBe('10.1000/xyz123');
    expect(findDoi('https://doi.org/10.5555/ABC-1(2)')).toBe('10.5555/ABC-1(2');
    expect(findDoi('no doi here')).toBeNull();
  });

  it('keeps only absolute http(s) URLs', () => {
    expect(cleanUrl('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(cleanUrl('javascript:alert(1)')).toBeNull();
    expect(cleanUrl('/relative/path')).toBeNull();
    expect(cleanUrl('file:///etc/passwd')).toBeNull();
  });

  it('compact drops empty fields', () => {
    expect(compact<{ a: string; b: string[]; c: string | null }>({ a: 'x', b: [], c: null })).toEqual({ a: 'x' });
  });
});
