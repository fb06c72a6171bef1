// Browser mode's sign-in. The address `npm run web` prints carries a launch token in its fragment
// (#token=…), which no browser sends to any server. At start the page takes it out of the address bar
// at once (history.replaceState) and trades it with the host for the session token, which then goes
// with every request as an Authorization header: never a cookie, so no other server on this machine
// receives it. The session token is kept in sessionStorage, which belongs to this origin (port
// included) and this tab only, so that reloading the tab keeps it signed in (see SECURITY.md).
// The sign-in also asks for the first screen's reads (shared/sign-in.ts): they come back in the same
// answer, after the session token, instead of being asked for once it is back.
import { SIGN_IN_LINES_TYPE, SIGN_IN_READS, type SignInRead, type SignInReadLine } from '../../../shared/sign-in';

const STORAGE_KEY = 'apostil-session';

let session: Promise<string | null> | null = null;

/** A read answered with the sign-in: its ApiResult, or null if it did not come (asked for as a call then). */
type AnsweredRead = Promise<unknown>;
const answers = new Map<SignInRead, AnsweredRead>();
const settlers = new Map<SignInRead, (result: unknown) => void>();

/** Starts signing in (once per page); call it before anything reads the address's fragment. */
export function startSession(): void {
  if (session) return;
  const launchToken = launchTokenOf(window.location.hash);
  if (launchToken) {
    for (const name of SIGN_IN_READS) {
      answers.set(name, new Promise<unknown>((resolve) => settlers.set(name, resolve)));
    }
  }
  session = signIn(launchToken);
  // In the same task, after the sign-in went out (replacing the address waits on the browser: 60 ms of
  // a loaded machine's launch in a page profile), so no answer and no other script ever sees it there.
  if (launchToken !== null) removeLaunchToken();
  // A new address pasted into this tab changes only its fragment, which loads nothing: load it.
  window.addEventListener('hashchange', () => {
    if (new URLSearchParams(window.location.hash.slice(1)).has('token')) window.location.reload();
  });
}

/**
 * The result of a first-screen read asked for with this page's sign-in (taken once; later a call), or
 * null if this page did not sign in with a launch token. The promise gives null if the read did not come.
 */
export function takeSignInRead(name: SignInRead): AnsweredRead | null {
  startSession();
  const answer = answers.get(name) ?? null;
  answers.delete(name);
  return answer;
}

/** The headers that sign a request to the host. */
export async function authHeaders(): Promise<Record<string, string>> {
  startSession();
  const token = await session;
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** The launch token in the address's fragment (#token=…), if any. */
function launchTokenOf(hash: string): string | null {
  return new URLSearchParams(hash.slice(1)).get('token');
}

/** Takes the launch token out of the address bar and this history entry, keeping the rest of the fragment. */
function removeLaunchToken(): void {
  const params = new URLSearchParams(window.location.hash.slice(1));
  params.delete('token');
  const rest = params.toString();
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${rest ? `#${rest}` : ''}`);
}

async function signIn(launchToken: string | null): Promise<string | null> {
  if (launchToken) {
    try {
      const response = await fetch('api/session', {
        method: 'POST',
        headers: { Authorization: `Bearer ${launchToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ reads: SIGN_IN_READS }),
        credentials: 'omit',
      });
      if (response.ok) {
        const token = await readAnswer(response);
        // Kept for a reload once the calls waiting for the token have gone out: the first write to
        // sessionStorage waits on the browser (183 ms of a loaded machine's launch in a profile).
        if (token) setTimeout(() => remember(token), 0);
        if (token) return token;
      }
    } catch {
      // The host is not reachable: the first call says so.
    }
    settleReads();
  }
  // A reload, or an address already used: this tab's session, if it has one.
  return recall();
}

/**
 * The session token from the sign-in's answer, as soon as its first line is in; the reads' lines that
 * follow settle them as they arrive (those that never come settle to null at the end).
 */
async function readAnswer(response: Response): Promise<string | null> {
  const sessionOf = (text: string) => {
    const { session: token } = JSON.parse(text) as { session?: unknown };
    return typeof token === 'string' ? token : null;
  };
  if (!response.body || !(response.headers.get('Content-Type') ?? '').startsWith(SIGN_IN_LINES_TYPE)) {
    settleReads();
    return sessionOf(await response.text());
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  // The pieces of the line not complete yet: only each new piece is searched for the line's end (the
  // list's line is over a megabyte).
  let pieces: string[] = [];
  let token: string | null | undefined;
  const onLine = (line: string) => {
    if (token === undefined) {
      token = sessionOf(line);
      gotSession(token);
    } else {
      const { read, result } = JSON.parse(line) as SignInReadLine;
      settlers.get(read)?.(result);
    }
  };
  const lines = async (): Promise<void> => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      let from = 0;
      for (let end = value.indexOf('\n'); end !== -1; end = value.indexOf('\n', from)) {
        pieces.push(value.slice(from, end));
        onLine(pieces.join(''));
        pieces = [];
        from = end + 1;
      }
      if (from < value.length) pieces.push(value.slice(from));
    }
  };
  let gotSession!: (token: string | null) => void;
  const first = new Promise<string | null>((resolve) => (gotSession = resolve));
  void lines()
    .catch(() => undefined)
    .finally(() => {
      settleReads();
      if (token === undefined) gotSession(null);
    });
  return first;
}

/** The reads not answered (yet): asked for as calls instead. */
function settleReads(): void {
  for (const settle of settlers.values()) settle(null);
}

function remember(token: string): void {
  try {
    window.sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Storage is off: this page works until it is reloaded.
  }
}

function recall(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
