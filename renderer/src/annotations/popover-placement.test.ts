import { describe, expect, it } from 'vitest';
import { placePopover } from './popover-placement';

const container = { top: 100, bottom: 800, left: 200, width: 900 };
const noScroll = { top: 0, left: 0 };

describe('placePopover', () => {
  it('goes below a selection near the top, with the room below as its height limit', () => {
    const placement = placePopover({ top: 150, bottom: 170, left: 300, width: 100 }, container, noScroll);
    expect(placement).toEqual({ top: 78, left: 100, above: false, maxHeight: 800 - 170 - 16 });
  });

  it('goes above a selection near the bottom, never taller than the room above', () => {
    const placement = placePopover({ top: 600, bottom: 620, left: 300, width: 100 }, container, noScroll);
    expect(placement.above).toBe(true);
    expect(placement.top).toBe(600 - 8 - 100);
    expect(placement.maxHeight).toBe(600 - 100 - 16);
  });

  it('counts the scroll position and stays inside the container horizontally', () => {
    const placement = placePopover({ top: 150, bottom: 170, left: 1050, width: 40 }, container, { top: 500, left: 30 });
    expect(placement.top).toBe(170 + 8 - 100 + 500);
    expect(placement.left).toBe(900 - 370 - 16 + 30);
  });

  it('keeps a usable height when there is hardly room either way', () => {
    const placement = placePopover({ top: 110, bottom: 790, left: 300, width: 100 }, container, noScroll);
    expect(placement.maxHeight).toBe(160);
  });
});
