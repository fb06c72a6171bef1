// A <dialog> shown as modal once it is mounted (its component is rendered only while it is open).
import { useEffect, useRef } from 'react';

export function useModalDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return dialog;
}
