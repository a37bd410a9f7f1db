// Token and user of one page, in sessionStorage under that page's own keys, so
// the console and the patrol page can be open side by side with different
// accounts. Same rules as /audit/session.js (which is fixed to the audit keys):
// a ?token= in the URL wins and is removed from the address bar at once.

function get(key) {
  try { return sessionStorage.getItem(key); } catch { return null; }
}

function set(key, value) {
  try {
    if (value == null) sessionStorage.removeItem(key); else sessionStorage.setItem(key, value);
  } catch { /* storage disabled: the session lasts until the page is reloaded */ }
}

/** prefix: "mgis.dispatch" or "mgis.patrol". */
export function pageSession(prefix) {
  const TOKEN = `${prefix}.token`;
  const USER = `${prefix}.user`;
  const OWN = `${prefix}.own`;

  function save({ token, user, own }) {
    set(TOKEN, token);
    set(USER, user ? JSON.stringify({ id: user.id, name: user.name, roles: user.roles, unit: user.unit ?? null }) : null);
    set(OWN, own ? '1' : null);
  }

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
