// Every action the user can take by keyboard, registered by the part of the app that owns it while it
// is on screen: the shortcut list (?) and the command palette (Ctrl/Cmd+Shift+P) show them all, with
// their keys. A command without its own `run` is run by pressing its key, so there is one code path.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export interface KeyCombo {
  /** KeyboardEvent.key, lower case for letters: "k", "z", "F", "?", "ArrowUp", "1". */
  key: string;
  /** Ctrl on Windows and Linux, ⌘ on macOS. */
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
}

export interface Command {
  id: string;
  /** Where it applies: "Everywhere", "Reader", "Codebook"... */
  group: string;
  label: string;
  keys: KeyCombo | null;
  /** Shown with the keys when one combo stands for several ("1 … 9"). */
  keysLabel?: string;
  run?: () => void;
  /** False when it cannot be used right now (listed, but not offered by the palette). */
  available?: boolean;
}

interface Registry {
  commands: Command[];
  register(owner: string, commands: Command[]): () => void;
}

const CommandContext = createContext<Registry | null>(null);

export function CommandProvider({ children }: { children: ReactNode }) {
  const [owners, setOwners] = useState<Map<string, Command[]>>(new Map());
  // Stable, so that registering (which changes `owners`) does not make every user register again.
  const register = useCallback((owner: string, commands: Command[]) => {
    setOwners((current) => new Map(current).set(owner, commands));
    return () =>
      setOwners((current) => {
        const next = new Map(current);
        next.delete(owner);
        return next;
      });
  }, []);
  const value = useMemo<Registry>(() => ({ commands: [...owners.values()].flat(), register }), [owners, register]);
  return <CommandContext.Provider value={value}>{children}</CommandContext.Provider>;
}

export function useAllCommands(): Command[] {
  return useContext(CommandContext)?.commands ?? [];
}

/** Registers the commands of a part of the app while it is mounted (and again whenever they change). */
export function useCommands(owner: string, commands: Command[]): void {
  const register = useContext(CommandContext)?.register;
  const key = JSON.stringify(commands.map((c) => [c.id, c.label, c.keys, c.keysLabel, c.available]));
  useEffect(() => register?.(owner, commands),
    // The commands' closures change every render; what is listed changes only with `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [register, owner, key]);
}

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

const KEY_NAMES: Record<string, string> = { ArrowUp: '↑', ArrowDown: '↓', ArrowLeft: '←', ArrowRight: '→', Delete: 'Delete', Escape: 'Esc', Enter: 'Enter', ' ': 'Space' };

/** "Ctrl+Shift+P", "⌘⇧P", "Alt+↑", "?". */
export function describeKeys(keys: KeyCombo): string {
  const key = KEY_NAMES[keys.key] ?? (keys.key.length === 1 ? keys.key.toUpperCase() : keys.key);
  if (isMac) return `${keys.mod ? '⌘' : ''}${keys.alt ? '⌥' : ''}${keys.shift ? '⇧' : ''}${key}`;
  return [keys.mod && 'Ctrl', keys.alt && 'Alt', keys.shift && 'Shift', key].filter(Boolean).join('+');
}

/** Does a key press match a combo? Digits by their key code, so Shift+1 is "1" on every layout. */
export function matches(event: KeyboardEvent, keys: KeyCombo): boolean {
  const mod = event.ctrlKey || event.metaKey;
  if (Boolean(keys.mod) !== mod || Boolean(keys.alt) !== event.altKey) return false;
  if (/^\d$/.test(keys.key)) return event.code === `Digit${keys.key}` && Boolean(keys.shift) === event.shiftKey;
  if (keys.key === '?') return event.key === '?';
  return event.key.toLowerCase() === keys.key.toLowerCase() && Boolean(keys.shift) === event.shiftKey;
}

/** Runs a command: its own action, or the key press it stands for. */
export function runCommand(command: Command): void {
  if (command.run) return command.run();
  if (!command.keys) return;
  const { key, mod, shift, alt } = command.keys;
  const code = /^\d$/.test(key) ? `Digit${key}` : undefined;
  document.dispatchEvent(
    new KeyboardEvent('keydown', { key, code, ctrlKey: mod && !isMac, metaKey: mod && isMac, shiftKey: shift, altKey: alt, bubbles: true, cancelable: true }),
  );
}

/** Typing in a field: single-key shortcuts (digits, ?) must leave the keys alone there. */
export function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target instanceof HTMLTextAreaElement ||
      target instanceof HTMLSelectElement ||
      (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'color'].includes(target.type)))
  );
}
