import { describe, expect, it } from 'vitest';
import { POPOVER_WIDTH, placePopover } from './popover-placement';

const windowBox = { top: 0, bottom: 900, left: 0, width: 1440 };
const inside = (p: { top: number; left: number }, height: number) =>
  p.top >= 0 && p.top + height <= 900 && p.left >= 0 && p.left + POPOVER_WIDTH <= 1440;

describe('placePopover', () => {
  it('goes below a selection when the whole popover fits there', () => {
    expect(placePopover({ top: 150, bottom: 170, left: 300, width: 100 }, windowBox, 600)).toEqual({ top: 178, left: 300, maxHeight: 884 });
  });

  it('goes above when only there is room for all of it', () => {
    const placement = placePopover({ top: 700, bottom: 720, left: 300, width: 100 }, windowBox, 600);
    expect(placement.top).toBe(700 - 8 - 600);
    expect(inside(placement, 600)).toBe(true);
  });

  it('goes beside a selection too tall to leave room above or below, level with its top and inside the window', () => {
    const placement = placePopover({ top: 120, bottom: 820, left: 350, width: 600 }, windowBox, 720);
    expect(placement.left).toBe(958);
    expect(placement.top).toBe(120);
    expect(inside(placement, 720)).toBe(true);
    // Level with the top unless that would push its bottom out of the window.
    expect(placePopover({ top: 400, bottom: 850, left: 350, width: 600 }, windowBox, 720).top).toBe(900 - 8 - 720);
  });

  it('goes to the left, or over the selection, when there is no room beside it on the right', () => {
    expect(placePopover({ top: 100, bottom: 850, left: 900, width: 500 }, windowBox, 700).left).toBe(900 - 8 - POPOVER_WIDTH);
    const over = placePopover({ top: 100, bottom: 850, left: 100, width: 1300 }, windowBox, 700);
    expect(inside(over, 700)).toBe(true);
  });

  it('in a window shorter than the popover, fills the window and scrolls inside', () => {
    const placement = placePopover({ top: 200, bottom: 220, left: 300, width: 100 }, { top: 0, bottom: 500, left: 0, width: 1440 }, 700);
    expect(placement.maxHeight).toBe(484);
    expect(placement.top).toBeGreaterThanOrEqual(8);
    expect(placement.top + 484).toBeLessThanOrEqual(492);
  });

  it('stays inside the window horizontally', () => {
    expect(placePopover({ top: 150, bottom: 170, left: 1350, width: 40 }, windowBox, 300).left).toBe(1440 - 8 - POPOVER_WIDTH);
  });
});
