// Asking for the password of an encrypted PDF, as a promise: the dialog resolves to the typed password
// or to null when the user gives up. The password goes to the one call that reads the file and is
// never kept anywhere.
import { useCallback, useState, type ReactNode } from 'react';
import { useModalDialog } from './useModalDialog';

interface Request {
  fileName: string;
  message: string;
  resolve(password: string | null): void;
}

export type AskPassword = (fileName: string, message: string) => Promise<string | null>;

export function usePasswordPrompt(): [ReactNode, AskPassword] {
  const [request, setRequest] = useState<Request | null>(null);
  const ask = useCallback<AskPassword>(
    (fileName, message) => new Promise((resolve) => setRequest({ fileName, message, resolve })),
    [],
  );
  const finish = (password: string | null) => {
    request?.resolve(password);
    setRequest(null);
  };
  const element = request ? <PasswordDialog key={request.message} request={request} onDone={finish} /> : null;
  return [element, ask];
}

function PasswordDialog({ request, onDone }: { request: Request; onDone(password: string | null): void }) {
  const dialog = useModalDialog();
  const wrong = /not right/.test(request.message);
  return (
    <dialog
      ref={dialog}
      className="metadata-dialog password-dialog"
      aria-label="Password needed"
      onCancel={(event) => {
        event.preventDefault();
        onDone(null);
      }}
    >
      <PasswordForm
        title={`“${request.fileName}” is password-protected`}
        message={
          <p className={wrong ? 'form-error' : undefined} role={wrong ? 'alert' : undefined}>
            {request.message}
          </p>
        }
        cancelLabel="Cancel"
        onCancel={() => onDone(null)}
        onSubmit={onDone}
      />
    </dialog>
  );
}

/** The password form of the import's dialog and of the page view: a password field, Open, and a way out. */
export function PasswordForm(props: {
  title: string;
  message: ReactNode;
  cancelLabel: string;
  onCancel(): void;
  onSubmit(password: string): void;
  className?: string;
  label?: string;
}) {
  const [password, setPassword] = useState('');
  return (
    <form
      className={props.className}
      aria-label={props.label}
      onSubmit={(event) => {
        event.preventDefault();
        if (password) props.onSubmit(password);
      }}
    >
      <h2>{props.title}</h2>
      {props.message}
      <label>
        Password
        <input type="password" autoFocus autoComplete="off" value={password} onChange={(event) => setPassword(event.target.value)} />
      </label>
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel}>
          {props.cancelLabel}
        </button>
        <button type="submit" className="primary" disabled={!password}>
          Open
        </button>
      </div>
    </form>
  );
}

/**
 * Runs `attempt` without a password, then, while it fails because the file is encrypted, asks for
 * one and tries again. Resolves to null if the user gives up.
 */
export async function withPassword<T>(
  fileName: string,
  ask: AskPassword | undefined,
  attempt: (password: string | undefined) => Promise<T>,
  isEncrypted: (error: unknown) => boolean,
): Promise<T | null> {
  let password: string | undefined;
  for (;;) {
    try {
      return await attempt(password);
    } catch (error) {
      if (!ask || !isEncrypted(error)) throw error;
      const typed = await ask(fileName, error instanceof Error ? error.message : String(error));
      if (typed === null) return null;
      password = typed;
    }
  }
}
