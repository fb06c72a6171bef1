// The fields of one annotation: colour, principles, actors with stance, tags and a note. Every change
// is handed up at once (and saved at once); the note is sent after a short pause in typing and on blur.
import { useCallback, useEffect, useRef, useState } from 'react';
import { HIGHLIGHT_COLORS, type Actor, type AnnotationBody } from '../../../shared/model';
import { ActorPicker } from '../codebook/ActorPicker';
import { PrinciplePicker } from '../codebook/PrinciplePicker';
import { TagInput } from './TagInput';

interface Props {
  body: AnnotationBody;
  suggestedActors: Actor[];
  onChange(patch: Partial<AnnotationBody>): void;
  autoFocusColor?: boolean;
}

const NOTE_DELAY_MS = 400;

export function AnnotationEditor({ body, suggestedActors, onChange, autoFocusColor }: Props) {
  const [note, setNote] = useState(body.note);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latestNote = useRef(body.note);
  const sentNote = useRef(body.note);

  // An undo or another edit replaced the note: show it, unless the user is typing right now.
  useEffect(() => {
    if (!pending.current && body.note !== sentNote.current) {
      setNote(body.note);
      latestNote.current = body.note;
      sentNote.current = body.note;
    }
  }, [body.note]);

  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });
  const sendNote = useCallback(() => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = null;
    if (latestNote.current !== sentNote.current) {
      sentNote.current = latestNote.current;
      onChangeRef.current({ note: latestNote.current });
    }
  }, []);
  // Never lose the last keystrokes: send them when the editor closes.
  useEffect(() => sendNote, [sendNote]);

  return (
    <div className="annotation-editor">
      <fieldset className="colors">
        <legend>Colour</legend>
        {HIGHLIGHT_COLORS.map((color, i) => (
          <button
            key={color}
            type="button"
            className={`swatch hl-${color}`}
            aria-label={color}
            aria-pressed={body.color === color}
            autoFocus={autoFocusColor && i === 0}
            onClick={() => onChange({ color })}
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>Principles</legend>
        <PrinciplePicker selected={body.principles} onChange={(principles) => onChange({ principles })} />
      </fieldset>
      <fieldset>
        <legend>Actors</legend>
        <ActorPicker links={body.actors} suggested={suggestedActors} onChange={(actors) => onChange({ actors })} />
      </fieldset>
      <fieldset>
        <legend>Tags</legend>
        <TagInput tags={body.tags} onChange={(tags) => onChange({ tags })} />
      </fieldset>
      <label className="note-field">
        <span className="legend">Note</span>
        <textarea
          rows={3}
          value={note}
          placeholder="Your note on this passage"
          onChange={(event) => {
            setNote(event.target.value);
            latestNote.current = event.target.value;
            if (pending.current) clearTimeout(pending.current);
            pending.current = setTimeout(sendNote, NOTE_DELAY_MS);
          }}
          onBlur={sendNote}
        />
      </label>
    </div>
  );
}
