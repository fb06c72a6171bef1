import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

async function load() {
  vi.resetModules();
  return import('./http-bridge');
}

describe('browser-mode bridge', () => {
  const fetchMock = vi.fn();
  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    window.sessionStorage.setItem('apostil-session', 'session456');
    window.history.replaceState(null, '', '/');
  });
  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    window.sessionStorage.clear();
  });

  it('sends a call signed, and reads its result', async () => {
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ ok: true, value: [] }), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    const bridge = (await load()).createHttpBridge();
    expect(await bridge['documents.list']({})).toEqual({ ok: true, value: [] });
    expect(fetchMock).toHaveBeenCalledWith('api/call/documents.list', expect.objectContaining({ method: 'POST', body: '{}', headers: expect.objectContaining({ Authorization: 'Bearer session456' }) }));
  });

  it('refuses in words, before sending anything, a call over its limits (looked up in the contract)', async () => {
    const bridge = (await load()).createHttpBridge();
    const query = 'x'.repeat(70 * 1024);
    const result = await bridge['search.saved.delete']({ id: query });
    expect(result).toEqual({ ok: false, error: { code: 'too-large', message: expect.stringContaining('search.saved.delete takes up to 64 KB') } });
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('sends a call over the smallest limits but within its own', async () => {
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ ok: true, value: [] }), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    const bridge = (await load()).createHttpBridge();
    await bridge['search.query']({ query: 'word '.repeat(300) });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('is not a thenable (only names with a dot are calls)', async () => {
    const bridge = (await load()).createHttpBridge() as unknown as Record<string, unknown>;
    expect(bridge.then).toBeUndefined();
    expect(typeof bridge['codebook.get']).toBe('function');
  });
});
