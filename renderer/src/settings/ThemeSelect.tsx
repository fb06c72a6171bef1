// The theme setting (system, light, dark), kept with the user's settings and applied to the page.
import { useEffect, useState } from 'react';
import { THEMES, type Theme } from '../../../shared/themes';
import { call } from '../api/client';
import { useNotices } from '../ui/notices';

const LABELS: Record<Theme, string> = { system: 'System theme', light: 'Light', dark: 'Dark' };

export function ThemeSelect() {
  const { notify } = useNotices();
  const [theme, setTheme] = useState<Theme>('system');

  useEffect(() => {
    call('settings.get', {}).then(
      (settings) => setTheme(settings.theme),
      () => undefined, // the default theme is fine if settings cannot be read
    );
  }, []);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <select
      className="theme-select"
      aria-label="Theme"
      value={theme}
      onChange={(event) => {
        const next = event.target.value as Theme;
        setTheme(next);
        call('settings.update', { patch: { theme: next } }).catch((error: unknown) =>
          notify('error', `The theme could not be saved: ${error instanceof Error ? error.message : String(error)}`),
        );
      }}
    >
      {THEMES.map((t) => (
        <option key={t} value={t}>
          {LABELS[t]}
        </option>
      ))}
    </select>
  );
}
