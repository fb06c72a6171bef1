// A CouchDB-protocol server for sync tests: express-pouchdb over PouchDB's in-memory adapter, on
// 127.0.0.1. It can be stopped and started again on the same port with the same databases, to test
// working offline. (express-pouchdb implements the CouchDB HTTP API that PouchDB replicates with.)
import type { Server } from 'node:http';
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import HttpAdapter from 'pouchdb-adapter-http';
import MemoryAdapter from 'pouchdb-adapter-memory';
import type { RemoteDb } from '../services/sync/remote';

const MemoryPouch = PouchDB.plugin(MemoryAdapter).plugin(HttpAdapter).defaults({ adapter: 'memory' });

export class CouchServer {
  private server: Server | null = null;
  private port = 0;
  private readonly app = express();

  constructor() {
    this.app.use('/', expressPouchDB(MemoryPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: '/dev/null' }));
  }

  /** The URL of a database on it. */
  url(db: string): string {
    return `http://127.0.0.1:${this.port}/${db}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      const server = this.app.listen(this.port, '127.0.0.1', () => resolve());
      server.once('error', reject);
      this.server = server;
    });
    const address = this.server!.address();
    if (address && typeof address === 'object') this.port = address.port;
    return this;
  }

  /** Stops answering (connections are cut), keeping the databases for a later start(). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** A database on it, opened directly (not over HTTP), to look at what it holds. */
  database(db: string): RemoteDb {
    return new MemoryPouch(db) as RemoteDb;
  }
}
