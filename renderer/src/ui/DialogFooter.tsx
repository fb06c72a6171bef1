// The end of a form dialog: what went wrong (if anything), then its buttons, the first one closing it.
import type { ReactNode, RefObject } from 'react';

interface Props {
  dialog: RefObject<HTMLDialogElement | null>;
  error?: string | null;
  /** The closing button's words ("Cancel", "Close"). */
  closeLabel: string;
  /** The closing button is the main one (a report, where closing is all there is to do). */
  closeIsPrimary?: boolean;
  /** The other buttons, after the closing one. */
  children?: ReactNode;
}

export function DialogFooter({ dialog, error, closeLabel, closeIsPrimary = false, children }: Props) {
  return (
    <>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className={closeIsPrimary ? 'primary' : undefined} onClick={() => dialog.current?.close()}>
          {closeLabel}
        </button>
        {children}
      </div>
    </>
  );
}
