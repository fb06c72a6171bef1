import { createElement, Suspense } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { lazyNamed, once } from './lazy';

const module = { Greeting: ({ name }: { name: string }) => createElement('p', null, `Hello ${name}`) };
const inSuspense = (child: ReturnType<typeof createElement>) => renderToString(createElement(Suspense, { fallback: createElement('p', null, 'Loading…') }, child));

describe('views loaded on demand', () => {
  it('renders at once, without suspending, when its code was fetched ahead', async () => {
    const load = once(async () => module);
    const Greeting = lazyNamed(load, 'Greeting');
    await load(); // as preloadViews does while the page is idle
    expect(inSuspense(createElement(Greeting, { name: 'reader' }))).toContain('Hello reader');
  });

  it('suspends (shows the fallback) while its code is not there yet', () => {
    const Greeting = lazyNamed(once<typeof module>(() => new Promise(() => undefined)), 'Greeting');
    expect(inSuspense(createElement(Greeting, { name: 'reader' }))).toContain('Loading…');
  });

  it('loads again after a failed load', async () => {
    let attempts = 0;
    const load = once(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('the host restarted');
      return module;
    });
    await expect(load()).rejects.toThrow('the host restarted');
    await load();
    expect(inSuspense(createElement(lazyNamed(load, 'Greeting'), { name: 'again' }))).toContain('Hello again');
  });
});
