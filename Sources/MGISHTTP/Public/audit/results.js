// The results table. One <tr class="audit-row"> per entry (data-index,
// data-action, data-outcome for tests and CSS); clicking a row, or its
// disclosure button for keyboard users, inserts a detail row with the whole
// entry as pretty-printed JSON.
//
// Everything is written with textContent, never innerHTML: audit entries carry
// strings chosen by whoever called the API (user names of failed logins, routes,
// query values), and the auditor's page is the last place to run them as HTML.

import { formatDuration, formatLocal, formatUTC, parseTime } from '/common/format.js';

const COLUMNS = ['Time', 'Actor', 'Action', 'Request', 'Objects', 'Status', 'Outcome', 'Client', 'Duration'];
const OUTCOME_CLASS = { ok: 'ok', denied: 'denied', error: 'error' };

// Entry behind each row, for the detail view; a WeakMap so replaced rows free theirs.
const entryOf = new WeakMap();

function cell(label, className, content) {
  const td = document.createElement('td');
  td.className = className;
  td.dataset.label = label; // shown as a caption in the narrow (card) layout
  if (content instanceof Node) td.append(content);
  else if (content == null || content === '') td.append(dim('—'));
  else td.textContent = String(content);
  return td;
}

function dim(text) {
  const s = document.createElement('span');
  s.className = 'dim';
  s.textContent = text;
  return s;
}

function span(className, text) {
  const s = document.createElement('span');
  s.className = className;
  s.textContent = text;
  return s;
}

function timeCell(entry) {
  const btn = document.createElement('button');
  btn.type = 'button';
  btn.className = 'expand';
  btn.setAttribute('aria-expanded', 'false');
  btn.setAttribute('aria-controls', `audit-detail-${entry.index}`);
  const chev = span('chev', '▸');
  chev.setAttribute('aria-hidden', 'true');
  const ms = parseTime(entry.time);
  const time = document.createElement('time');
  if (ms == null) {
    time.textContent = String(entry.time ?? '?');
  } else {
    time.dateTime = formatUTC(ms);
    time.textContent = formatLocal(ms);
    time.title = `UTC ${formatUTC(ms)}`;
  }
  btn.append(chev, time);
  btn.title = time.title ? `${time.title} — show full entry` : 'Show full entry';
  return cell('Time', 'c-time', btn);
}

function actorCell(entry) {
  if (!entry.actor) return cell('Actor', 'c-actor', entry.actorID != null ? `#${entry.actorID}` : '');
  const s = span('actor', entry.actor);
  const roles = Array.isArray(entry.roles) && entry.roles.length ? ` (${entry.roles.join(', ')})` : '';
  s.title = `${entry.actorID != null ? `user #${entry.actorID}` : 'user'}${roles}`;
  return cell('Actor', 'c-actor', s);
}

function requestCell(entry) {
  if (!entry.method && !entry.route) return cell('Request', 'c-request', '');
  const frag = document.createDocumentFragment();
  if (entry.method) frag.append(span('method', entry.method), ' ');
  if (entry.route) frag.append(span('route', entry.route));
  return cell('Request', 'c-request', frag);
}

function statusCell(entry) {
  const s = entry.status;
  if (!Number.isFinite(s)) return cell('Status', 'c-status', '');
  // 4xx are the caller's fault, 5xx the server's: both worth a second look.
  const cls = s >= 500 ? 'status-5xx' : s >= 400 ? 'status-4xx' : 'status-ok';
  return cell('Status', 'c-status', span(cls, String(s)));
}

function outcomeCell(entry) {
  const o = String(entry.outcome ?? '');
  const pill = span(`outcome outcome-${OUTCOME_CLASS[o] ?? 'other'}`, o || '?');
  return cell('Outcome', 'c-outcome', pill);
}

// A read of a whole register names thousands of objects: the table shows the first few
// and how many more, so one row stays one row; the entry's detail view lists them all.
const OBJECTS_SHOWN = 3;

/** "violation:1, violation:2, violation:3 and 39,997 more" */
export function objectsSummary(ids) {
  if (ids.length <= OBJECTS_SHOWN + 1) return ids.join(', ');
  const more = (ids.length - OBJECTS_SHOWN).toLocaleString('en');
  return `${ids.slice(0, OBJECTS_SHOWN).join(', ')} and ${more} more`;
}

function row(entry) {
  const tr = document.createElement('tr');
  tr.className = 'audit-row';
  tr.dataset.index = String(entry.index);
  tr.dataset.action = String(entry.action ?? '');
  tr.dataset.outcome = String(entry.outcome ?? '');
  const objects = objectsSummary(Array.isArray(entry.objectIDs) ? entry.objectIDs : []);
  tr.append(
    timeCell(entry),
    actorCell(entry),
    cell('Action', 'c-action', span('action', String(entry.action ?? ''))),
    requestCell(entry),
    cell('Objects', 'c-objects', objects),
    statusCell(entry),
    outcomeCell(entry),
    cell('Client', 'c-client', entry.clientAddress ?? ''),
    cell('Duration', 'c-duration', Number.isFinite(entry.durationMillis) ? formatDuration(entry.durationMillis) : ''),
  );
  entryOf.set(tr, entry);
  return tr;
}

/** Replaces the table body with `items`; `emptyText` when there are none. */
export function renderRows(tbody, items, emptyText = 'No entries match this search.') {
  const frag = document.createDocumentFragment();
  for (const entry of items) frag.append(row(entry));
  if (!items.length) {
    const tr = document.createElement('tr');
    tr.className = 'audit-empty';
    const td = document.createElement('td');
    td.colSpan = COLUMNS.length;
    td.textContent = emptyText;
    tr.append(td);
    frag.append(tr);
  }
  tbody.replaceChildren(frag);
}

function toggle(tr) {
  const btn = tr.querySelector('button.expand');
  const open = btn.getAttribute('aria-expanded') === 'true';
  btn.setAttribute('aria-expanded', String(!open));
  tr.classList.toggle('open', !open);
  const next = tr.nextElementSibling;
  if (open) {
    if (next?.classList.contains('audit-detail')) next.remove();
    return;
  }
  const detail = document.createElement('tr');
  detail.className = 'audit-detail';
  detail.id = btn.getAttribute('aria-controls');
  const td = document.createElement('td');
  td.colSpan = COLUMNS.length;
  const pre = document.createElement('pre');
  pre.tabIndex = 0; // long JSON scrolls sideways; keyboard users must reach it
  pre.setAttribute('aria-label', `Audit entry ${tr.dataset.index} as JSON`);
  pre.textContent = JSON.stringify(entryOf.get(tr), null, 2);
  td.append(pre);
  detail.append(td);
  tr.after(detail);
}

/** Row clicks via delegation, so re-rendering never leaks listeners. */
export function initRows(tbody) {
  tbody.addEventListener('click', (ev) => {
    const tr = ev.target.closest('tr.audit-row');
    if (!tr || !tbody.contains(tr)) return;
    // Let the auditor select text in a row (to copy an address) without toggling it.
    if (!ev.target.closest('button') && String(window.getSelection?.() ?? '') !== '') return;
    toggle(tr);
  });
}

export { COLUMNS };
