// Pure computations behind the analysis views: passages are summed into a tally (tally.ts), and each
// view reads its numbers from a tally; the passages behind any figure are named by a selector.
export * from './passages';
export * from './filter';
export * from './tally';
export * from './matrix';
export * from './framework';
export * from './coverage';
export * from './frequencies';
export * from './timeline';
export * from './select';
export * from './columns';
export * from './views';
