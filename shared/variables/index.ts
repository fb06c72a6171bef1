// Document variables: the model, edits, reading the file back, and their use in analysis and exports. Pure.
export * from './model';
export * from './edit';
export * from './check';
export * from './search';
