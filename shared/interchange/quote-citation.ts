// "Copy with citation": a highlighted passage as a quote followed by its in-text citation, as plain text
// and as HTML (for word processors), e.g. “States agree to protect people.” (Smith & Doe, 2018, p. 12).
import { escapeHtml, plainText, richTextToHtml, type RichText } from './rich-text';

export interface QuoteWithCitation {
  text: string;
  html: string;
}

/** `quote` '' (a region of a page) gives the citation alone. */
export function quoteWithCitation(quote: string, citation: RichText): QuoteWithCitation {
  const words = quote.replace(/\s+/g, ' ').trim();
  const cited = plainText(citation);
  if (!words) return { text: cited, html: `<p>${richTextToHtml(citation)}</p>` };
  return { text: `“${words}” ${cited}`, html: `<p>“${escapeHtml(words)}” ${richTextToHtml(citation)}</p>` };
}
