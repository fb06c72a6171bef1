// References written as BibTeX, RIS and CSL-JSON with citation.js: it knows each format's escapes, tags
// and types far better than hand-written rules would. (Reading such files: ../references/reference-file.ts.)
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
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
