// Linking actors to a passage: the chosen actors with a stance each, and a type-ahead that offers the
// actors named in the passage first, then the codebook, then "add a new actor".
import { useId, useMemo, useState } from 'react';
import {
  ACTOR_KINDS,
  ACTOR_KIND_LABELS,
  STANCES,
  type Actor,
  type ActorKind,
  type ActorLink,
  type Stance,
} from '../../../shared/model';
import { foldForMatching } from '../../../shared/codebooks';
import { useCodebook } from './codebook-context';

interface Props {
  links: ActorLink[];
  suggested: Actor[];
  onChange(links: ActorLink[]): void;
}

export const STANCE_LABELS: Record<Stance, string> = {
  supports: 'supports',
  opposes: 'opposes',
  mixed: 'mixed',
  mentions: 'mentions',
};

export function ActorPicker({ links, suggested, onChange }: Props) {
  const { codebook, actor, edit } = useCodebook();
  const [query, setQuery] = useState('');
  const [newKind, setNewKind] = useState<ActorKind>('state');
  const listId = useId();
  const linked = useMemo(() => new Set(links.map((l) => l.actorId)), [links]);

  const options = useMemo(() => {
    const q = fold(query.trim());
    const suggestedIds = new Set(suggested.map((a) => a.id));
    const matches = (a: Actor) => !q || [a.name, ...a.aliases].some((n) => fold(n).includes(q));
    const fromPassage = suggested.filter((a) => !linked.has(a.id) && matches(a));
    const others = q ? codebook.actors.filter((a) => !suggestedIds.has(a.id) && !linked.has(a.id) && matches(a)) : [];
    return { fromPassage, others: others.slice(0, 8) };
  }, [query, suggested, codebook.actors, linked]);

  const add = (actorId: string) => {
    onChange([...links, { actorId, stance: 'mentions' }]);
    setQuery('');
  };

  const exact = codebook.actors.some((a) => [a.name, ...a.aliases].some((n) => fold(n) === fold(query.trim())));

  async function createActor() {
    const result = await edit({ kind: 'actor.create', fields: { name: query.trim(), kind: newKind } });
    if (result?.createdId) add(result.createdId);
  }

  return (
    <div className="actor-picker">
      {links.length > 0 && (
        <ul className="actor-links">
          {links.map((link) => (
            <li key={link.actorId}>
              <span className="actor-name">{actor(link.actorId)?.name ?? `Unknown actor (${link.actorId})`}</span>
              <select
                aria-label={`Stance of ${actor(link.actorId)?.name ?? link.actorId}`}
                value={link.stance}
                onChange={(event) =>
                  onChange(links.map((l) => (l.actorId === link.actorId ? { ...l, stance: event.target.value as Stance } : l)))
                }
              >
                {STANCES.map((stance) => (
                  <option key={stance} value={stance}>
                    {STANCE_LABELS[stance]}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="icon"
                aria-label={`Remove ${actor(link.actorId)?.name ?? link.actorId}`}
                onClick={() => onChange(links.filter((l) => l.actorId !== link.actorId))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {options.fromPassage.length > 0 && (
        <div className="actor-suggestions" aria-label="Actors named in this passage">
          <span className="hint">In this passage:</span>
          {options.fromPassage.map((a) => (
            <button key={a.id} type="button" className="chip chip-suggest" onClick={() => add(a.id)}>
              + {a.name}
            </button>
          ))}
        </div>
      )}
      <input
        type="search"
        aria-label="Find an actor"
        // Only a list that is shown can be named (axe-core: aria-valid-attr-value).
        aria-controls={query.trim() ? listId : undefined}
        placeholder="Link an actor…"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            const first = options.fromPassage[0] ?? options.others[0];
            if (first) add(first.id);
          }
        }}
      />
      {query.trim() && (
        <ul id={listId} className="actor-options" role="listbox" aria-label="Actors">
          {options.others.map((a) => (
            <li key={a.id} role="option" aria-selected={false}>
              <button type="button" onClick={() => add(a.id)}>
                {a.name} <span className="hint">{ACTOR_KIND_LABELS[a.kind]}</span>
              </button>
            </li>
          ))}
          {!exact && (
            <li className="actor-new">
              <button type="button" onClick={() => void createActor()}>
                Add “{query.trim()}” as
              </button>
              <select aria-label="Kind of the new actor" value={newKind} onChange={(e) => setNewKind(e.target.value as ActorKind)}>
                {ACTOR_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {ACTOR_KIND_LABELS[kind]}
                  </option>
                ))}
              </select>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

function fold(s: string): string {
  return foldForMatching(s).toLowerCase();
}
