// Checking a screen with axe-core: serious and critical violations fail the test, softly, so one run
// lists every screen's problems under the screen's name. A screenshot of the screen is taken too.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, screenshot } from './fixtures';

export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await screenshot(page, `a11y-${screen}`);
  // Only violations are gathered: listing every passing node would take minutes on a long page.
  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  const problems = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);
  expect.soft(problems, `axe-core on the ${screen} screen`).toEqual([]);
}
