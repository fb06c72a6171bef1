import { describe, expect, it } from 'vitest';
import { DEFAULT_TABLE_LAYOUT, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, tableLayoutSchema } from './columns';
import { hiddenColumns, moveColumn, resizeColumn, shiftColumn, toggleColumn } from './layout';

const layout = DEFAULT_TABLE_LAYOUT; // title, authors, year, kind, added, annotations

describe('table layout changes', () => {
  it('hides and shows columns, never the title, and stays a valid layout', () => {
    const hidden = toggleColumn(layout, 'authors');
    expect(hidden.columns).toEqual(['title', 'year', 'kind', 'added', 'annotations']);
    expect(toggleColumn(hidden, 'authors').columns.at(-1)).toBe('authors');
    expect(toggleColumn(layout, 'title')).toBe(layout);
    expect(tableLayoutSchema.safeParse(toggleColumn(hidden, 'tags')).success).toBe(true);
    expect(hiddenColumns(hidden)).toContain('authors');
  });

  it('hiding the sorted column sorts by title instead', () => {
    expect(toggleColumn(layout, 'added').sort).toEqual({ column: 'title', descending: false });
  });

  it('moves a column before another, to the end, or one place by keyboard', () => {
    expect(moveColumn(layout, 'annotations', 'authors').columns).toEqual(['title', 'annotations', 'authors', 'year', 'kind', 'added']);
    expect(moveColumn(layout, 'title', null).columns).toEqual(['authors', 'year', 'kind', 'added', 'annotations', 'title']);
    expect(moveColumn(layout, 'tags', 'year')).toBe(layout); // not shown
    expect(shiftColumn(layout, 'year', -1).columns.slice(0, 3)).toEqual(['title', 'year', 'authors']);
    expect(shiftColumn(layout, 'title', -1)).toBe(layout);
  });

  it('keeps widths within the limits the settings accept', () => {
    expect(resizeColumn(layout, 'title', 5).widths.title).toBe(MIN_COLUMN_WIDTH);
    expect(resizeColumn(layout, 'title', 1e6).widths.title).toBe(MAX_COLUMN_WIDTH);
    expect(tableLayoutSchema.safeParse(resizeColumn(layout, 'year', 80.6)).success).toBe(true);
  });
});
