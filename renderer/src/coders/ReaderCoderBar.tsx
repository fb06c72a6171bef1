// Above the reader's annotation list: which coder's highlights are shown (a filter), a visible notice
// while blind coding hides the others', and, on a first highlight with no coder name set, the question
// of who is coding.
import { useState } from 'react';
import { coderLabel, coderOf, countCoders, hiddenByBlindCoding } from '../../../shared/coders/coders';
import type { Annotation } from '../../../shared/model';
import { useCoderSettings } from './coder-settings';
import { CoderNameForm } from './CoderMenu';

/** undefined: every coder. */
export type CoderFilter = string | null | undefined;

/** The annotations shown: blind coding first (the others' are never shown while it is on), then the filter. */
export function visibleAnnotations(all: readonly Annotation[], me: string | null, blind: boolean, filter: CoderFilter): Annotation[] {
  return all.filter((a) => !hiddenByBlindCoding(a, me, blind) && (filter === undefined || coderOf(a) === filter));
}

interface Props {
  all: readonly Annotation[];
  filter: CoderFilter;
  onFilter(filter: CoderFilter): void;
  /** When the reader opened: highlights made since then without a coder prompt the question. */
  openedAt: number;
}

export function ReaderCoderBar({ all, filter, onFilter, openedAt }: Props) {
  const { coderName, blindCoding, update } = useCoderSettings();
  const [dismissed, setDismissed] = useState(false);
  const hidden = blindCoding ? all.filter((a) => hiddenByBlindCoding(a, coderName, true)).length : 0;
  const coders = countCoders(blindCoding ? all.filter((a) => !hiddenByBlindCoding(a, coderName, true)) : all);
  const ask = coderName === null && !dismissed && all.some((a) => !a.author && Date.parse(a.created) >= openedAt);
  return (
    <div className="reader-coder-bar">
      {blindCoding && (
        <p className="blind-notice" role="status">
          <strong>Blind coding is on:</strong> only your highlights are shown
          {hidden > 0 ? ` (${hidden === 1 ? '1 other highlight' : `${hidden} other highlights`} hidden)` : ''}.{' '}
          <button type="button" className="link-button" onClick={() => void update({ blindCoding: false })}>
            Turn off
          </button>
        </p>
      )}
      {ask && (
        <section className="coder-question" aria-label="Who is coding?">
          <p>
            <strong>Who is coding?</strong> Highlights record their coder once you set your name (here or in the Coder menu at the top).
          </p>
          {/* Never takes the focus: it appears while the highlight editor is open, which the keyboard is coding in. */}
          <CoderNameForm />
          <button type="button" className="link-button" onClick={() => setDismissed(true)}>
            Not now
          </button>
        </section>
      )}
      {coders.length > 1 || filter !== undefined ? (
        <label className="coder-filter">
          Coder
          <select
            value={filter === undefined ? '*' : filter === null ? '' : `=${filter}`}
            onChange={(e) => onFilter(e.target.value === '*' ? undefined : e.target.value === '' ? null : e.target.value.slice(1))}
          >
            <option value="*">All coders</option>
            {coders.map(({ coder, annotations }) => (
              <option key={coder ?? ''} value={coder === null ? '' : `=${coder}`}>
                {coderLabel(coder)} ({annotations})
              </option>
            ))}
            {filter !== undefined && !coders.some((c) => c.coder === filter) && <option value={filter === null ? '' : `=${filter}`}>{coderLabel(filter)} (0)</option>}
          </select>
        </label>
      ) : null}
    </div>
  );
}
