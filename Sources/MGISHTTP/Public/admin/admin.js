// Admin page: sign-in (the shared flow of the desk pages, role admin), the four
// tabs (units, trackers, users, tokens) and the lists they share.
// DOM contract used by automated tests:
//   #login-form (#username, #password), #message, #app-view,
//   .tabs button[data-tab=units|devices|users|tokens][aria-selected], #panel-<tab>,
//   the contracts in units.js, devices.js, users.js and tokens.js,
//   body[data-ready="1"] once the login form or the first lists are shown,
//   window.mgisAdmin = {session, units, devices, unknown, users, tokens, tokenUser, tab}.

import * as api from './admin-api.js';
import { pageSession } from '/common/session.js';
import { $, markReady, showMessage, showSignedIn, showSignInForm } from '/common/page.js';
import { signInFlow } from '/common/sign-in.js';
import { unitsTab } from './units.js';
import { devicesTab } from './devices.js';
import { usersTab } from './users.js';
import { tokensTab } from './tokens.js';

const ROLE = 'admin';
const TABS = ['units', 'devices', 'users', 'tokens'];

const state = { session: null, units: [], devices: [], unknown: [], users: [], tokens: [], tokenUser: null, tab: 'units' };
window.mgisAdmin = state;

const { start, handleError } = signInFlow({
  role: ROLE,
  wrongRole: { person: 'an administrator (this page needs the admin role)', account: 'an admin account' },
  session: pageSession('mgis.admin'),
  api,
  describe: (err) => api.describeError(err),
  describeLogin: (err) => api.describeError(err, 'login'),
  current: () => state.session,
  showLogin,
  startApp,
});

/** What the tabs share: the lists, the token, and how to report. */
const ctx = {
  state,
  api,
  token: () => state.session?.token,
  self: () => state.session?.user,
  describe: (err) => api.describeError(err),
  handleError,
  notify: (text) => showMessage(text, 'info'),
  /** A failed action outside a form: an ended session signs out, anything else goes to #message. */
  fail(err, what) {
    if (err && handleError(err)) return;
    showMessage(err ? `${what}: ${api.describeError(err)}` : `${what}.`);
  },
  /** After any change: units, trackers and users refer to one another, so all three are read again
   *  (and the unknown IMEIs, which show whether each is registered by now). */
  changed: () => reload(),
  showTokensOf(userId) {
    selectTab('tokens');
    return tabs.tokens.select(userId);
  },
};

const tabs = { units: unitsTab(ctx), devices: devicesTab(ctx), users: usersTab(ctx), tokens: tokensTab(ctx) };

async function reload() {
  const token = ctx.token();
  if (!token) return false;
  try {
    const [units, devices, unknown, users] = await Promise.all([
      api.listUnits(token), api.listDevices(token), api.listUnknownIMEIs(token), api.listUsers(token),
    ]);
    if (ctx.token() !== token) return false; // signed out meanwhile
    Object.assign(state, { units, devices, unknown, users });
  } catch (err) {
    if (!handleError(err)) showMessage(`The lists could not be loaded: ${api.describeError(err)}`);
    return false;
  }
  for (const key of ['units', 'devices', 'users']) tabs[key].render();
  tabs.tokens.render(); // the user select; a user disabled meanwhile cannot get a token
  return true;
}

// ---- tabs -------------------------------------------------------------------------

function selectTab(name, { focus = false } = {}) {
  if (!TABS.includes(name)) name = 'units';
  state.tab = name;
  for (const key of TABS) {
    const button = $(`tab-${key}`);
    const on = key === name;
    button.setAttribute('aria-selected', String(on));
    button.tabIndex = on ? 0 : -1;
    $(`panel-${key}`).hidden = !on;
  }
  if (focus) $(`tab-${name}`).focus();
  // A notice about the last action belongs to the tab it was made on; errors stay.
  if ($('message').dataset.kind === 'info') showMessage('');
  // The tab is kept in the address, so a reload or a bookmark opens it again.
  if (location.hash !== `#${name}`) history.replaceState(history.state, '', `${location.pathname}${location.search}#${name}`);
}

function wireTabs() {
  for (const key of TABS) $(`tab-${key}`).addEventListener('click', () => selectTab(key));
  // Arrow keys move between tabs, as in any tab list.
  document.querySelector('.tabs').addEventListener('keydown', (e) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
    if (!step) return;
    const next = TABS[(TABS.indexOf(state.tab) + step + TABS.length) % TABS.length];
    selectTab(next, { focus: true });
    e.preventDefault();
  });
  window.addEventListener('hashchange', () => selectTab(location.hash.slice(1)));
}

// ---- views ------------------------------------------------------------------------

function showLogin(message = '') {
  // Nothing of the previous session stays on screen: lists, edit forms, shown secrets.
  state.session = null;
  Object.assign(state, { units: [], devices: [], unknown: [], users: [], tokens: [], tokenUser: null });
  for (const tab of Object.values(tabs)) { tab.reset(); tab.render(); }
  showSignInForm(message);
}

async function startApp(s) {
  state.session = s;
  showSignedIn(s.user?.name ?? '…');
  selectTab(location.hash.slice(1));
  await reload();
  markReady();
}

wireTabs();
start();
