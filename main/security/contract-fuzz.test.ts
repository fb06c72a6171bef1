// Every call of the contract, fed random and malformed payloads through the real dispatcher (the one
// IPC and HTTP use) with real services on a real library: each answer is a value ({ ok, ... }) with a
// known error code and a message, never a crash (no internal error), and a call that fails changes
// nothing in the library folder. The HTTP host gets random request bodies as well.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES, type CallName } from '../../shared/api';
import { ERROR_CODES, type ApiResult } from '../../shared/errors';
import { decodeParts, PARTS_CONTENT_TYPE, PARTS_HEADER } from '../../shared/wire';
import { startHost, type RunningHost } from '../host/server';
import { sampleAnnotation } from '../test-support/fixtures';
import { send, type Reply } from '../test-support/http';
import { folderFingerprint, openTestApp, type TestApp } from '../test-support/library-app';

const RUNS_PER_CALL = Number(process.env.APOSTIL_FUZZ_RUNS ?? 120);

let test: TestApp;
let libraryDir: string;
let dataDir: string;
let documentId: string;
let fuzzed = 0;

/** A valid payload for each call known when this was written; later calls are fuzzed from {}. */
function examples(): Partial<Record<CallName, Record<string, unknown>>> {
  const document = test.app.store.getDocument(documentId);
  return {
    'codebook.edit': { edit: { kind: 'actor.merge', sourceId: 'usa-fuzz', targetId: 'france' } },
    'documents.open': { id: documentId },
    'documents.text': { id: documentId },
    'documents.updateMetadata': { id: documentId, metadata: document.metadata },
    'documents.delete': { id: 'no-such-document' },
    'documents.import': { name: 'fuzz.txt', bytes: new TextEncoder().encode('Fuzzing the Paris Call.') },
    'annotations.save': { annotation: { ...sampleAnnotation(documentId), id: 'fuzz-annotation' } },
    'annotations.delete': { documentId, id: 'no-such-annotation' },
    'search.query': { query: 'norms', limit: 5, scope: { kind: 'tag', tag: 'fuzz' } },
    'documents.trash': { ids: ['no-such-document'] },
    'documents.restore': { ids: ['no-such-document'] },
    'documents.stats': { ids: [documentId] },
    'collections.edit': { edit: { op: 'rename', id: 'no-such-collection', name: 'Fuzz' } },
    'documentTags.edit': { edit: { op: 'add', documentIds: ['no-such-document'], tags: ['fuzz'] } },
    'variables.edit': { edit: { op: 'set', variableId: 'no-such-variable', documentIds: [documentId], value: 'fuzz' } },
    'settings.update': { patch: { theme: 'dark' } },
    'analysis.counts': {
      view: 'matrix',
      filter: { documentIds: [documentId], tags: ['t'], from: '2018', to: null },
      actorKinds: ['state'],
      granularity: null,
      scope: { kind: 'collection', collectionId: 'no-such-collection' },
    },
    'analysis.passages': {
      filter: { documentIds: null, tags: [], from: null, to: '2020-01' },
      selector: { kind: 'timeline', principleId: 'international-norms', bucket: '2018', granularity: 'year' },
      offset: 0,
      limit: 10,
    },
  };
}

const anyValue = fc.anything({
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withTypedArray: true,
  withSparseArray: true,
  maxDepth: 4,
});

/** A valid payload with one thing wrong: a field removed, replaced (anywhere inside), or added. */
function mutated(example: Record<string, unknown>): fc.Arbitrary<unknown> {
  const paths: string[][] = [];
  const walk = (value: unknown, at: string[]) => {
    if (at.length > 0) paths.push(at);
    if (value && typeof value === 'object' && !(value instanceof Uint8Array) && at.length < 6) {
      for (const [key, inner] of Object.entries(value)) walk(inner, [...at, key]);
    }
  };
  walk(example, []);
  const replace = (pathTo: string[], replacement: unknown, remove: boolean): unknown => {
    const copy = structuredClone(example);
    let target: Record<string, unknown> = copy;
    for (const key of pathTo.slice(0, -1)) target = target[key] as Record<string, unknown>;
    const last = pathTo[pathTo.length - 1]!;
    if (remove) delete target[last];
    else target[last] = replacement;
    return copy;
  };
  return fc.oneof(
    paths.length ? fc.tuple(fc.constantFrom(...paths), anyValue).map(([p, v]) => replace(p, v, false)) : anyValue,
    paths.length ? fc.constantFrom(...paths).map((p) => replace(p, null, true)) : anyValue,
    fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), anyValue).map(([key, v]) => ({ ...structuredClone(example), [key]: v })),
    fc.constantFrom('', 'x'.repeat(100_000), '../../etc/passwd', '\u0000', '__proto__', 'constructor').map((s) =>
      paths.length ? replace(paths[0]!, s, false) : s,
    ),
  );
}

function expectValueResult(name: string, payload: unknown, result: ApiResult<unknown>): void {
  expect(typeof result, `${name} answered ${fc.stringify(result)}`).toBe('object');
  if (result.ok) return;
  expect(ERROR_CODES, `${name}: ${JSON.stringify(result.error)}`).toContain(result.error.code);
  expect(result.error.code, `${name} crashed on ${fc.stringify(payload).slice(0, 200)}: ${result.error.message}`).not.toBe('internal');
  expect(result.error.message.length).toBeGreaterThan(10);
}

