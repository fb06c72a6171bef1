// This installation's coder name and the blind-coding switch (user settings, not library data), shared
// by the top bar's Coder menu, the reader and its sidebar.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SettingsPatch } from '../../../shared/settings';
import { call, errorMessage } from '../api/client';
import { useNotices } from '../ui/notices';

export interface CoderSettings {
  coderName: string | null;
  blindCoding: boolean;
  /** Saves a change; resolves false (with a message shown) when it could not be saved. */
  update(patch: Pick<SettingsPatch, 'coderName' | 'blindCoding'>): Promise<boolean>;
}

const Context = createContext<CoderSettings>({ coderName: null, blindCoding: false, update: async () => false });

export function CoderSettingsProvider({ children }: { children: ReactNode }) {
  const { notify } = useNotices();
  const [state, setState] = useState<{ coderName: string | null; blindCoding: boolean }>({ coderName: null, blindCoding: false });
  useEffect(() => {
    call('settings.get', {}).then(
      (s) => setState({ coderName: s.coderName, blindCoding: s.blindCoding }),
      () => undefined, // no coder until settings can be read
    );
  }, []);
  const update = useCallback(
    async (patch: Pick<SettingsPatch, 'coderName' | 'blindCoding'>) => {
      // Shown at once (a switch follows the click), then as saved.
      if (patch.blindCoding !== undefined) setState((s) => ({ ...s, blindCoding: patch.blindCoding! }));
      try {
        const s = await call('settings.update', { patch });
        setState({ coderName: s.coderName, blindCoding: s.blindCoding });
        return true;
      } catch (error) {
        if (patch.blindCoding !== undefined) setState((s) => ({ ...s, blindCoding: !patch.blindCoding }));
        notify('error', `The coder setting could not be saved: ${errorMessage(error)}`);
        return false;
      }
    },
    [notify],
  );
  const value = useMemo(() => ({ ...state, update }), [state, update]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useCoderSettings(): CoderSettings {
  return useContext(Context);
}
