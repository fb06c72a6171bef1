// "Copy with citation": the style chosen (kept with the user's settings, shared by every card) and
// putting a quote with its citation on the clipboard as plain text and HTML.
import { useSyncExternalStore } from 'react';
import type { CitationStyle } from '../../../shared/interchange/types';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { call } from '../api/client';

let style: CitationStyle = DEFAULT_SETTINGS.citationStyle;
let loaded = false;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!loaded) {
    loaded = true;
    void call('settings.get', {}).then(
      (settings) => setStyle(settings.citationStyle, false),
      () => undefined, // APA is a fine default when settings cannot be read
    );
  }
  return () => listeners.delete(listener);
}

function setStyle(next: CitationStyle, save: boolean): Promise<unknown> {
  style = next;
  for (const listener of [...listeners]) listener();
  return save ? call('settings.update', { patch: { citationStyle: next } }) : Promise.resolve();
}

/** The citation style of "Copy with citation", and a way to choose another (saved in the settings). */
export function useCitationStyle(): [CitationStyle, (next: CitationStyle) => Promise<unknown>] {
  return [useSyncExternalStore(subscribe, () => style), (next) => setStyle(next, true)];
}

export interface Cited {
  text: string;
  html: string;
}

/** Writes both forms, so a word processor pastes the formatted one and a plain editor the text. */
export async function writeCitationToClipboard(cited: Cited): Promise<void> {
  if (typeof ClipboardItem !== 'undefined' && navigator.clipboard?.write) {
    await navigator.clipboard.write([
      new ClipboardItem({
        'text/plain': new Blob([cited.text], { type: 'text/plain' }),
        'text/html': new Blob([cited.html], { type: 'text/html' }),
      }),
    ]);
  } else await navigator.clipboard.writeText(cited.text);
}

/** The same two forms on a drag, for dropping a card into a word processor. */
export function putCitationOnDrag(data: DataTransfer, cited: Cited): void {
  data.setData('text/plain', cited.text);
  data.setData('text/html', cited.html);
  data.effectAllowed = 'copy';
}
