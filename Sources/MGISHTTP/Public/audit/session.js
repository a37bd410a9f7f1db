// Where the audit page keeps its token. sessionStorage, not localStorage: the
// token dies with the tab, so an auditor's session is not left behind on a
// shared workstation. The key differs from the wall display's, so both pages
// can be open in one browser with different accounts.

const TOKEN_KEY = 'mgis.audit.token';
const USER_KEY = 'mgis.audit.user';
// Set only for tokens this page obtained by login: those may be revoked when
// they turn out to lack the auditor role; a token pasted into the URL may be a
// long-lived one used elsewhere and is only forgotten, not revoked.
const OWN_KEY = 'mgis.audit.own';

function get(key) {
  try { return sessionStorage.getItem(key); } catch { return null; }
}

function set(key, value) {
  try {
    if (value == null) sessionStorage.removeItem(key); else sessionStorage.setItem(key, value);
  } catch { /* storage disabled: the session lasts until the page is reloaded */ }
}

/**
 * The session at page load: a `?token=` in the URL wins (and is removed from
 * the address bar at once so it does not end up in history, bookmarks or
 * screenshots), otherwise whatever this tab stored before.
 */
export function loadSession(loc = location, hist = history) {
  const url = new URL(loc.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    url.searchParams.delete('token');
    hist.replaceState(hist.state, '', url.pathname + url.search + url.hash);
    saveSession({ token: fromUrl, user: null, own: false });
  }
  const token = get(TOKEN_KEY);
  if (!token) return null;
  let user = null;
  try { user = JSON.parse(get(USER_KEY) ?? 'null'); } catch { user = null; }
  return { token, user, own: get(OWN_KEY) === '1' };
}

export function saveSession({ token, user, own }) {
  set(TOKEN_KEY, token);
  set(USER_KEY, user ? JSON.stringify({ id: user.id, name: user.name, roles: user.roles }) : null);
  set(OWN_KEY, own ? '1' : null);
}

export function clearSession() {
  set(TOKEN_KEY, null);
  set(USER_KEY, null);
  set(OWN_KEY, null);
}
