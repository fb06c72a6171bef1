// The selected code, to describe and change: a principle's name, colour, definition, when to use it
// and when not, and an example; an actor's name, kind and aliases. Below, its passages (a click opens
// one in the reader). Each field saves when the user leaves it, as one undoable step.
import { useEffect, useRef } from 'react';
import type { CodedPassage } from '../../../shared/analysis';
import { PRINCIPLE_PALETTE } from '../../../shared/codebooks/colors';
import type { CodebookEditInput } from '../../../shared/codebooks/edits';
import { ACTOR_KINDS, ACTOR_KIND_LABELS, type Actor, type ActorKind, type DocumentListing, type Principle } from '../../../shared/model';
import { PassageButton } from '../analysis/PassageButton';
import { CommitField } from './CommitField';

type Edit = (edit: CodebookEditInput) => Promise<boolean>;

export function PrincipleDetails({ principle, edit }: { principle: Principle; edit: Edit }) {
  const update = (fields: Extract<CodebookEditInput, { kind: 'principle.update' }>['fields']) => edit({ kind: 'principle.update', id: principle.id, fields });
  return (
    <div className="code-fields">
      <CommitField label="Name" value={principle.name} onCommit={(name) => update({ name })} />
      <ColorField color={principle.color} onChange={(color) => void update({ color })} />
      <CommitField label="Definition" multiline value={principle.description} placeholder="What this principle means" onCommit={(description) => update({ description })} />
      <CommitField label="When to use" multiline value={principle.whenToUse} placeholder="Passages that should get this code" onCommit={(whenToUse) => update({ whenToUse })} />
      <CommitField label="When not to use" multiline value={principle.whenNotToUse} placeholder="Near misses, and the code they get instead" onCommit={(whenNotToUse) => update({ whenNotToUse })} />
      <CommitField label="Example" multiline value={principle.example} placeholder="A passage that is a clear case" onCommit={(example) => update({ example })} />
    </div>
  );
}

/** The palette as swatches, and any colour through the system's colour picker (saved when it closes). */
function ColorField({ color, onChange }: { color: string; onChange(color: string): void }) {
  const picker = useRef<HTMLInputElement>(null);
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => {
    const input = picker.current;
    // 'change' fires once, when the picker closes ('input', which React's onChange follows, fires while dragging).
    const done = () => input && latest.current(input.value);
    input?.addEventListener('change', done);
    return () => input?.removeEventListener('change', done);
  }, []);
  useEffect(() => {
    if (picker.current) picker.current.value = color;
  }, [color]);
  return (
    <fieldset className="color-field">
      <legend>Colour</legend>
      {PRINCIPLE_PALETTE.map((c) => (
        <button
          key={c}
          type="button"
          className="palette-swatch"
          style={{ background: c }}
          aria-label={`Colour ${c}`}
          aria-pressed={c.toLowerCase() === color.toLowerCase()}
          onClick={() => onChange(c)}
        />
      ))}
      <input ref={picker} type="color" aria-label="Another colour" defaultValue={color} />
    </fieldset>
  );
}

export function ActorDetails({ actor, edit }: { actor: Actor; edit: Edit }) {
  const update = (fields: Extract<CodebookEditInput, { kind: 'actor.update' }>['fields']) => edit({ kind: 'actor.update', id: actor.id, fields });
  return (
    <div className="code-fields">
      <CommitField label="Name" value={actor.name} onCommit={(name) => update({ name })} />
      <label className="commit-field">
        <span className="legend">Kind</span>
        <select value={actor.kind} onChange={(event) => void update({ kind: event.target.value as ActorKind })}>
          {ACTOR_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {ACTOR_KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </label>
      <CommitField
        label="Aliases (one per line): other names texts use for it"
        multiline
        value={actor.aliases.join('\n')}
        onCommit={(text) => update({ aliases: text.split('\n').map((a) => a.trim()).filter(Boolean) })}
      />
    </div>
  );
}

export function CodePassages(props: { passages: CodedPassage[]; documents: ReadonlyMap<string, DocumentListing>; onOpen(passage: CodedPassage): void }) {
  const { passages, documents, onOpen } = props;
  if (passages.length === 0) return <p className="empty-hint">No passage is coded with it yet.</p>;
  return (
    <ul className="drilldown-list code-passages">
      {passages.map((p) => (
        <li key={p.annotationId}>
          <PassageButton passage={p} document={documents.get(p.documentId)} onOpen={onOpen} />
        </li>
      ))}
    </ul>
  );
}
