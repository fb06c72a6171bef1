// What bench:start waits for, and how it finds what it clicks. Every wait has a limit and fails with a
// message naming the step (a benchmark that waits for a moment that never comes must say so, not hang),
// and tabs are found by the names a user reads, not by their position (a tab added before Analysis once
// made the benchmark open another view and wait for ever).

/** The app's tabs the benchmark clicks, by their accessible names (renderer/src/analysis/ViewSwitch.tsx). */
export const TABS = { library: 'Library & reader', analysis: 'Analysis' } as const;

/**
 * `promise`, or after `limitS` seconds an error naming the step, with what `explain` adds (the host's
 * output, what the page shows).
 */
export async function step<T>(what: string, promise: Promise<T>, explain: () => string | Promise<string>, limitS: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), limitS * 1000)));
  try {
    const result = await Promise.race([promise, timeout]);
    if (result !== 'timeout') return result;
  } finally {
    clearTimeout(timer);
  }
  const details = await Promise.resolve()
    .then(explain)
    .catch((error: unknown) => `(no details: ${(error as Error).message})`);
  throw new Error(`bench:start gave up: ${what} did not happen within ${limitS} s.\n${details}`);
}