beforeAll(async () => {
  libraryDir = await mkdtemp(path.join(tmpdir(), 'apostil-fuzz-'));
  dataDir = await mkdtemp(path.join(tmpdir(), 'apostil-fuzz-data-'));
  test = await openTestApp(libraryDir, dataDir);
  const imported = await test.dispatch('documents.import', { name: 'norms.txt', bytes: new TextEncoder().encode('Norms\n\nA paragraph about norms.') });
  if (!imported.ok) throw new Error(imported.error.message);
  documentId = (imported.value as { document: { id: string } }).document.id;
});
afterAll(async () => {
  console.log(`contract fuzz: ${fuzzed} payloads over ${CALL_NAMES.length} calls`);
  await test.close();
  await Promise.all([libraryDir, dataDir].map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('every call validates its payload', () => {
  it.each(CALL_NAMES.map((name) => [name]))('%s: random and malformed payloads get clear errors, never a crash or a change', async (name) => {
    const example = examples()[name] ?? {};
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 1, arbitrary: anyValue }, { weight: 2, arbitrary: mutated(example) }), async (payload) => {
        const before = await folderFingerprint(libraryDir);
        const result = await test.dispatch(name, payload);
        fuzzed++;
        expectValueResult(name, payload, result);
        if (!result.ok) expect(await folderFingerprint(libraryDir), `${name} failed but changed the library`).toBe(before);
        expect(test.internalErrors).toEqual([]);
      }),
      { numRuns: RUNS_PER_CALL },
    );
  });

  it('refuses unknown call names without touching anything', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), anyValue, async (name, payload) => {
        fc.pre(!(CALL_NAMES as string[]).includes(name));
        const before = await folderFingerprint(libraryDir);
        const result = await test.dispatch(name, payload);
        fuzzed++;
        expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
        expect(await folderFingerprint(libraryDir)).toBe(before);
      }),
      { numRuns: RUNS_PER_CALL },
    );
  });
});

describe('the HTTP host with random request bodies', () => {
  let host: RunningHost;
  let session: string;
  beforeAll(async () => {
    host = await startHost({ dispatch: test.dispatch, events: test.app.events, originals: test.app.store, staticDir: libraryDir, token: 'fuzz-token' });
    session = JSON.parse((await send(host.port, { path: '/api/session', method: 'POST', headers: { Authorization: 'Bearer fuzz-token' } })).body).session;
  });
  afterAll(() => host.close());

  type Body = { type: string; layout?: string; body: Uint8Array };
  const post = (name: string, { type, layout, body }: Body) =>
    send(host.port, {
      path: `/api/call/${encodeURIComponent(name)}`,
      method: 'POST',
      headers: { Authorization: `Bearer ${session}`, 'Content-Type': type, ...(layout === undefined ? {} : { [PARTS_HEADER]: layout }) },
      body,
    });
  const json = (text: string): Body => ({ type: 'application/json', body: new TextEncoder().encode(text) });

  it('answers every body with a value, never a server error, and changes nothing when refusing', async () => {
    const body = fc.oneof(
      fc.string().map(json),
      fc.json().map(json),
      fc.jsonValue().map((v) => json(JSON.stringify({ $part: v }))),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ type: 'application/json', body: bytes })),
      fc.jsonValue().map((v) => json(JSON.stringify({ name: 'a.txt', bytes: { $part: v } }))),
      // Parts messages with a true, a false or a garbled layout.
      fc.tuple(fc.jsonValue(), fc.uint8Array({ maxLength: 200 }), fc.option(fc.string({ maxLength: 20 }))).map(([v, bytes, layout]) => {
        const text = new TextEncoder().encode(JSON.stringify({ name: 'a.txt', bytes: { $part: 0 }, v }));
        return { type: PARTS_CONTENT_TYPE, layout: layout ?? `${text.byteLength},${bytes.byteLength}`, body: Buffer.concat([text, bytes]) };
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CALL_NAMES), body, async (name, sent) => {
        const before = await folderFingerprint(libraryDir);
        const reply = await post(name, sent);
        fuzzed++;
        // A value for the caller: 200, or 400/413 for a body that could not be read or was too large.
        expect([200, 400, 413], reply.body).toContain(reply.status);
        const result = readResult(reply);
        expectValueResult(name, sent, result);
        if (!result.ok) expect(await folderFingerprint(libraryDir)).toBe(before);
      }),
      { numRuns: RUNS_PER_CALL * 3 },
    );
  });
});

describe('the HTTP host with an unknown call name', () => {
  let host: RunningHost;
  let session: string;
  beforeAll(async () => {
    host = await startHost({ dispatch: test.dispatch, events: test.app.events, originals: test.app.store, staticDir: libraryDir, token: 'fuzz-token' });
    session = JSON.parse((await send(host.port, { path: '/api/session', method: 'POST', headers: { Authorization: 'Bearer fuzz-token' } })).body).session;
  });
  afterAll(() => host.close());

  it('says there is no such call, whatever the size of the body', async () => {
    for (const size of [2, 4_000, 70_000]) {
      const body = new TextEncoder().encode(JSON.stringify({ text: 'x'.repeat(size) }));
      const reply = await send(host.port, {
        path: '/api/call/documents.explode',
        method: 'POST',
        headers: { Authorization: `Bearer ${session}`, 'Content-Type': 'application/json' },
        body,
      });
      expect(reply.status).toBe(404);
      expect(readResult(reply)).toEqual({ ok: false, error: { code: 'invalid-input', message: 'There is no call named "documents.explode".' } });
    }
  });
});

function readResult(reply: Reply): ApiResult<unknown> {
  if (reply.headers['content-type'] !== PARTS_CONTENT_TYPE) return JSON.parse(reply.body) as ApiResult<unknown>;
  const [jsonSize, ...sizes] = String(reply.headers[PARTS_HEADER.toLowerCase()]).split(',').map(Number) as [number, ...number[]];
  let offset = jsonSize;
  return decodeParts(reply.raw.subarray(0, jsonSize), sizes.map((size) => reply.raw.subarray(offset, (offset += size)))) as ApiResult<unknown>;
}
