// Token and user of one page, in sessionStorage under that page's own keys.
// sessionStorage, not localStorage: the token dies with the tab, so a session
// is not left behind on a shared workstation. Own keys per page, so the console,
// the patrol page, the analyst and the audit page can be open side by side in
// one browser with different accounts.

function get(key) {
  try { return sessionStorage.getItem(key); } catch { return null; }
}

function set(key, value) {
  try {
    if (value == null) sessionStorage.removeItem(key); else sessionStorage.setItem(key, value);
  } catch { /* storage disabled: the session lasts until the page is reloaded */ }
}

/** prefix: the page's keys, e.g. "mgis.dispatch" -> mgis.dispatch.token/.user/.own. */
export function pageSession(prefix) {
  const TOKEN = `${prefix}.token`;
  const USER = `${prefix}.user`;
  // Set only for tokens this page obtained by login: those may be revoked on
  // sign-out; a token pasted into the URL may be a long-lived one used
  // elsewhere and is only forgotten, not revoked.
  const OWN = `${prefix}.own`;

  function save({ token, user, own }) {
    set(TOKEN, token);
    set(USER, user ? JSON.stringify({ id: user.id, name: user.name, roles: user.roles, unit: user.unit ?? null }) : null);
    set(OWN, own ? '1' : null);
  }

  /**
   * The session at page load: a `?token=` in the URL wins (and is removed from
   * the address bar at once so it does not end up in history, bookmarks or
   * screenshots), otherwise whatever this tab stored before.
   */
  function load(loc = location, hist = history) {
    const url = new URL(loc.href);
    const fromUrl = url.searchParams.get('token');
    if (fromUrl) {
      url.searchParams.delete('token');
      hist.replaceState(hist.state, '', url.pathname + url.search + url.hash);
      save({ token: fromUrl, user: null, own: false });
    }
    const token = get(TOKEN);
    if (!token) return null;
    let user = null;
    try { user = JSON.parse(get(USER) ?? 'null'); } catch { user = null; }
    return { token, user, own: get(OWN) === '1' };
  }

  function clear() {
    set(TOKEN, null);
    set(USER, null);
    set(OWN, null);
  }

  return { load, save, clear };
}
