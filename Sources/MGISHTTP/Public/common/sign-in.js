// Sign-in, session restore and sign-out of a page that needs one role
// (dispatcher, patrol, analyst): the same steps and the same messages on each,
// so a rule such as "a token this page did not make is never revoked" holds on
// all of them. The page supplies what differs: the role, the storage, how to
// describe errors, and its own showLogin (hide and forget the data, then
// showSignInForm) and startApp (open the view for a checked session).
// The audit page has its own flow (audit.js): there the server decides the
// role on every call and the view opens at once.

import { $, showMessage } from './page.js';

export const SESSION_ENDED = 'Your session has ended. Please sign in again.';

/**
 * role: the role the page needs, e.g. "dispatcher".
 * wrongRole: {person: "a dispatcher", account: "a dispatcher account"}, for the
 *   message when a restored token belongs to someone else.
 * session: pageSession(...); api: {login, logout, me, ApiError}.
 * describe(err): text for a failed call; describeLogin(err): for a failed login.
 * current(): the page's session or null.
 */
export function signInFlow({ role, wrongRole, session, api, describe, describeLogin, current, showLogin, startApp }) {
  function signOut(message = '') {
    const s = current();
    session.clear();
    if (s?.own) api.logout(s.token);
    showLogin(message);
  }

  /** Any 401 ends the session: back to the sign-in form. Returns true when handled. */
  function handleError(err) {
    if (err?.status === 401) { signOut(describe(err)); return true; }
    return false;
  }

  /** For the live feed's state callback: a rejected token ends the session. */
  function onFeedState(state) {
    if (state === 'rejected') signOut(SESSION_ENDED);
  }

  /** Checks a stored or URL token, and that it belongs to someone with the role. */
  async function resume(s) {
    try {
      const user = await api.me(s.token);
      if (!user.roles?.includes(role)) {
        session.clear();
        showLogin(`Signed in as ${user.name}, who is not ${wrongRole.person}. Sign in with ${wrongRole.account}.`);
        return;
      }
      session.save({ ...s, user });
      await startApp({ ...s, user });
    } catch (err) {
      // Only a rejected token is forgotten; on a network error a reload may work.
      if (err?.status === 401) session.clear();
      showLogin(describe(err));
    }
  }

  async function onLogin(e) {
    e.preventDefault();
    const button = $('login-submit');
    button.disabled = true;
    showMessage('');
    try {
      const data = await api.login($('username').value.trim(), $('password').value);
      if (!data.user?.roles?.includes(role)) {
        api.logout(data.token); // a token this page made and cannot use
        showLogin(describe(new api.ApiError(403, 'forbidden', '')));
        return;
      }
      const s = { token: data.token, user: data.user, own: true };
      session.save(s);
      await startApp(s);
    } catch (err) {
      showMessage(describeLogin(err));
    } finally {
      button.disabled = false;
    }
  }

  /** Wires the form and the sign-out button, then restores the session if there is one. */
  function start() {
    $('login-form').addEventListener('submit', onLogin);
    $('sign-out').addEventListener('click', () => signOut());
    const s = session.load();
    if (s) resume(s); else showLogin();
  }

  return { start, handleError, onFeedState };
}
