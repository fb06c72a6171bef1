import { describe, expect, it } from 'vitest';
import { countColor, niceTicks, truncate } from './chart-theme';

describe('chart helpers', () => {
  it('makes round axis ticks that reach past the maximum', () => {
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(48)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it('scales colours from empty to dark', () => {
    expect(countColor(0, 5)).toBe('#f4f3ef');
    expect(countColor(5, 5)).toBe('rgb(31 78 130)');
  });

  it('shortens long labels', () => {
    expect(truncate('Protect individuals and infrastructure', 12)).toBe('Protect ind…');
  });
});
