// Briefly marks a passage the user jumped to, with the CSS Custom Highlight API where the browser has
// it (it changes no DOM, so the text's offsets stay intact).
let timer: ReturnType<typeof setTimeout> | undefined;

export function flashRange(range: Range): void {
  const registry = (globalThis.CSS as { highlights?: HighlightRegistry } | undefined)?.highlights;
  if (!registry || typeof Highlight === 'undefined') return;
  registry.set('apostil-flash', new Highlight(range));
  clearTimeout(timer);
  timer = setTimeout(() => registry.delete('apostil-flash'), 2_000);
}

/** Scrolls `container` so the range sits in its upper third. */
export function scrollRangeIntoView(container: HTMLElement, range: Range): void {
  const rect = range.getBoundingClientRect();
  const box = container.getBoundingClientRect();
  container.scrollTo({ top: container.scrollTop + rect.top - box.top - box.height / 3, behavior: 'instant' });
}

/** Marks every find match, the current one more strongly; empty lists clear the marks. */
export function showFindRanges(ranges: Range[], current: Range | null): void {
  const registry = (globalThis.CSS as { highlights?: HighlightRegistry } | undefined)?.highlights;
  if (!registry || typeof Highlight === 'undefined') return;
  if (ranges.length === 0) registry.delete('apostil-find');
  else registry.set('apostil-find', new Highlight(...ranges));
  if (current) registry.set('apostil-find-current', new Highlight(current));
  else registry.delete('apostil-find-current');
}
