// YAML front matter at the top of a Markdown file. We only need a few flat fields (title, author(s),
// date...), so this reads the simple YAML people write by hand instead of adding a YAML parser:
// `key: value`, `key: [a, b]`, `key:` followed by `- item` lines, and quoted strings.
import { DOCUMENT_KINDS, type DocumentKind, type DocumentMetadata } from '../../../shared/model';
import { parseDateValue } from './dates';
import { cleanAuthors, cleanPublication, cleanTitle, cleanUrl, compact, findDoi, splitAuthors } from './fields';

export type FrontMatterFields = Record<string, string | string[]>;

const BLOCK = /^(?:\uFEFF)?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

function unquote(raw: string): string {
  const value = raw.trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) return value.slice(1, -1).replace(/\\"/g, '"');
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1).replace(/''/g, "'");
  return value.replace(/\s+#.*$/, ''); // a trailing comment on an unquoted value
}

// A list item may be a mapping ("- name: Ann Smith"): keep its name.
const listItem = (raw: string): string => unquote(/^name\s*:\s*(.*)$/i.exec(raw.trim())?.[1] ?? raw);

export function parseFrontMatter(yaml: string): FrontMatterFields {
  const fields: FrontMatterFields = {};
  let openKey: string | null = null;
  for (const line of yaml.split(/\r?\n/)) {
    if (/^\s*(#|$)/.test(line)) continue;
    const pair = /^([A-Za-z_][\w.-]*)\s*:(?:\s+(.*))?$/.exec(line);
    if (pair?.[1]) {
      const key = pair[1].toLowerCase();
      const value = (pair[2] ?? '').trim();
      openKey = null;
      if (value === '' || value === '|' || value === '>') {
        openKey = key; // a list or a block scalar follows
        fields[key] = value === '' ? [] : '';
      } else if (value.startsWith('[') && value.endsWith(']')) {
        fields[key] = value.slice(1, -1).split(',').map(unquote).filter(Boolean);
      } else {
        fields[key] = unquote(value);
      }
      continue;
    }
    if (!openKey || !/^\s/.test(line)) continue;
    const current = fields[openKey];
    const item = /^\s+-\s+(.*)$/.exec(line);
    if (item?.[1] !== undefined && Array.isArray(current)) current.push(listItem(item[1]));
    else if (Array.isArray(current) && current.length === 0) fields[openKey] = line.trim(); // indented scalar
    else if (typeof current === 'string') fields[openKey] = `${current} ${line.trim()}`.trim();
  }
  return fields;
}

/** Separates front matter from the Markdown body. Returns the body and the fields (empty if none). */
export function splitFrontMatter(source: string): { body: string; fields: FrontMatterFields } {
  const match = BLOCK.exec(source);
  if (!match) return { body: source, fields: {} };
  const fields = parseFrontMatter(match[1] ?? '');
  // A leading "---" rule followed by prose is not front matter.
  if (Object.keys(fields).length === 0) return { body: source, fields: {} };
  return { body: source.slice(match[0].length), fields };
}

const first = (fields: FrontMatterFields, keys: string[]): string | null => {
  for (const key of keys) {
    const value = fields[key];
    if (typeof value === 'string' && value.trim()) return value;
    if (Array.isArray(value) && value[0]) return value[0];
  }
  return null;
};

export function frontMatterMetadata(fields: FrontMatterFields): Partial<DocumentMetadata> {
  const authorField = fields.authors ?? fields.author ?? fields.creator;
  const authors = Array.isArray(authorField) ? cleanAuthors(authorField) : splitAuthors(authorField);
  const kind = first(fields, ['kind', 'type'])?.toLowerCase();
  return compact<DocumentMetadata>({
    title: cleanTitle(first(fields, ['title'])),
    authors,
    date: parseDateValue(first(fields, ['date', 'published', 'pubdate', 'created'])),
    publication: cleanPublication(first(fields, ['publication', 'journal', 'publisher', 'site'])),
    url: cleanUrl(first(fields, ['url', 'link', 'canonical_url', 'source_url'])),
    doi: findDoi(first(fields, ['doi'])),
    kind: DOCUMENT_KINDS.find((k): k is DocumentKind => k === kind) ?? null,
  });
}
