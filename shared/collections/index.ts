// Collections and document tags: the tree, edits, reading the files back, and scopes. Pure.
export * from './tree';
export * from './edit';
export * from './check';
export * from './scope';
