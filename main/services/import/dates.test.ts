import { describe, expect, it } from 'vitest';
import { findDateInText, isoDate, parseDateValue, parsePdfDate } from './dates';

describe('findDateInText', () => {
  it.each([
    ['12 November 2018', '2018-11-12'],
    ['Updated on 05 April 2024', '2024-04-05'],
    ['November 12, 2018', '2018-11-12'],
    ['/  April 29, 2019, 9:46 a.m.', '2019-04-29'],
    ['Published 2018-11-12 in Paris', '2018-11-12'],
    ['on the 12th of Nov. 2018', '2018-11-12'],
    ['Sept 3 2019', '2019-09-03'],
    ['le 12 novembre 2018', '2018-11-12'],
    ['in November 2018', '2018-11'],
    ['held on 12–14 November 2018', '2018-11-14'],
  ])('reads "%s" as %s', (text, iso) => {
    expect(findDateInText(text)).toBe(iso);
  });

  it('ignores bare years, impossible dates and words that only look like months', () => {
    expect(findDateInText('launched in 2018 by France')).toBeNull();
    expect(findDateInText('2019-02-31')).toBeNull();
    expect(findDateInText('2019-13-01')).toBeNull();
    expect(findDateInText('they may 2000 times')).toBe('2000-05'); // a known ambiguity, kept simple
  });

  it('takes the earliest date in the text', () => {
    expect(findDateInText('Posted March 3, 2020; updated 4 April 2021')).toBe('2020-03-03');
  });
});

describe('parseDateValue and parsePdfDate', () => {
  it('keeps the calendar date as written, without shifting time zones', () => {
    expect(parseDateValue('2018-11-12T23:30:00-05:00')).toBe('2018-11-12');
    expect(parseDateValue('2018')).toBe('2018');
    expect(parseDateValue('2018-11')).toBe('2018-11');
    expect(parseDateValue('2018/11/12')).toBe('2018-11-12');
    expect(parseDateValue('Mon, 12 Nov 2018 10:00:00 GMT')).toBe('2018-11-12');
    expect(parseDateValue('20181112')).toBe('2018-11-12');
    expect(parseDateValue('soon')).toBeNull();
    expect(parseDateValue('')).toBeNull();
  });

  it('reads PDF date strings', () => {
    expect(parsePdfDate("D:20181112093000+01'00'")).toBe('2018-11-12');
    expect(parsePdfDate('D:2018')).toBe('2018');
    expect(parsePdfDate('garbage')).toBeNull();
  });

  it('validates ranges', () => {
    expect(isoDate(2020, 2, 29)).toBe('2020-02-29');
    expect(isoDate(2019, 2, 29)).toBeNull();
    expect(isoDate(999)).toBeNull();
  });
});
