import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The module keeps its session for the page's life: each test loads it afresh, as a page load would.
async function load() {
  vi.resetModules();
  return import('./http-session');
}

describe('browser-mode sign-in', () => {
  const fetchMock = vi.fn();
  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    window.sessionStorage.clear();
    window.history.replaceState(null, '', '/');
  });
  afterEach(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0)); // the token kept for a reload, after a sign-in
    fetchMock.mockReset();
    vi.unstubAllGlobals();
  });

  it('takes the launch token out of the address at once and trades it for the session token', async () => {
    window.history.replaceState(null, '', '/#token=launch123');
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ session: 'session456' }), { status: 200 }));
    const { startSession, authHeaders } = await load();
    startSession();
    // Gone from the address bar (and this history entry) before any answer comes.
    expect(window.location.href).not.toContain('launch123');
    expect(window.location.hash).toBe('');
    expect(await authHeaders()).toEqual({ Authorization: 'Bearer session456' });
    expect(fetchMock).toHaveBeenCalledWith('api/session', expect.objectContaining({ method: 'POST', headers: { Authorization: 'Bearer launch123', 'Content-Type': 'application/json' }, credentials: 'omit' }));
    expect(document.cookie).toBe('');
  });

  it('lets the calls waiting for the session token go out before it keeps the token for a reload', async () => {
    window.history.replaceState(null, '', '/#token=launch123');
    const order: string[] = [];
    fetchMock.mockImplementation(async (url: string) => {
      order.push(`fetch ${url}`);
      return new Response(JSON.stringify({ session: 'session456' }), { status: 200 });
    });
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => void order.push('stored'));
    try {
      const { authHeaders } = await load();
      await Promise.all(['documents.list', 'codebook.get'].map(async (name) => fetch(`api/call/${name}`, { headers: await authHeaders() })));
      await vi.waitFor(() => expect(order).toContain('stored'));
      expect(order).toEqual(['fetch api/session', 'fetch api/call/documents.list', 'fetch api/call/codebook.get', 'stored']);
    } finally {
      setItem.mockRestore();
    }
  });

  it('asks for the first screen\'s reads with the sign-in and takes each from its answer, the session first', async () => {
    window.history.replaceState(null, '', '/#token=launch123');
    let push!: (line: string) => void;
    let close!: () => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (line) => controller.enqueue(new TextEncoder().encode(line));
        close = () => controller.close();
      },
    });
    fetchMock.mockResolvedValueOnce(new Response(body, { status: 200, headers: { 'Content-Type': 'application/x-ndjson' } }));
    const { authHeaders, takeSignInRead } = await load();
    const list = takeSignInRead('documents.list')!;
    const codebook = takeSignInRead('codebook.get')!;
    expect(JSON.parse(fetchMock.mock.calls[0]![1].body as string)).toEqual({ reads: ['documents.list', 'codebook.get', 'collections.get'] });
    // A line may arrive in pieces: the session is known once its line is complete, before any read.
    push('{"sess');
    push('ion":"session456"}\n{"read":"documents.list","result":{"ok":true,');
    expect(await authHeaders()).toEqual({ Authorization: 'Bearer session456' });
    push('"value":[{"id":"d1"}]}}\n');
    expect(await list).toEqual({ ok: true, value: [{ id: 'd1' }] });
    close();
    // Not in the answer: null, so that the page asks for it as a call.
    expect(await codebook).toBeNull();
    // Each is taken once.
    expect(takeSignInRead('documents.list')).toBeNull();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('has no reads from the sign-in when the host answers with the session only, or when there was no launch token', async () => {
    window.history.replaceState(null, '', '/#token=launch123');
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ session: 'session456' }), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    const first = await load();
    expect(await first.takeSignInRead('documents.list')).toBeNull();
    expect(await first.authHeaders()).toEqual({ Authorization: 'Bearer session456' });
    await vi.waitFor(() => expect(window.sessionStorage.getItem('apostil-session')).toBe('session456'));
    window.history.replaceState(null, '', '/');
    expect((await load()).takeSignInRead('documents.list')).toBeNull();
  });

  it('signs in from the tab\'s session, and has no reads, when the answer breaks before the session', async () => {
    window.sessionStorage.setItem('apostil-session', 'earlier');
    window.history.replaceState(null, '', '/#token=launch123');
    fetchMock.mockResolvedValueOnce(new Response('{"sess', { status: 200, headers: { 'Content-Type': 'application/x-ndjson' } }));
    const { authHeaders, takeSignInRead } = await load();
    const list = takeSignInRead('documents.list');
    expect(await authHeaders()).toEqual({ Authorization: 'Bearer earlier' });
    expect(await list).toBeNull();
  });

  it('sends the sign-in before it rewrites the address (which waits on the browser), both in the same task', async () => {
    window.history.replaceState(null, '', '/#token=launch123');
    const order: string[] = [];
    fetchMock.mockImplementation(async () => (order.push('sign-in sent'), new Response(JSON.stringify({ session: 's' }), { status: 200 })));
    const replaceState = vi.spyOn(window.history, 'replaceState');
    replaceState.mockImplementation(function (this: History, ...args) {
      order.push('address rewritten');
      return History.prototype.replaceState.apply(this, args);
    });
    try {
      const { startSession } = await load();
      startSession();
      expect(order).toEqual(['sign-in sent', 'address rewritten']);
      expect(window.location.hash).toBe('');
    } finally {
      replaceState.mockRestore();
    }
  });

  it('keeps the rest of the fragment (the open document)', async () => {
    window.history.replaceState(null, '', '/#token=launch123&doc=abc');
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ session: 's' }), { status: 200 }));
    const { startSession } = await load();
    startSession();
    expect(window.location.hash).toBe('#doc=abc');
  });

  it('stays signed in across a reload of the tab (sessionStorage), without a new sign-in', async () => {
    window.history.replaceState(null, '', '/#token=launch123');
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ session: 'session456' }), { status: 200 }));
    expect(await (await load()).authHeaders()).toEqual({ Authorization: 'Bearer session456' });
    await vi.waitFor(() => expect(window.sessionStorage.getItem('apostil-session')).toBe('session456'));
    window.history.replaceState(null, '', '/#doc=abc');
    expect(await (await load()).authHeaders()).toEqual({ Authorization: 'Bearer session456' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('sends nothing when it has no token: the host answers that the tab is not signed in', async () => {
    expect(await (await load()).authHeaders()).toEqual({});
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('falls back on the tab’s session when the address was already used', async () => {
    window.sessionStorage.setItem('apostil-session', 'earlier');
    window.history.replaceState(null, '', '/#token=used-up');
    fetchMock.mockResolvedValueOnce(new Response('This tab is not signed in', { status: 401 }));
    expect(await (await load()).authHeaders()).toEqual({ Authorization: 'Bearer earlier' });
  });

  it('signs in again when a new address is pasted into the tab (a fragment change loads nothing by itself)', async () => {
    const reload = vi.fn();
    vi.stubGlobal('location', { ...window.location, hash: '', pathname: '/', search: '', reload });
    const { startSession } = await load();
    startSession();
    (window.location as { hash: string }).hash = '#token=fresh';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(reload).toHaveBeenCalled();
  });
});
