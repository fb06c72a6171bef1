// Formatting references with citeproc-js, the CSL processor Zotero uses: the bibliography entries
// (in the style's order) and a short in-text citation per source. citeproc-js is loaded on the first
// export that needs it, not at start (startup-imports.test.ts).
import type { CslItem } from '../../../shared/export/csl-json';
import { richTextFromCiteprocHtml, type RichText } from '../../../shared/export/rich-text';
import type { CitationStyle } from '../../../shared/export/types';
import { englishLocale, loadCitationStyle } from './csl-styles';

export interface FormattedReferences {
  /** Item ids in the order the style sorts its bibliography. */
  order: string[];
  references: Map<string, RichText>;
  /** In-text citations, e.g. "(Smith & Doe, 2018)". */
  citations: Map<string, string>;
}

/**
 * The in-text citation of one source in `style`, pointing at `page` (a printed page label) when given:
 * "(Smith & Doe, 2018, p. 12)".
 */
export async function formatCitation(item: CslItem, style: CitationStyle, page: string | null): Promise<RichText> {
  const { default: CSL } = await import('citeproc');
  const engine = new CSL.Engine({ retrieveLocale: () => englishLocale(), retrieveItem: (id: string) => (id === item.id ? item : undefined) }, await loadCitationStyle(style), 'en-US', true);
  engine.setOutputFormat('html');
  engine.updateItems([item.id]);
  const cited = page ? { id: item.id, locator: page, label: 'page' } : { id: item.id };
  return richTextFromCiteprocHtml(engine.previewCitationCluster({ citationItems: [cited], properties: { noteIndex: 0 } }, [], [], 'html'));
}

export async function formatReferences(items: readonly CslItem[], style: CitationStyle): Promise<FormattedReferences> {
  const { default: CSL } = await import('citeproc');
  const byId = new Map(items.map((item) => [item.id, item]));
  const engine = new CSL.Engine(
    { retrieveLocale: () => englishLocale(), retrieveItem: (id: string) => byId.get(id) },
    await loadCitationStyle(style),
    'en-US',
    true,
  );
  const ids = items.map((item) => item.id);
  const references = new Map<string, RichText>();
  const citations = new Map<string, string>();
  if (!ids.length) return { order: [], references, citations };
  engine.setOutputFormat('html');
  engine.updateItems(ids);
  const bibliography = engine.makeBibliography();
  const order: string[] = [];
  if (bibliography) {
    const [meta, entries] = bibliography;
    meta.entry_ids.forEach((entryIds, i) => {
      const id = entryIds[0]!;
      order.push(id);
      references.set(id, richTextFromCiteprocHtml(entries[i]!));
    });
  }
  for (const id of ids) {
    if (!references.has(id)) order.push(id); // a style may leave an item out; keep it, plainly
    const html = engine.previewCitationCluster({ citationItems: [{ id }], properties: { noteIndex: 0 } }, [], [], 'html');
    citations.set(id, richTextFromCiteprocHtml(html).map((r) => r.text).join(''));
  }
  return { order, references, citations };
}
