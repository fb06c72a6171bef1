// CSL-JSON files (Zotero, Mendeley, citation.js exports): a list of items, each read on its own, so an
// item that is not an object or has the wrong shape is reported and the others are kept. Titles may
// carry CSL's rich-text markup (<i>, <sup>…), which becomes plain text.
import type { CslItem } from '../../../shared/interchange/csl-json';
import { plainText } from './plain-text';
import { LineIndex, type ReferenceEntry } from './reference-entry';

export class NotCslJson extends Error {}

export function readCslJson(text: string): ReferenceEntry[] {
  let json: unknown;
  const source = text.replace(/^\ufeff/, '');
  try {
    json = JSON.parse(source);
  } catch (error) {
    throw new NotCslJson(`it is not valid JSON (${(error as Error).message.replace(/^JSON\.parse: /, '')})`);
  }
  const list: unknown[] | null = Array.isArray(json) ? json : isObject(json) ? (Array.isArray(json.items) ? json.items : [json]) : null;
  if (list === null) throw new NotCslJson('it holds no list of references');
  const lines = new LineIndex(source);
  let searchFrom = 0;
  return list.map((raw, index) => {
    const key = isObject(raw) && (typeof raw.id === 'string' || typeof raw.id === 'number') ? String(raw.id) : null;
    // The line of the item, found from where the previous one was (JSON.parse keeps no positions).
    const at = key === null ? -1 : source.indexOf(JSON.stringify(key), searchFrom);
    if (at !== -1) searchFrom = at + 1;
    const line = at === -1 ? null : lines.lineOf(at);
    if (!isObject(raw)) return { key, line, read: { problem: `item ${index + 1} is not a reference (it is ${describeJson(raw)})` } };
    return { key, line, read: { item: toCslItem(raw, key ?? `item-${index + 1}`) } };
  });
}

function toCslItem(raw: Record<string, unknown>, id: string): CslItem {
  const item = { ...raw, id, type: typeof raw.type === 'string' && raw.type ? raw.type : 'document' } as CslItem;
  for (const field of ['title', 'container-title', 'publisher', 'collection-title'] as const) {
    const value = raw[field];
    if (typeof value === 'string') item[field] = plainText(value);
    else if (Array.isArray(value) && typeof value[0] === 'string') item[field] = plainText(value[0]); // CSL 0.8 lists
    else delete item[field];
  }
  if (!Array.isArray(raw.author)) delete item.author;
  else item.author = raw.author.filter(isObject).map((n) => Object.fromEntries(Object.entries(n).filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, plainText(v as string)])));
  if (!isObject(raw.issued)) delete item.issued;
  return item;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? 'text' : `a ${typeof value}`;
}
