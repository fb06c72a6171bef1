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
