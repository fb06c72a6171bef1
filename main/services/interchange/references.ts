// References written as BibTeX, RIS and CSL-JSON with citation.js: it knows each format's escapes, tags
// and types far better than hand-written rules would. (Reading such files: ../references/reference-file.ts.)
// citation.js is loaded on the first export that needs it, not at start (startup-imports.test.ts).
import type { CslItem } from '../../../shared/interchange/csl-json';

let citationJs: Promise<typeof import('@citation-js/core')> | null = null;

/** citation.js with its BibTeX and RIS plugins (which register themselves on import). */
function loadCitationJs(): Promise<typeof import('@citation-js/core')> {
  citationJs ??= (async () => {
    const core = await import('@citation-js/core');
    await import('@citation-js/plugin-bibtex');
    await import('@citation-js/plugin-ris');
    return core;
  })();
  return citationJs;
}

export async function referencesToBibtex(items: readonly CslItem[]): Promise<string> {
  if (!items.length) return '';
  const { Cite } = await loadCitationJs();
  // BibTeX has no field for the day; citation.js would write it into the month ("nov 12").
  const monthly = items.map((item) => {
    const parts = item.issued?.['date-parts']?.[0];
    return parts && parts.length > 2 ? { ...item, issued: { 'date-parts': [parts.slice(0, 2)] } } : item;
  });
  return new Cite(monthly.map(withoutInternals)).format('bibtex', { format: 'text' });
}

export async function referencesToRis(items: readonly CslItem[]): Promise<string> {
  if (!items.length) return '';
  const { Cite } = await loadCitationJs();
  return new Cite(items.map(withoutInternals)).format('ris', { format: 'text' }) + '\n';
}

export function referencesToCslJson(items: readonly CslItem[]): string {
  return JSON.stringify(items.map(withoutInternals), null, 2) + '\n';
}

function withoutInternals(item: CslItem): CslItem {
  const { _graph: _, ...rest } = item as CslItem & { _graph?: unknown };
  return rest as CslItem;
}
