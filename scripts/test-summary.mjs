// Prints one closing line for the whole test run, "N passed, N failed", from the JSON reports that
// Vitest and Playwright write (see package.json), so CI can count what ran.
import { readFileSync, existsSync } from 'node:fs';

function read(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

let passed = 0;
let failed = 0;
let skipped = 0;

const unit = read('test-results/vitest.json');
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  skipped += unit.numPendingTests + unit.numTodoTests;
}

const e2e = read('test-results/playwright.json');
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
}

if (!unit || !e2e) {
  console.log(`tests: ${passed} passed, ${failed + 1} failed`);
  console.error(`Missing test report: ${!unit ? 'test-results/vitest.json ' : ''}${!e2e ? 'test-results/playwright.json' : ''}`);
  process.exit(1);
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
