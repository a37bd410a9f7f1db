// Auditor's page: wires sign-in, the verification panel, the search form, the
// timeline and the results table together.
// DOM contract used by automated tests:
//   #login-form (#username, #password), #message (errors; empty when none),
//   #verify-status[data-state=verified|failed|none|unavailable] ("loading" before the first answer),
//   #audit-rows > tr.audit-row[data-index][data-action][data-outcome], one per entry,
//   svg#timeline rect.bar (one per non-empty bucket/outcome segment, data-outcome, data-count),
//   body[data-ready="1"] once the first results (or the login form) are on screen,
//   window.mgisAudit = {query, pages, next, items}.

import * as api from '/common/api.js';
import { pageSession } from '/common/session.js';
import { $, markReady, showMessage, showWho, showSignedIn, showSignInForm } from '/common/page.js';
import { initForm, readForm, writeForm, queryFromURL, urlForQuery } from './search-form.js';
import { renderStatus, renderStatusError, resetStatus, initCopyButton } from './verify.js';
import { renderRows, initRows } from './results.js';
import { renderTimeline } from './timeline.js';
import { formatCount, formatLocal, formatUTC, zoneLabel } from '/common/format.js';

const STATUS_REFRESH_MS = 30_000;

const form = $('search-form');
// Storage of this tab's session; `session` below is always the one in use.
const stored = pageSession('mgis.audit');

// Shared with tests; mutated in place so references stay valid.
const state = {
  session: null,      // {token, user, own} or null when signed out
  query: {},          // filters of the current search, API parameter names
  pages: [null],      // `before` of every page visited, newest first; last = shown page
  next: null,         // `before` of the following (older) page, null on the last page
  items: [],
  statusCheckedAt: 0,
};
window.mgisAudit = state;

let searchAbort = null;
let statusTimer = null;

const clearMessage = () => showMessage('');

// ---- views --------------------------------------------------------------------

function showLogin(message = '', kind = 'error') {
  state.session = null;
  clearInterval(statusTimer);
  searchAbort?.abort();
  // Nothing of the previous session may stay readable on screen.
  state.items = [];
  state.pages = [null];
  state.next = null;
  renderRows($('audit-rows'), []);
  drawTimeline(true);
  resetStatus();
  showSignInForm(message, { kind });
}

const whoName = (user) => user?.name || 'unknown user';

/** Opens the audit view for a session and loads everything. */
function startApp(session) {
  state.session = session;
  showSignedIn(whoName(session.user));
  if (!session.user) {
    // Token from the URL: ask who it belongs to, only for the header.
    api.me(session.token).then((user) => {
      if (state.session !== session) return;
      session.user = user;
      stored.save(session);
      showWho(whoName(user));
    }).catch(() => { /* status and search report auth problems themselves */ });
  }
  resetStatus();
  refreshStatus();
  clearInterval(statusTimer);
  statusTimer = setInterval(() => { if (!document.hidden) refreshStatus(); }, STATUS_REFRESH_MS);
  runSearch();
}

/**
 * 401/403 from any call ends the session on this page. A 403 means the token is
 * fine but not an auditor's: a session this page opened is revoked right away
 * (it is of no use here), a token from the URL is only forgotten.
 * Returns true when it handled the error.
 */
function endSessionOn(err) {
  if (!(err instanceof api.ApiError) || (err.status !== 401 && err.status !== 403)) return false;
  const session = state.session;
  if (!session) return true; // the other parallel call already did it
  if (err.status === 403 && session.own) api.logout(session.token);
  stored.clear();
  showLogin(api.describeError(err));
  return true;
}

// ---- verification panel --------------------------------------------------------

async function refreshStatus() {
  const session = state.session;
  if (!session) return;
  state.statusCheckedAt = Date.now();
  try {
    const status = await api.auditStatus(session.token);
    if (state.session === session) renderStatus(status);
  } catch (err) {
    if (state.session !== session || endSessionOn(err)) return;
    renderStatusError(api.describeError(err));
  }
}

// ---- search -------------------------------------------------------------------

