// The open document is kept in the address (#doc=<id>), so a reload reopens it.
import { useCallback, useEffect, useState } from 'react';

function readHash(): string | null {
  return new URLSearchParams(window.location.hash.slice(1)).get('doc');
}

export function useOpenDocumentId(): [string | null, (id: string) => void] {
  const [id, setId] = useState(readHash);
  useEffect(() => {
    const onHash = () => setId(readHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const open = useCallback((next: string) => {
    window.location.hash = `doc=${encodeURIComponent(next)}`;
    setId(next);
  }, []);
  return [id, open];
}
