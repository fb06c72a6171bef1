// Tags as removable chips; typing a space, comma or Enter adds the word typed so far.
import { useState } from 'react';

export function TagInput({ tags, onChange }: { tags: string[]; onChange(tags: string[]): void }) {
  const [draft, setDraft] = useState('');
  const add = (raw: string) => {
    const tag = raw.trim().replace(/^#/, '');
    if (tag && !tags.includes(tag)) onChange([...tags, tag]);
    setDraft('');
  };
  return (
    <div className="tag-input">
      {tags.map((tag) => (
        <span key={tag} className="chip chip-tag">
          #{tag}
          <button type="button" className="icon" aria-label={`Remove tag ${tag}`} onClick={() => onChange(tags.filter((t) => t !== tag))}>
            ×
          </button>
        </span>
      ))}
      <input
        aria-label="Add a tag"
        placeholder={tags.length ? '' : 'Add tags…'}
        value={draft}
        maxLength={100}
        onChange={(event) => {
          const value = event.target.value;
          if (/[\s,]$/.test(value)) add(value.slice(0, -1));
          else setDraft(value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            add(draft);
          } else if (event.key === 'Backspace' && !draft && tags.length) onChange(tags.slice(0, -1));
        }}
        onBlur={() => add(draft)}
      />
    </div>
  );
}
