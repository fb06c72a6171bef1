// The relations links can have, edited where the links are: rename one (its links follow), add one,
// remove one no link uses. Each change is sent at once; a refusal says why in words.
import { useState, type FormEvent } from 'react';
import { useLinks } from './links-context';

export function RelationsEditor({ relations, used }: { relations: readonly string[]; used: (relation: string) => number }) {
  const { edit } = useLinks();
  const [added, setAdded] = useState('');
  const [names, setNames] = useState<Record<string, string>>({});
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const name = added.trim();
    if (!name) return;
    if (await edit({ op: 'setRelations', relations: [...relations, name] })) setAdded('');
  };
  const rename = async (from: string) => {
    const to = (names[from] ?? from).trim();
    if (!to || to === from) return;
    if (await edit({ op: 'renameRelation', from, to })) setNames(({ [from]: _gone, ...rest }) => rest);
  };
  return (
    <details className="relations-editor">
      <summary>Relations ({relations.length})</summary>
      <ul>
        {relations.map((r) => (
          <li key={r}>
            <input
              aria-label={`Name of the relation “${r}”`}
              value={names[r] ?? r}
              onChange={(event) => setNames((n) => ({ ...n, [r]: event.target.value }))}
              onBlur={() => void rename(r)}
              onKeyDown={(event) => event.key === 'Enter' && void rename(r)}
            />
            <span className="hint">{used(r) === 1 ? '1 link' : `${used(r)} links`}</span>
            <button
              type="button"
              className="icon"
              aria-label={`Remove the relation “${r}”`}
              onClick={() => void edit({ op: 'setRelations', relations: relations.filter((x) => x !== r) })}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={add} className="relation-add">
        <input aria-label="New relation" placeholder="New relation, e.g. responds to" value={added} maxLength={60} onChange={(event) => setAdded(event.target.value)} />
        <button type="submit">Add</button>
      </form>
    </details>
  );
}
