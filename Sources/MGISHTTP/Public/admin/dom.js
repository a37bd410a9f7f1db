// Small DOM helpers of the admin page. Every name, label and call sign comes
// from users of the system, so elements are built with textContent, never by
// pasting strings into innerHTML (h() is the shared one of /common/dom.js).

import { h } from '/common/dom.js';
import { TIME_ZONE, zoneLabel } from '/common/format.js';

export { h };

// dateStyle cannot be combined with timeZoneName: the zone's name is added by hand.
const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE });

/** An API timestamp for a table cell; the exact UTC time in the tooltip. */
export function timeCell(iso) {
  const t = new Date(iso);
  if (!iso || Number.isNaN(t.getTime())) return h('td', { className: 'c-time' }, iso ?? '–');
  return h('td', { className: 'c-time', title: t.toISOString() }, `${when.format(t)} ${zoneLabel(t.getTime())}`);
}

/** "DEMO-01 — Vilnius east" or what there is of it. */
export function unitLabel(unit) {
  if (!unit) return '';
  return unit.callSign && unit.name ? `${unit.callSign} — ${unit.name}` : (unit.callSign || unit.name || `#${unit.id}`);
}

/**
 * Fills a unit <select>: a first "no unit" option, then the units by call sign.
 * The chosen value survives a refill, so reloading the lists does not undo what
 * the admin picked in a form.
 */
export function fillUnitSelect(select, units, { value = select.value, none = '— no unit —' } = {}) {
  const sorted = [...units].sort((a, b) => String(a.callSign).localeCompare(String(b.callSign), 'en', { numeric: true }));
  select.replaceChildren(
    h('option', { value: '' }, none),
    ...sorted.map((u) => h('option', { value: String(u.id) }, unitLabel(u))),
  );
  select.value = sorted.some((u) => String(u.id) === String(value)) ? String(value) : '';
}

/** A table body showing `text` across all columns (nothing yet, or loading). */
export function emptyRow(tbody, text) {
  const columns = tbody.closest('table')?.querySelectorAll('thead th').length || 1;
  tbody.replaceChildren(h('tr', { className: 'empty' }, h('td', { colSpan: columns }, text)));
}

/**
 * A button that asks once more before a change that cannot simply be undone
 * (delete, revoke, disable): the first click turns it into "label", a second
 * click within a few seconds runs `action`. Unlike confirm() this never blocks
 * the page, and it is visible in the row being changed.
 */
export function confirmButton(text, label, action, { className = 'secondary small' } = {}) {
  let timer = null;
  const button = h('button', { type: 'button', className }, text);
  button.addEventListener('click', () => {
    if (button.dataset.armed !== '1') {
      button.dataset.armed = '1';
      button.textContent = label;
      timer = setTimeout(() => { delete button.dataset.armed; button.textContent = text; }, 4000);
      return;
    }
    clearTimeout(timer);
    delete button.dataset.armed;
    button.textContent = text;
    action(button);
  });
  return button;
}
