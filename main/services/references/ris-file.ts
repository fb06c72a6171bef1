// RIS files, read record by record. Real files bend the format: "TY - JOUR" with one space, a field
// wrapped onto untagged lines, a tag given twice (PubMed Central writes two PY lines), a last record
// without "ER". A whole-file parser refuses all of that; this reader takes each record as it comes and
// maps the tags Apostil uses (after the RIS specification and Zotero's RIS translator).
import type { CslItem, CslName } from '../../../shared/interchange/csl-json';
import { plainText } from './plain-text';
import type { ReferenceEntry } from './reference-entry';

/** "TY  - JOUR", "TY - JOUR", "ER  -": a tag of two characters, spaces, a hyphen, the value. */
const TAG_LINE = /^([A-Z][A-Z0-9]) {1,3}-(?: (.*)|\s*)$/;

const CSL_TYPE: Record<string, string> = {
  JOUR: 'article-journal',
  JFULL: 'article-journal',
  EJOUR: 'article-journal',
  ABST: 'article-journal',
  INPR: 'article-journal',
  MGZN: 'article-magazine',
  NEWS: 'article-newspaper',
  BOOK: 'book',
  EBOOK: 'book',
  EDBOOK: 'book',
  CHAP: 'chapter',
  ECHAP: 'chapter',
  CONF: 'paper-conference',
  CPAPER: 'paper-conference',
  RPRT: 'report',
  GOVDOC: 'report',
  THES: 'thesis',
  ELEC: 'webpage',
  WEB: 'webpage',
  BLOG: 'post-weblog',
  BILL: 'bill',
  STAT: 'legislation',
  LEGAL: 'legislation',
  CASE: 'legal_case',
  STAND: 'standard',
  PAT: 'patent',
  DATA: 'dataset',
  COMP: 'software',
  UNPB: 'manuscript',
  MANSCPT: 'manuscript',
};

interface RisRecord {
  line: number;
  fields: Map<string, string[]>;
}

export function readRis(text: string): ReferenceEntry[] {
  return splitRecords(text).map((record) => {
    const key = first(record, 'ID') ?? null;
    const item = toCslItem(record, key);
    return { key, line: record.line, read: { item } };
  });
}

function splitRecords(text: string): RisRecord[] {
  const records: RisRecord[] = [];
  let current: RisRecord | null = null;
  let last: string[] | null = null; // the values of the tag last seen, for wrapped lines
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const m = TAG_LINE.exec(raw.trimEnd());
    if (!m) {
      // An untagged line continues the previous field (outside a record it is noise).
      if (current && last && raw.trim()) last[last.length - 1] += ` ${raw.trim()}`;
      return;
    }
    const [, tag, value = ''] = m as unknown as [string, string, string | undefined];
    if (tag === 'TY') {
      current = { line: index + 1, fields: new Map([['TY', [value.trim()]]]) };
      records.push(current);
      last = null;
      return;
    }
    if (!current) return; // tags before the first TY belong to no record
    if (tag === 'ER') {
      current = null;
      last = null;
      return;
    }
    const values = current.fields.get(tag) ?? [];
    values.push(value.trim());
    current.fields.set(tag, values);
    last = values;
  });
  return records;
}

function all(record: RisRecord, ...tags: string[]): string[] {
  return tags.flatMap((t) => record.fields.get(t) ?? []).filter((v) => v !== '');
}

function first(record: RisRecord, ...tags: string[]): string | undefined {
  return all(record, ...tags)[0];
}

function toCslItem(record: RisRecord, key: string | null): CslItem {
  const type = (first(record, 'TY') ?? '').toUpperCase();
  const item: CslItem = { id: key ?? `line-${record.line}`, type: CSL_TYPE[type] ?? 'document' };
  // Books often carry their title in BT; CT is the older "caption title".
  const title = first(record, 'TI', 'T1', 'CT') ?? (type === 'BOOK' ? first(record, 'BT') : undefined);
  if (title) item.title = plainText(title);
  const authors = all(record, 'AU', 'A1').map(toCslName);
  if (authors.length) item.author = authors;
  const issued = risDate(all(record, 'DA', 'PY', 'Y1'));
  if (issued) item.issued = issued;
  const container = first(record, 'T2', 'JF', 'JO', 'JA', 'J2', ...(type === 'BOOK' ? [] : ['BT']));
  if (container) item['container-title'] = plainText(container);
  const publisher = first(record, 'PB');
  if (publisher) item.publisher = plainText(publisher);
  const url = all(record, 'UR', 'L2').flatMap((v) => v.split(/\s+/)).find((v) => /^(https?:)?\/\//i.test(v));
  if (url) item.URL = url.startsWith('//') ? `https:${url}` : url;
  const doi = first(record, 'DO') ?? all(record, 'N1', 'M3', 'UR').find((v) => /\b10\.\d{4,9}\//.test(v));
  if (doi) item.DOI = doi;
  return item;
}

/** "Smith, Jane" or "Smith,J." → family and given; a name without a comma is kept whole. */
function toCslName(name: string): CslName {
  const clean = plainText(name);
  const comma = clean.indexOf(',');
  if (comma === -1) return { literal: clean };
  const given = clean.slice(comma + 1).trim();
  return { family: clean.slice(0, comma).trim(), ...(given ? { given } : {}) };
}

/**
 * The most precise date among DA, PY and Y1 ("2016/12//", "2019/04/29", "2005"): dates whose years
 * disagree are not mixed, the first one given wins.
 */
function risDate(values: string[]): CslItem['issued'] {
  let best: number[] | null = null;
  for (const value of values) {
    const m = /^(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?)?)?/.exec(value.trim());
    if (!m) continue;
    const parts = [m[1], m[2], m[3]].map((p) => (p ? Number(p) : 0));
    const date = parts[1]! >= 1 && parts[1]! <= 12 ? (parts[2]! >= 1 && parts[2]! <= 31 ? parts : parts.slice(0, 2)) : parts.slice(0, 1);
    if (best === null) best = date;
    else if (best[0] === date[0] && date.length > best.length) best = date;
  }
  if (best) return { 'date-parts': [best] };
  const year = values.map((v) => /\b\d{4}\b/.exec(v)?.[0]).find(Boolean);
  return year ? { 'date-parts': [[Number(year)]] } : undefined;
}
