// Short messages at the bottom of the window: errors, confirmations, and "Undo" offers.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
  action?: { label: string; run: () => void };
}

interface Notices {
  notify(kind: Notice['kind'], text: string, action?: Notice['action']): void;
}

const NoticeContext = createContext<Notices>({ notify: () => undefined });

export function useNotices(): Notices {
  return useContext(NoticeContext);
}

let nextId = 1;

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  const notify = useCallback<Notices['notify']>(
    (kind, text, action) => {
      const id = nextId++;
      setNotices((list) => [...list.slice(-3), { id, kind, text, action }]);
      setTimeout(() => dismiss(id), kind === 'error' ? 12_000 : 6_000);
    },
    [dismiss],
  );
  const value = useMemo(() => ({ notify }), [notify]);
  return (
    <NoticeContext.Provider value={value}>
      {children}
      <div className="notices" role="status" aria-live="polite">
        {notices.map((notice) => (
          <div key={notice.id} className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : undefined}>
            <span>{notice.text}</span>
            {notice.action && (
              <button
                type="button"
                onClick={() => {
                  notice.action!.run();
                  dismiss(notice.id);
                }}
              >
                {notice.action.label}
              </button>
            )}
            <button type="button" className="icon" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </NoticeContext.Provider>
  );
}
