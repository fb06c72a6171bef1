// The PouchDB modules sync uses, typed only as far as sync uses them: DefinitelyTyped's pouchdb-core
// pulls the DOM library into main's types (which then mistype Node's Buffers); remote.ts gives the
// database itself a narrow interface.
declare module 'pouchdb-core' {
  interface PouchConstructor {
    new (name: string, options?: Record<string, unknown>): unknown;
    plugin(plugin: unknown): PouchConstructor;
    defaults(options: Record<string, unknown>): PouchConstructor;
  }
  const PouchDB: PouchConstructor;
  export default PouchDB;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
