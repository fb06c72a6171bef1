// Formatting references with citeproc-js, the CSL processor Zotero uses: the bibliography entries
// (in the style's order) and a short in-text citation per source. citeproc-js is loaded on the first
// export that needs it, not at start (startup-imports.test.ts).
import type { CslItem } from '../../../shared/interchange/csl-json';
import { richTextFromCiteprocHtml, type RichText } from '../../../shared/interchange/rich-text';
import type { CitationStyle } from '../../../shared/interchange/types';
import { englishLocale, loadCitationStyle } from './csl-styles';

export interface FormattedReferences {
  /** Item ids in the order the style sorts its bibliography. */
  order: string[];
  references: Map<string, RichText>;
  /** In-text citations, e.g. "(Smith & Doe, 2018)". */
  citations: Map<string, string>;
}

/** One engine per style, kept: building one parses the style (APA's takes seconds on a busy machine). */
interface StyleEngine {
  engine: InstanceType<typeof import('citeproc').default.Engine>;
  /** The items the engine may retrieve; replaced before each use (the code after the await is synchronous). */
  items: Map<string, CslItem>;
}
const engines = new Map<CitationStyle, Promise<StyleEngine>>();

function engineFor(style: CitationStyle): Promise<StyleEngine> {
  let made = engines.get(style);
  if (!made) {
    made = (async () => {
      const { default: CSL } = await import('citeproc');
      const items = new Map<string, CslItem>();
      const engine = new CSL.Engine({ retrieveLocale: () => englishLocale(), retrieveItem: (id: string) => items.get(id) }, await loadCitationStyle(style), 'en-US', true);
      engine.setOutputFormat('html');
      return { engine, items };
    })();
    // A failed build is not kept: the next call tries again.
    made.catch(() => engines.delete(style));
    engines.set(style, made);
  }
  return made;
}

/** Hands the engine exactly these items (its registry drops any others, so a bibliography lists only them). */
function useItems({ engine, items }: StyleEngine, list: readonly CslItem[]): string[] {
  items.clear();
  for (const item of list) items.set(item.id, item);
  const ids = list.map((item) => item.id);
  engine.updateItems(ids);
  return ids;
}

/**
 * The in-text citation of one source in `style`, pointing at `page` (a printed page label) when given:
 * "(Smith & Doe, 2018, p. 12)".
 */
export async function formatCitation(item: CslItem, style: CitationStyle, page: string | null): Promise<RichText> {
  const styleEngine = await engineFor(style);
  useItems(styleEngine, [item]);
  const cited = page ? { id: item.id, locator: page, label: 'page' } : { id: item.id };
  return richTextFromCiteprocHtml(styleEngine.engine.previewCitationCluster({ citationItems: [cited], properties: { noteIndex: 0 } }, [], [], 'html'));
}

export async function formatReferences(items: readonly CslItem[], style: CitationStyle): Promise<FormattedReferences> {
  const references = new Map<string, RichText>();
  const citations = new Map<string, string>();
  if (!items.length) return { order: [], references, citations };
  const styleEngine = await engineFor(style);
  const { engine } = styleEngine;
  const ids = useItems(styleEngine, items);
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
