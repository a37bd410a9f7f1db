// The parts of a signed-in page every desk page has in its HTML alike:
// #message, #login-view (#login-form, #username, #password), #who (#who-name,
// #sign-out), #app-view where the page has one, and body[data-ready] that the
// Chromium tests wait for. Kept here so the pages switch views the same way.

export const $ = (id) => document.getElementById(id);

/** Set once the first screen (sign-in form or data) is shown; tests wait for it. */
export function markReady() {
  if (document.body.dataset.ready !== '1') document.body.dataset.ready = '1';
}

/** kind: "error" (default) or "info"; an empty text hides the area (CSS :empty). */
export function showMessage(text, kind = 'error') {
  const el = $('message');
  el.dataset.kind = kind;
  el.textContent = text;
}

/** Names the signed-in user in the header. */
export function showWho(name) {
  $('who-name').textContent = name;
  $('who').hidden = false;
}

/** Swaps the sign-in form for the page's own view. */
export function showSignedIn(name) {
  $('login-view').hidden = true;
  const app = $('app-view'); // the patrol page shows its views itself
  if (app) app.hidden = false;
  showWho(name);
  showMessage('');
}

/**
 * Shows the sign-in form with `message`. The page first hides and forgets the
 * previous session's data itself. focus: false on phones, where focusing the
 * user name would pop up the keyboard over the message.
 */
export function showSignInForm(message = '', { kind = 'error', focus = true } = {}) {
  const app = $('app-view');
  if (app) app.hidden = true;
  $('who').hidden = true;
  $('login-view').hidden = false;
  showMessage(message, kind);
  $('password').value = '';
  if (focus) $('username').focus();
  markReady();
}
