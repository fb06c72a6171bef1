// Pure computations behind the analysis views: each takes coded passages and the codebook and returns
// numbers with the passages behind them, so every figure can be drilled into.
export * from './passages';
export * from './filter';
export * from './matrix';
export * from './coverage';
export * from './frequencies';
export * from './timeline';
