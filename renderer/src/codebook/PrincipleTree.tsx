// The principles as a tree (ARIA tree): drag a principle before, after or onto another to reorder and
// nest; or with the keyboard, Alt+↑/↓ to reorder, Alt+→ to nest under the principle above, Alt+← to
// move out. ↑/↓ go from one principle to the next, Delete asks what becomes of its passages.
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { dropPlace, keyboardMove, principlesInTreeOrder, type TreePlace } from '../../../shared/codebooks/tree';
import type { Principle } from '../../../shared/model';

interface Props {
  principles: Principle[];
  selectedId: string | null;
  count(id: string): number;
  onSelect(id: string): void;
  onMove(id: string, place: TreePlace): void;
  onDelete(id: string): void;
}

type DropPosition = 'before' | 'after' | 'inside';
const KEY_MOVES: Record<string, 'up' | 'down' | 'indent' | 'outdent'> = { ArrowUp: 'up', ArrowDown: 'down', ArrowRight: 'indent', ArrowLeft: 'outdent' };

export function PrincipleTree({ principles, selectedId, count, onSelect, onMove, onDelete }: Props) {
  const placed = principlesInTreeOrder(principles);
  const [dragged, setDragged] = useState<string | null>(null);
  const [over, setOver] = useState<{ id: string; position: DropPosition } | null>(null);
  const items = useRef(new Map<string, HTMLLIElement>());
  const focus = (id: string | undefined) => id && items.current.get(id)?.focus();
  // A principle moved by keyboard is taken out of the page and put back: give it the focus again.
  const refocus = useRef<string | null>(null);
  useEffect(() => {
    if (refocus.current && document.activeElement !== items.current.get(refocus.current)) focus(refocus.current);
    refocus.current = null;
  }, [principles]);

  const onKeyDown = (event: KeyboardEvent, principle: Principle) => {
    if (event.altKey && KEY_MOVES[event.key]) {
      event.preventDefault();
      const place = keyboardMove(principles, principle.id, KEY_MOVES[event.key]!);
      if (place) {
        refocus.current = principle.id;
        onMove(principle.id, place);
      }
      return;
    }
    const at = placed.findIndex((p) => p.principle.id === principle.id);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = placed[at + (event.key === 'ArrowDown' ? 1 : -1)];
      if (next) {
        onSelect(next.principle.id);
        focus(next.principle.id);
      }
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      const next = event.key === 'Home' ? placed[0] : placed.at(-1);
      if (next) {
        onSelect(next.principle.id);
        focus(next.principle.id);
      }
    } else if (event.key === 'Delete') {
      event.preventDefault();
      onDelete(principle.id);
    }
  };

  const positionOf = (event: DragEvent<HTMLElement>): DropPosition => {
    const box = event.currentTarget.getBoundingClientRect();
    const y = (event.clientY - box.top) / box.height;
    return y < 0.28 ? 'before' : y > 0.72 ? 'after' : 'inside';
  };

  if (placed.length === 0) return <p className="empty-hint">No principles yet. Add the first one above.</p>;

  return (
    <ul className="principle-tree" role="tree" aria-label="Principles" aria-describedby="principle-tree-help">
      {placed.map(({ principle, depth }, i) => {
        const n = count(principle.id);
        const selected = principle.id === selectedId;
        const marker = over?.id === principle.id ? ` drop-${over.position}` : '';
        return (
          <li
            key={principle.id}
            ref={(element) => {
              if (element) items.current.set(principle.id, element);
              else items.current.delete(principle.id);
            }}
            role="treeitem"
            aria-level={depth + 1}
            aria-selected={selected}
            tabIndex={selected || (!selectedId && depth === 0 && placed[0]!.principle === principle) ? 0 : -1}
            className={`tree-item${selected ? ' selected' : ''}${marker}${dragged === principle.id ? ' dragging' : ''}`}
            style={{ paddingLeft: `${0.5 + depth * 1.25}em` }}
            draggable
            data-principle-id={principle.id}
            onClick={() => onSelect(principle.id)}
            onKeyDown={(event) => onKeyDown(event, principle)}
            onDragStart={(event) => {
              event.dataTransfer.effectAllowed = 'move';
              event.dataTransfer.setData('text/plain', principle.name);
              setDragged(principle.id);
            }}
            onDragEnd={() => {
              setDragged(null);
              setOver(null);
            }}
            onDragOver={(event) => {
              if (!dragged || !dropPlace(principles, dragged, principle.id, 'inside')) return;
              event.preventDefault();
              const position = positionOf(event);
              if (over?.id !== principle.id || over.position !== position) setOver({ id: principle.id, position });
            }}
            onDragLeave={(event) => {
              if (!event.currentTarget.contains(event.relatedTarget as Node)) setOver(null);
            }}
            onDrop={(event) => {
              event.preventDefault();
              const place = dragged ? dropPlace(principles, dragged, principle.id, positionOf(event)) : null;
              if (dragged && place) onMove(dragged, place);
              setDragged(null);
              setOver(null);
            }}
          >
            {i < 9 && (
              <kbd className="code-key" title={`${i + 1} links it to the selected text`}>
                {i + 1}
              </kbd>
            )}
            <span className="principle-dot" style={{ background: principle.color }} aria-hidden="true" />
            <span className="tree-name">{principle.name}</span>
            <span className="code-count" aria-label={`${n} passage${n === 1 ? '' : 's'}`}>
              {n}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