function currentParams() {
  const before = state.pages.at(-1);
  return before == null ? { ...state.query } : { ...state.query, before };
}

function setPagingEnabled(enabled) {
  for (const b of document.querySelectorAll('[data-page="newer"]')) b.disabled = !enabled || state.pages.length <= 1;
  for (const b of document.querySelectorAll('[data-page="older"]')) b.disabled = !enabled || state.next == null;
}

function summaryText() {
  const n = state.items.length;
  const page = state.pages.length;
  const filtered = Object.keys(state.query).some((k) => k !== 'limit');
  if (!n) return page > 1 ? `No older entries (page ${page}).` : `No entries${filtered ? ' match these filters' : ''}.`;
  const first = state.items[0].index;
  const last = state.items.at(-1).index;
  return `${formatCount(n)} ${n === 1 ? 'entry' : 'entries'}${filtered ? ' matching' : ''}, newest first `
    + `(index ${first}${n > 1 ? `–${last}` : ''}) · page ${page}${state.next == null ? ' (last)' : ''}`;
}

/** Draws state.items; `clear` empties the chart (sign-out), even while it is hidden. */
function drawTimeline(clear = false) {
  const svg = $('timeline');
  const width = svg.getBoundingClientRect().width;
  let data = null;
  if (clear) svg.replaceChildren();
  else if (width) data = renderTimeline(svg, state.items, { width, onPick: narrowTo });
  else return; // hidden: drawn when shown (ResizeObserver)
  const counts = data?.counts ?? { ok: 0, denied: 0, error: 0 };
  for (const o of ['ok', 'denied', 'error']) $(`legend-${o}`).textContent = `(${counts[o]})`;
  $('timeline-caption').textContent = data
    ? `Per ${data.unit}, ${formatLocal(data.buckets[0].start)} – ${formatLocal(data.buckets.at(-1).end)} ${zoneLabel(data.buckets[0].start)}. `
      + 'Choose a bar to search its time range.'
    : '';
}

/**
 * Queries the shown page (state.query + state.pages) and renders it. Resolves
 * true when shown, false when it failed (the previous rows stay on screen),
 * undefined when superseded by a newer search or the end of the session.
 */
async function runSearch() {
  const session = state.session;
  if (!session) return;
  searchAbort?.abort(); // a slower earlier search must not overwrite this one
  const ctrl = new AbortController();
  searchAbort = ctrl;
  const tbody = $('audit-rows');
  tbody.closest('table').setAttribute('aria-busy', 'true');
  setPagingEnabled(false);
  $('results-summary').textContent = 'Searching…';
  let failed = false;
  try {
    const { items, next } = await api.searchAudit(session.token, currentParams(), ctrl.signal);
    if (ctrl.signal.aborted || state.session !== session) return;
    clearMessage();
    state.items = items;
    state.next = next;
    renderRows(tbody, items, state.pages.length > 1 ? 'No older entries.' : 'No entries match this search.');
    drawTimeline();
  } catch (err) {
    if (ctrl.signal.aborted || state.session !== session || endSessionOn(err)) return;
    failed = true;
    const text = api.describeError(err);
    if (text) showMessage(text);
  } finally {
    if (searchAbort === ctrl) {
      searchAbort = null;
      tbody.closest('table').removeAttribute('aria-busy');
      if (state.session === session) {
        setPagingEnabled(true);
        // On failure the rows of the previous search stay, but must not pass as this search's.
        $('results-summary').textContent = !failed ? summaryText()
          : state.items.length ? 'Search failed (see above); the rows below are the previous results.'
            : 'Search failed (see above).';
      }
    }
    if (state.session === session) markReady();
  }
  return !failed;
}

/** A new search from page one; the URL follows, so reload and bookmarks keep it. */
function newSearch(query) {
  state.query = query;
  state.pages = [null];
  state.next = null;
  history.replaceState(history.state, '', urlForQuery(location, query));
  runSearch();
}

