import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { step, TABS } from './bench-steps';

describe('bench:start steps', () => {
  it('gives what the awaited step gives', async () => {
    await expect(step('a quick step', Promise.resolve(42), () => 'unused', 5)).resolves.toBe(42);
  });

  it('fails with a message naming the step, and why, instead of waiting for ever', async () => {
    const never = new Promise<never>(() => undefined);
    await expect(step('the Analysis tab drawn', never, () => 'The page shows the Documents table.', 0.05)).rejects.toThrow(
      /the Analysis tab drawn did not happen within 0\.05 s\.\nThe page shows the Documents table\./,
    );
  });

  it('still fails loudly when the explanation itself fails', async () => {
    const never = new Promise<never>(() => undefined);
    await expect(step('the host ready', never, () => Promise.reject(new Error('page closed')), 0.05)).rejects.toThrow(/no details: page closed/);
  });

  it('clicks tabs the app has, by the names a user reads', async () => {
    // Imported by a path the type-checker does not follow (main's project builds no JSX); vitest runs it.
    const viewSwitch = '../../renderer/src/analysis/ViewSwitch';
    const { ViewSwitch } = (await import(viewSwitch)) as { ViewSwitch: (props: { value: string; onChange(view: string): void }) => null };
    const markup = renderToStaticMarkup(createElement(ViewSwitch, { value: 'library', onChange: () => undefined }));
    const tabs = [...markup.matchAll(/<button[^>]*role="tab"[^>]*>([^<]*)<\/button>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    for (const name of Object.values(TABS)) expect(tabs).toContain(name);
  });
});
