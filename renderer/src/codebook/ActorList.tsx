// The actors, in codebook order (Shift+1–9 link the first nine), with a count of passages each. A
// filter finds one by name or alias; drag one, or Alt+↑/↓, to change the order.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { foldForMatching } from '../../../shared/codebooks';
import { ACTOR_KIND_LABELS, type Actor } from '../../../shared/model';

interface Props {
  actors: Actor[];
  selectedId: string | null;
  count(id: string): number;
  onSelect(id: string): void;
  onMove(id: string, index: number): void;
  onDelete(id: string): void;
}

const fold = (s: string) => foldForMatching(s).toLowerCase();

export function ActorList({ actors, selectedId, count, onSelect, onMove, onDelete }: Props) {
  const [query, setQuery] = useState('');
  const [dragged, setDragged] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const items = useRef(new Map<string, HTMLLIElement>());
  const refocus = useRef<string | null>(null);
  useEffect(() => {
    if (refocus.current) items.current.get(refocus.current)?.focus();
    refocus.current = null;
  }, [actors]);

  const q = fold(query.trim());
  const shown = q ? actors.filter((a) => [a.name, ...a.aliases].some((n) => fold(n).includes(q))) : actors;

  const onKeyDown = (event: KeyboardEvent, actor: Actor) => {
    const at = actors.indexOf(actor);
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      const index = at + (event.key === 'ArrowUp' ? -1 : 1);
      if (index >= 0 && index < actors.length) {
        refocus.current = actor.id;
        onMove(actor.id, index);
      }
    } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      const next = shown[shown.indexOf(actor) + (event.key === 'ArrowUp' ? -1 : 1)];
      if (next) {
        onSelect(next.id);
        items.current.get(next.id)?.focus();
      }
    } else if (event.key === 'Delete') {
      event.preventDefault();
      onDelete(actor.id);
    }
  };

  return (
    <div className="actor-list">
      <input type="search" aria-label="Find an actor by name or alias" placeholder="Find an actor…" value={query} onChange={(event) => setQuery(event.target.value)} />
      <ul role="listbox" aria-label="Actors">
        {shown.map((actor, i) => {
          const n = count(actor.id);
          const selected = actor.id === selectedId;
          return (
            <li
              key={actor.id}
              ref={(element) => {
                if (element) items.current.set(actor.id, element);
                else items.current.delete(actor.id);
              }}
              role="option"
              aria-selected={selected}
              tabIndex={selected || (!selectedId && i === 0) ? 0 : -1}
              className={`tree-item${selected ? ' selected' : ''}${over === actor.id ? ' drop-before' : ''}${dragged === actor.id ? ' dragging' : ''}`}
              data-actor-id={actor.id}
              draggable={!q}
              onClick={() => onSelect(actor.id)}
              onKeyDown={(event) => onKeyDown(event, actor)}
              onDragStart={(event) => {
                event.dataTransfer.effectAllowed = 'move';
                event.dataTransfer.setData('text/plain', actor.name);
                setDragged(actor.id);
              }}
              onDragEnd={() => {
                setDragged(null);
                setOver(null);
              }}
              onDragOver={(event) => {
                if (!dragged || dragged === actor.id) return;
                event.preventDefault();
                setOver(actor.id);
              }}
              onDrop={(event) => {
                event.preventDefault();
                if (dragged && dragged !== actor.id) {
                  const rest = actors.filter((a) => a.id !== dragged);
                  onMove(dragged, rest.findIndex((a) => a.id === actor.id));
                }
                setDragged(null);
                setOver(null);
              }}
            >
              {i < 9 && !q && <kbd className="code-key" title={`Shift+${i + 1} links it to the selected text`}>⇧{i + 1}</kbd>}
              <span className="tree-name">{actor.name}</span>
              <span className="hint actor-kind">{ACTOR_KIND_LABELS[actor.kind]}</span>
              <span className="code-count" aria-label={`${n} passage${n === 1 ? '' : 's'}`}>
                {n}
              </span>
            </li>
          );
        })}
      </ul>
      {shown.length === 0 && <p className="empty-hint">{actors.length ? 'No actor goes by that name.' : 'No actors yet.'}</p>}
    </div>
  );
}
