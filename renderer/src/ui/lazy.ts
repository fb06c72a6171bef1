// Code loaded on demand: a part of the app the first screen does not need is its own chunk (Vite
// splits at each dynamic import) and is fetched when it is first shown.
import { lazy, type ComponentType } from 'react';

/** A loader that runs once and shares its promise; a failed load (the host restarted) is tried again next time. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    }));
}

/** React.lazy for a module's named export; render it inside a Suspense boundary. */
export function lazyNamed<M, K extends keyof M>(load: () => Promise<M>, name: K): M[K] {
  // The cast keeps the export's own props type: lazy() alone would know only "a component".
  return lazy(async () => ({ default: (await load())[name] as ComponentType<object> })) as M[K];
}
