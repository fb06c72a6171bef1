// The command palette (Ctrl/Cmd+Shift+P): every action by name, with its key; type to filter, ↑/↓ to
// choose, Enter to run. And the shortcut list (?): every key, grouped by where it applies.
import { useEffect, useId, useMemo, useState } from 'react';
import { foldForMatching } from '../../../shared/codebooks';
import { describeKeys, isTextField, matches, runCommand, useAllCommands, useCommands, type Command } from './commands';
import './commands.css';
import { useModalDialog } from '../ui/useModalDialog';

const PALETTE_KEYS = { key: 'p', mod: true, shift: true };
const SHORTCUTS_KEYS = { key: '?' };

export function CommandPalette() {
  const [open, setOpen] = useState<'palette' | 'shortcuts' | null>(null);
  useCommands('commands', [
    { id: 'palette', group: 'Everywhere', label: 'Show all commands', keys: PALETTE_KEYS, run: () => setOpen('palette') },
    { id: 'shortcuts', group: 'Everywhere', label: 'Show keyboard shortcuts', keys: SHORTCUTS_KEYS, run: () => setOpen('shortcuts') },
  ]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (matches(event, PALETTE_KEYS)) {
        event.preventDefault();
        setOpen((o) => (o === 'palette' ? null : 'palette'));
      } else if (matches(event, SHORTCUTS_KEYS) && !isTextField(event.target) && !document.querySelector('dialog[open]')) {
        event.preventDefault();
        setOpen('shortcuts');
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  if (open === 'palette') return <Palette onClose={() => setOpen(null)} />;
  if (open === 'shortcuts') return <Shortcuts onClose={() => setOpen(null)} />;
  return null;
}

const fold = (s: string) => foldForMatching(s).toLowerCase();
const keysOf = (c: Command) => c.keysLabel ?? (c.keys ? describeKeys(c.keys) : '');

function Palette({ onClose }: { onClose(): void }) {
  const all = useAllCommands();
  const dialog = useModalDialog();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState(0);
  const listId = useId();
  const shown = useMemo(() => {
    const words = fold(query).split(/\s+/).filter(Boolean);
    return all.filter((c) => c.available !== false && c.id !== 'palette' && words.every((w) => fold(`${c.label} ${c.group}`).includes(w)));
  }, [all, query]);
  const at = Math.min(chosen, Math.max(0, shown.length - 1));
  const run = (command: Command | undefined) => {
    if (!command) return;
    onClose();
    // After the palette has closed, so the command acts on the page and not on the dialog.
    setTimeout(() => runCommand(command), 0);
  };
  return (
    <dialog ref={dialog} className="command-palette" aria-label="Commands" onClose={onClose}>
      <input
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={shown[at] ? `${listId}-${shown[at]!.id}` : undefined}
        aria-label="Type a command"
        placeholder="Type a command…"
        value={query}
        autoFocus
        onChange={(event) => {
          setQuery(event.target.value);
          setChosen(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            setChosen((at + (event.key === 'ArrowDown' ? 1 : shown.length - 1)) % Math.max(1, shown.length));
          } else if (event.key === 'Enter') {
            event.preventDefault();
            run(shown[at]);
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label="Commands">
        {shown.map((command, i) => (
          <li
            key={command.id}
            id={`${listId}-${command.id}`}
            role="option"
            aria-selected={i === at}
            className={i === at ? 'active' : undefined}
            onMouseMove={() => setChosen(i)}
            onClick={() => run(command)}
          >
            <span className="command-group">{command.group}</span>
            <span className="command-label">{command.label}</span>
            {keysOf(command) && <kbd>{keysOf(command)}</kbd>}
          </li>
        ))}
        {shown.length === 0 && <li className="hint">No command matches.</li>}
      </ul>
    </dialog>
  );
}

function Shortcuts({ onClose }: { onClose(): void }) {
  const all = useAllCommands();
  const dialog = useModalDialog();
  const groups = [...new Set(all.filter((c) => keysOf(c)).map((c) => c.group))];
  return (
    <dialog ref={dialog} className="metadata-dialog shortcut-list" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      {groups.map((group) => (
        <section key={group}>
          <h3>{group}</h3>
          <dl>
            {all
              .filter((c) => c.group === group && keysOf(c))
              .map((c) => (
                <div key={c.id} className={c.available === false ? 'unavailable' : undefined}>
                  <dt>
                    <kbd>{keysOf(c)}</kbd>
                  </dt>
                  <dd>{c.label}</dd>
                </div>
              ))}
          </dl>
        </section>
      ))}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
