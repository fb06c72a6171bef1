// The short help popover of the search box: the query language at a glance.
const ROWS: [string, string][] = [
  ['cyber norms', 'all the words (norms also finds norm)'],
  ['"rule of law"', 'the exact phrase'],
  ['-draft', 'without this word (also -tag:draft)'],
  ['secur*', 'words starting with secur'],
  ['sovereinty~1', 'allow one typo (~2 for two)'],
  ['principle:hack-back', 'linked to a principle'],
  ['actor:russia', 'linked to an actor (names and aliases)'],
  ['stance:opposes', 'an actor’s stance'],
  ['tag:followup', 'tagged'],
  ['coder:"Ann Lima"', 'made by a coder'],
  ['doc:"paris call"', 'in documents whose title has these words'],
  ['color:yellow', 'highlight colour'],
  ['kind:treaty', 'article, treaty, report, chapter, webpage'],
  ['year:2018..2020', 'year of the source; year:2018 or year:..2019'],
  ['linked:contradicts', 'highlights linked to another by this relation (linked:any for any link)'],
  ['var:country=France', 'sources by a document variable: var:"actor type"=state, var:year>=2015, var:year=2015..2020, var:country (any value)'],
  ['memo:"research question"', 'only memos, with these words in their title or text (memos also show under any search)'],
];

export function QueryHelp({ onClose }: { onClose(): void }) {
  return (
    <div className="query-help" role="dialog" aria-label="Search syntax">
      <div className="query-help-head">
        <strong>Search syntax</strong>
        <button type="button" className="icon" aria-label="Close search syntax" onClick={onClose}>
          ×
        </button>
      </div>
      <table>
        <tbody>
          {ROWS.map(([example, meaning]) => (
            <tr key={example}>
              <td>
                <code>{example}</code>
              </td>
              <td>{meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        Field values complete as you type. Diacritics do not matter: Zurich finds Zürich. Open the search with Ctrl+K or /.
      </p>
    </div>
  );
}
