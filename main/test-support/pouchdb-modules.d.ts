// express-pouchdb ships no types: the one call the test server makes.
declare module 'express-pouchdb' {
  import type { RequestHandler } from 'express';
  export default function expressPouchDB(pouch: unknown, options?: Record<string, unknown>): RequestHandler;
}
