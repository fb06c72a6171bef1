import { describe, expect, it } from 'vitest';
import { offsetsToRange, rangeToOffsets } from './dom-offsets';

// Two blocks of "alpha beta gamma\n\ndelta epsilon", the second with a highlight splitting its text.
function render(): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML =
    '<p data-start="0">alpha beta gamma</p>' +
    '<div class="page-label">Page 2</div>' +
    '<p data-start="18">delta <mark>eps</mark>ilon</p>';
  document.body.append(root);
  return root;
}

describe('DOM offsets', () => {
  it('maps a selection inside one block', () => {
    const root = render();
    const text = root.querySelector('p')!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 6);
    range.setEnd(text, 10);
    expect(rangeToOffsets(range, root)).toEqual({ start: 6, end: 10 });
  });

  it('maps a selection across blocks and into a highlight', () => {
    const root = render();
    const range = document.createRange();
    range.setStart(root.querySelector('p')!.firstChild!, 11);
    range.setEnd(root.querySelector('mark')!.firstChild!, 2);
    expect(rangeToOffsets(range, root)).toEqual({ start: 11, end: 26 });
  });

  it('snaps a boundary between blocks to the nearest block', () => {
    const root = render();
    const range = document.createRange();
    range.setStart(root.querySelector('p')!.firstChild!, 6);
    range.setEnd(root.querySelector('.page-label')!, 0);
    expect(rangeToOffsets(range, root)).toEqual({ start: 6, end: 16 });
  });

  it('ignores collapsed selections and selections elsewhere', () => {
    const root = render();
    const range = document.createRange();
    range.setStart(root.querySelector('p')!.firstChild!, 3);
    expect(rangeToOffsets(range, root)).toBeNull();
    const outside = document.createElement('p');
    outside.textContent = 'elsewhere';
    document.body.append(outside);
    range.selectNodeContents(outside);
    expect(rangeToOffsets(range, root)).toBeNull();
  });

  it('turns offsets back into the same text', () => {
    const root = render();
    expect(offsetsToRange(root, 6, 10)?.toString()).toBe('beta');
    expect(offsetsToRange(root, 24, 31)?.toString()).toBe('epsilon');
    const range = offsetsToRange(root, 11, 26)!;
    expect(rangeToOffsets(range, root)).toEqual({ start: 11, end: 26 });
  });
});
