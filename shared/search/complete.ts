// Completion for the search box: field names as they are typed ("pri" → principle:), then the values of
// the field (principle and actor names from the codebook, tags and titles from the library).
import { ACTOR_KIND_LABELS, DOCUMENT_KIND_LABELS, DOCUMENT_KINDS, HIGHLIGHT_COLORS, STANCES } from '../model';
import type { Codebook } from '../model';
import { formatFieldClause, SEARCH_FIELDS, type SearchField } from './query';
import { foldKey } from './resolve';
import type { DocumentVariables } from '../variables/model';
import { completeVariable } from './complete-variable';

export interface Completion {
  /** What the list shows. */
  label: string;
  /** A short explanation shown beside the label. */
  detail: string;
  /** The text that replaces [from, to) of the query. */
  insert: string;
}

export interface CompletionResult {
  from: number;
  to: number;
  items: Completion[];
}

export interface CompletionSources {
  codebook: Codebook;
  tags: string[];
  /** Coders of annotations, most annotations first. */
  coders: string[];
  documents: { id: string; title: string }[];
  years: number[];
  /** The relations of links between passages. */
  relations?: string[];
  /** The document variables and their values, for var:. */
  variables?: DocumentVariables;
}

const FIELD_HELP: Record<SearchField, string> = {
  principle: 'linked to a principle',
  actor: 'linked to an actor',
  stance: 'an actor’s stance',
  tag: 'tagged',
  coder: 'made by a coder',
  doc: 'in a document',
  color: 'highlight colour',
  kind: 'kind of source',
  year: 'year of the source',
  linked: 'linked to another passage (a relation, or any)',
  memo: 'in a memo’s title or text',
  var: 'a document variable’s value',
};

const MAX_ITEMS = 8;

/** The token under the cursor: from the last white space before it outside quotes ("a b" is one). */
function tokenAt(query: string, cursor: number): { from: number; text: string } {
  let from = 0;
  let quoted = false;
  for (let i = 0; i < cursor; i++) {
    if (query[i] === '"') quoted = !quoted;
    else if (!quoted && /\s/.test(query[i]!)) from = i + 1;
  }
  return { from, text: query.slice(from, cursor) };
}

function matches(partial: string, ...names: string[]): boolean {
  const key = foldKey(partial);
  if (key === '') return true;
  return names.some((name) => {
    const folded = foldKey(name);
    return folded.startsWith(key) || folded.includes(' ' + key) || folded.replace(/ /g, '-').startsWith(key.replace(/ /g, '-'));
  });
}

export function completeQuery(query: string, cursor: number, sources: CompletionSources): CompletionResult {
  const at = Math.max(0, Math.min(cursor, query.length));
  const token = tokenAt(query, at);
  const negated = token.text.startsWith('-');
  const body = negated ? token.text.slice(1) : token.text;
  const sign = negated ? '-' : '';
  const colon = body.indexOf(':');
  const none: CompletionResult = { from: token.from, to: at, items: [] };

  if (colon === -1) {
    if (!/^[a-z]+$/i.test(body)) return none;
    const items = SEARCH_FIELDS.filter((f) => f.startsWith(body.toLowerCase()) && f !== body.toLowerCase()).map((f) => ({
      label: `${f}:`,
      detail: FIELD_HELP[f],
      insert: `${sign}${f}:`,
    }));
    return { ...none, items };
  }

  const field = body.slice(0, colon).toLowerCase() as SearchField;
  if (!(SEARCH_FIELDS as readonly string[]).includes(field)) return none;
  if (field === 'var') return { ...none, items: completeVariable(body.slice(colon + 1), sign, sources.variables, matches).slice(0, MAX_ITEMS) };
  const partial = body.slice(colon + 1).replace(/^"/, '').replace(/"$/, '');
  const item = (value: string, label: string, detail: string): Completion => ({
    label,
    detail,
    insert: sign + formatFieldClause(field, value),
  });
  const candidates: Completion[] = [];
  const { codebook } = sources;
  switch (field) {
    case 'principle':
      for (const p of codebook.principles) if (matches(partial, p.name, p.id)) candidates.push(item(p.id, p.name, 'principle'));
      break;
    case 'actor':
      for (const a of codebook.actors) {
        if (matches(partial, a.name, a.id, ...a.aliases)) candidates.push(item(a.id, a.name, ACTOR_KIND_LABELS[a.kind]));
      }
      break;
    case 'stance':
      for (const s of STANCES) if (matches(partial, s)) candidates.push(item(s, s, 'stance'));
      break;
    case 'color':
      for (const c of HIGHLIGHT_COLORS) if (matches(partial, c)) candidates.push(item(c, c, 'highlight colour'));
      break;
    case 'kind':
      for (const k of DOCUMENT_KINDS) if (matches(partial, k, DOCUMENT_KIND_LABELS[k])) candidates.push(item(k, k, DOCUMENT_KIND_LABELS[k]));
      break;
    case 'tag':
      for (const t of sources.tags) if (matches(partial, t)) candidates.push(item(t, `#${t}`, 'tag'));
      break;
    case 'coder':
      for (const c of sources.coders) if (matches(partial, c)) candidates.push(item(c, c, 'coder'));
      break;
    case 'doc':
      for (const d of sources.documents) if (matches(partial, d.title)) candidates.push(item(d.title, d.title, 'document'));
      break;
    case 'year':
      for (const y of sources.years) if (String(y).startsWith(partial)) candidates.push(item(String(y), String(y), 'year'));
      break;
    case 'linked':
      for (const r of ['any', ...(sources.relations ?? [])]) if (matches(partial, r)) candidates.push(item(r, r, r === 'any' ? 'any link' : 'relation'));
      break;
  }
  return { ...none, items: candidates.slice(0, MAX_ITEMS) };
}
