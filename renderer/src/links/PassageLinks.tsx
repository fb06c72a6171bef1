// The links of one highlight, on its card in the reader: each names its relation and the other passage,
// which opens where it is when chosen. The open card also offers "Link to…" and deleting a link.
import { useState } from 'react';
import { linksOfPassage, type EndView } from '../../../shared/links/model';
import type { Annotation } from '../../../shared/model';
import { findSelector } from '../../../shared/model';
import { LinkDialog } from './LinkDialog';
import { useLinks } from './links-context';
import './links.css';

export function shortQuote(quote: string | null, max = 90): string {
  if (quote === null) return 'a highlight that is missing';
  if (quote === '') return 'a marked region';
  return quote.length > max ? `“${quote.slice(0, max - 1).trimEnd()}…”` : `“${quote}”`;
}

export function PassageLinks({ annotation, active }: { annotation: Annotation; active: boolean }) {
  const { state, titleOf, follow, remove } = useLinks();
  const [linking, setLinking] = useState(false);
  const links = state.status === 'ready' ? linksOfPassage(state.value.links, annotation.id) : [];
  if (!active && links.length === 0) return null;
  const here = (end: EndView) => end.documentId === annotation.documentId;
  return (
    <div className="passage-links">
      {links.length > 0 && (
        <ul aria-label="Links to other passages">
          {links.map(({ link, other, outgoing }) => (
            <li key={link.id} className={`passage-link status-${link.status}`}>
              <span className="link-relation">{outgoing ? `${link.relation} →` : `← ${link.relation}`}</span>{' '}
              {other.quote === null ? (
                <span className="link-missing">{shortQuote(null)}</span>
              ) : (
                <button
                  type="button"
                  className="link-follow"
                  onClick={() => follow(other)}
                  title={outgoing ? `This passage ${link.relation} that one: open it` : `That passage ${link.relation} this one: open it`}
                >
                  {shortQuote(other.quote)}
                  <span className="link-document"> {here(other) ? '(this document)' : `in ${titleOf(other.documentId)}`}</span>
                </button>
              )}
              {link.note && <span className="link-note">{link.note}</span>}
              {active && (
                <button type="button" className="icon link-delete" aria-label={`Delete the link “${link.relation}”`} onClick={() => void remove(link)}>
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {active && (
        <button type="button" className="link-to" onClick={() => setLinking(true)}>
          Link to…
        </button>
      )}
      {linking && (
        <LinkDialog
          from={{ documentId: annotation.documentId, annotationId: annotation.id, quote: findSelector(annotation, 'TextQuoteSelector')?.exact ?? '' }}
          onClose={() => setLinking(false)}
        />
      )}
    </div>
  );
}
