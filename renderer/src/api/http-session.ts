// Browser mode's sign-in. The address `npm run web` prints carries a launch token in its fragment
// (#token=…), which no browser sends to any server. At start the page takes it out of the address bar
// at once (history.replaceState) and trades it with the host for the session token, which then goes
// with every request as an Authorization header: never a cookie, so no other server on this machine
// receives it. The session token is kept in sessionStorage, which belongs to this origin (port
// included) and this tab only, so that reloading the tab keeps it signed in (see SECURITY.md).
const STORAGE_KEY = 'apostil-session';

let session: Promise<string | null> | null = null;

/** Starts signing in (once per page); call it before anything reads the address's fragment. */
export function startSession(): void {
  if (session) return;
  session = signIn(takeLaunchToken());
  // A new address pasted into this tab changes only its fragment, which loads nothing: load it.
  window.addEventListener('hashchange', () => {
    if (new URLSearchParams(window.location.hash.slice(1)).has('token')) window.location.reload();
  });
}

/** The headers that sign a request to the host. */
export async function authHeaders(): Promise<Record<string, string>> {
  startSession();
  const token = await session;
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** The launch token in the address's fragment, removed from the address bar and this history entry. */
function takeLaunchToken(): string | null {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const token = params.get('token');
  if (token === null) return null;
  params.delete('token');
  const rest = params.toString();
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${rest ? `#${rest}` : ''}`);
  return token;
}

async function signIn(launchToken: string | null): Promise<string | null> {
  if (launchToken) {
    try {
      const response = await fetch('api/session', { method: 'POST', headers: { Authorization: `Bearer ${launchToken}` }, credentials: 'omit' });
      if (response.ok) {
        const { session: token } = (await response.json()) as { session: string };
        // Kept for a reload once the calls waiting for the token have gone out: the first write to
        // sessionStorage waits on the browser (183 ms of a loaded machine's launch in a profile).
        setTimeout(() => remember(token), 0);
        return token;
      }
    } catch {
      // The host is not reachable: the first call says so.
    }
  }
  // A reload, or an address already used: this tab's session, if it has one.
  return recall();
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
