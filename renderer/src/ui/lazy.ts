// Code loaded on demand: a part of the app the first screen does not need is its own chunk (Vite
// splits at each dynamic import) and is fetched when it is first shown.
import { createElement, lazy, useState, type ComponentType } from 'react';

/** What each `once` loader has finished loading, for lazyNamed to render without suspending. */
const loadedBy = new WeakMap<() => Promise<unknown>, unknown>();

/** A loader that runs once and shares its promise; a failed load (the host restarted) is tried again next time. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  const loader = () =>
    (loading ??= load().then(
      (value) => (loadedBy.set(loader, value), value),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));
  return loader;
}

/**
 * React.lazy for a module's named export; render it inside a Suspense boundary. When `load` is a
 * `once` loader whose code is already here (fetched ahead while the page was idle), the component is
 * rendered at once: React.lazy alone suspends on its first render whatever, and React then holds the
 * suspended content back for up to 300 ms (its fallback throttle), which made the first document
 * opened take 0.4 s instead of 0.1 s.
 */
export function lazyNamed<M, K extends keyof M>(load: () => Promise<M>, name: K): M[K] {
  const Lazy = lazy(async () => ({ default: (await load())[name] as ComponentType<object> }));
  const ready = () => (loadedBy.get(load) as M | undefined)?.[name] as ComponentType<object> | undefined;
  function OnDemand(props: object) {
    // Chosen once per mount: switching from Lazy to the component itself would remount it.
    const [Shown] = useState(() => ready() ?? Lazy);
    return createElement(Shown, props);
  }
  // The cast keeps the export's own props type: the wrapper alone would know only "a component".
  return OnDemand as M[K];
}
