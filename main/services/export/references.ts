// References as BibTeX, RIS and CSL-JSON, and reading such files back, with citation.js: it knows the
// quirks of each format (LaTeX escapes, RIS tags and types) far better than hand-written rules would.
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { AppError } from '../../../shared/errors';
import type { CslItem } from '../../../shared/export/csl-json';

export function referencesToBibtex(items: readonly CslItem[]): string {
  // BibTeX has no field for the day; citation.js would write it into the month ("nov 12").
  const monthly = items.map((item) => {
    const parts = item.issued?.['date-parts']?.[0];
    return parts && parts.length > 2 ? { ...item, issued: { 'date-parts': [parts.slice(0, 2)] } } : item;
  });
  return items.length ? new Cite(monthly.map(withoutInternals)).format('bibtex', { format: 'text' }) : '';
}

export function referencesToRis(items: readonly CslItem[]): string {
  return items.length ? new Cite(items.map(withoutInternals)).format('ris', { format: 'text' }) + '\n' : '';
}

export function referencesToCslJson(items: readonly CslItem[]): string {
  return JSON.stringify(items.map(withoutInternals), null, 2) + '\n';
}

function withoutInternals(item: CslItem): CslItem {
  const { _graph: _, ...rest } = item as CslItem & { _graph?: unknown };
  return rest as CslItem;
}

export type ReferenceFileFormat = 'bibtex' | 'ris' | 'csl-json';

/** Which format a reference file is in, from its name and its first characters. */
export function detectReferenceFormat(name: string, text: string): ReferenceFileFormat | null {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'bib' || ext === 'bibtex') return 'bibtex';
  if (ext === 'ris') return 'ris';
  const start = text.replace(/^\ufeff/, '').trimStart();
  if (start.startsWith('[') || start.startsWith('{')) return 'csl-json';
  if (/^TY {2}- /m.test(text)) return 'ris';
  if (/@[a-z]+\s*[{(]/i.test(text)) return 'bibtex';
  return null;
}

/** The entries of a BibTeX, RIS or CSL-JSON file as CSL items. Never fetches anything. */
export async function parseReferenceFile(name: string, text: string): Promise<CslItem[]> {
  const format = detectReferenceFormat(name, text);
  if (!format) {
    throw new AppError('unsupported', `${name} is not a BibTeX (.bib), RIS (.ris) or CSL-JSON (.json) file.`);
  }
  if (format === 'csl-json') return parseCslJson(name, text);
  let cite: Cite;
  try {
    // forceType keeps citation.js from treating the text as something to look up online.
    cite = await Cite.async(text, { forceType: format === 'bibtex' ? '@biblatex/text' : '@ris/file' });
  } catch (error) {
    throw new AppError('invalid-input', `${name} could not be read as ${format === 'bibtex' ? 'BibTeX' : 'RIS'}: ${(error as Error).message}`);
  }
  return cite.data.map((item, i) => ({ ...item, id: String(item.id ?? `item-${i + 1}`) }) as CslItem);
}

function parseCslJson(name: string, text: string): CslItem[] {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch {
    throw new AppError('invalid-input', `${name} is not valid JSON.`);
  }
  const list = Array.isArray(json) ? json : [json];
  if (!list.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))) {
    throw new AppError('invalid-input', `${name} is not CSL-JSON: expected a list of reference objects.`);
  }
  return (list as Record<string, unknown>[]).map((item, i) => ({ ...item, id: String(item.id ?? `item-${i + 1}`), type: String(item.type ?? 'article') }) as CslItem);
}
