// The links as the renderer holds them, kept up to date from the library's changes: a `links.changed`
// carries the whole new state; an edited highlight (re-attached to other words) changes the quote its
// links show. Applying a change the state already shows changes nothing.
import type { LibraryChange } from '../library-changes';
import { findSelector, type Annotation } from '../model';
import type { EndView, LinksState } from './model';

export function applyToLinks(state: LinksState, change: LibraryChange): LinksState {
  if (change.kind === 'links.changed') return change.state;
  let updated: readonly Annotation[] = [];
  if (change.kind === 'annotations.changed') updated = change.updated;
  else if (change.kind === 'document.replaced') updated = change.annotations;
  if (updated.length === 0 || state.links.length === 0) return state;
  const quotes = new Map(updated.map((a) => [a.id, findSelector(a, 'TextQuoteSelector')?.exact ?? '']));
  const requote = (end: EndView): EndView => {
    const quote = quotes.get(end.annotationId);
    return quote === undefined || end.quote === null || quote === end.quote ? end : { ...end, quote };
  };
  let changed = false;
  const links = state.links.map((link) => {
    const from = requote(link.from);
    const to = requote(link.to);
    if (from === link.from && to === link.to) return link;
    changed = true;
    return { ...link, from, to };
  });
  return changed ? { ...state, links } : state;
}