/** Timeline bar chosen: same filters, time range narrowed to that bucket. */
function narrowTo({ from, to, keyboard }) {
  const query = { ...state.query, from: formatUTC(from), to: formatUTC(to) };
  writeForm(form, query);
  newSearch(query);
  // The chosen bar is redrawn away; give keyboard users a defined place to continue.
  if (keyboard) $('results-title').focus({ preventScroll: true });
}

function page(direction, button) {
  const before = [...state.pages];
  if (direction === 'older') {
    if (state.next == null) return;
    state.pages.push(state.next);
  } else {
    if (state.pages.length <= 1) return;
    state.pages.pop();
  }
  // From the bottom buttons the new page must be read from its top; and the
  // pressed button may end up disabled (first/last page), losing focus.
  const fromBottom = button.closest('.paging-bottom') != null;
  runSearch().then((ok) => {
    if (ok === undefined) return; // superseded by another search, or signed out
    if (!ok) {
      // Still showing the previous page: undo the step so paging stays consistent.
      state.pages.splice(0, Infinity, ...before);
      setPagingEnabled(true);
      return;
    }
    if (fromBottom || button.disabled) $('results-title').focus();
  });
}

// ---- CSV download ---------------------------------------------------------------

/**
 * The CSV needs the bearer header, so a plain link cannot fetch it: fetch it
 * here and hand the browser a Blob URL to save. Exports exactly the shown page.
 */
async function downloadCsv(link) {
  const session = state.session;
  if (!session || link.getAttribute('aria-disabled') === 'true') return;
  link.setAttribute('aria-disabled', 'true');
  const label = link.textContent;
  link.textContent = 'Preparing CSV…';
  try {
    const blob = await api.auditCsv(session.token, currentParams());
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `mgis-audit-${formatUTC(Date.now()).replace(/[:.]/g, '-')}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    // Revoking at once can cancel the download in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (err) {
    if (!endSessionOn(err)) showMessage(`CSV download failed. ${api.describeError(err)}`);
  } finally {
    link.textContent = label;
    link.removeAttribute('aria-disabled');
  }
}

// ---- wiring ---------------------------------------------------------------------

function wire() {
  initForm(form);
  initRows($('audit-rows'));
  initCopyButton();

  $('login-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const button = $('login-submit');
    if (button.disabled) return;
    button.disabled = true;
    button.textContent = 'Signing in…';
    clearMessage();
    try {
      const res = await api.login($('username').value.trim(), $('password').value);
      const session = { token: res.token, user: res.user ?? null, own: true };
      stored.save(session);
      $('password').value = '';
      startApp(session);
    } catch (err) {
      showMessage(api.describeError(err, 'login'));
      $('password').select();
      $('password').focus();
    } finally {
      button.disabled = false;
      button.textContent = 'Sign in';
    }
  });

  $('sign-out').addEventListener('click', async () => {
    const session = state.session;
    stored.clear();
    showLogin('You are signed out.', 'info');
    if (session) await api.logout(session.token);
  });

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const query = readForm(form);
    if (query) newSearch(query);
  });
  $('search-reset').addEventListener('click', () => {
    writeForm(form, {});
    newSearch({});
  });

  for (const b of document.querySelectorAll('[data-page]')) {
    b.addEventListener('click', () => page(b.dataset.page, b));
  }
  $('csv-link').addEventListener('click', (ev) => {
    ev.preventDefault();
    downloadCsv(ev.currentTarget);
  });

  // Redraw at the new width (window resize, or the view becoming visible).
  let lastWidth = 0;
  new ResizeObserver(([entry]) => {
    const w = Math.round(entry.contentRect.width);
    if (w && w !== lastWidth) {
      lastWidth = w;
      if (state.session) drawTimeline();
    }
  }).observe($('timeline'));

  // A background tab skips the 30 s refresh; catch up when it is looked at again.
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && state.session && Date.now() - state.statusCheckedAt >= STATUS_REFRESH_MS) refreshStatus();
  });
}

function main() {
  wire();
  const session = stored.load(); // also strips ?token= from the address bar
  state.query = queryFromURL(location.search);
  writeForm(form, state.query);
  if (session) startApp(session); else showLogin();
}

main();
