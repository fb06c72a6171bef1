// The library's document table: columns, sorting and filtering, pure, shared by the renderer and tests.
export * from './columns';
export * from './sort';
export * from './filter';
export * from './stats';
export * from './layout';
