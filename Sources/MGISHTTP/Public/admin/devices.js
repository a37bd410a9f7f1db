// Trackers tab: the registered devices with their unit (a select that assigns
// at once), an enable/disable switch and a Rename button (the name cell becomes
// an input: Enter or Save renames, Escape or Cancel leaves it; a refusal, such
// as a taken name, is shown under the input), and the registration form. An MTP/1
// tracker's key is in the registration answer only, so it is shown in a box
// that stays until the admin closes it. Below, the Teltonika IMEIs the server
// refused as unknown; "Register" on one fills the form with it.
// DOM contract: #device-form (#device-name, #device-id, #device-imei, #device-unit),
// #device-secret .secret-value (the key, 64 hex digits),
// #devices-table tbody tr.device-row[data-device-id][data-enabled] select.unit-select,
// button.rename-button (not while renaming), form.rename-form (while renaming:
// input[name="name"], button[type="submit"] Save, button.cancel-button, .form-error),
// #unknown-table tbody tr.unknown-row[data-imei][data-registered] button.register-button
// (only while unregistered), #unknown-none (shown when none was seen).

import { h, timeCell, emptyRow, confirmButton, fillUnitSelect } from './dom.js';
import { runForm, fieldsOf, clearForm } from './forms.js';
import { showSecret, clearSecret } from './secret.js';
import { pageOf, lastSeen } from './device-list.js';

export function devicesTab(ctx) {
  const { state, api } = ctx;
  const form = document.getElementById('device-form');
  const unitSelect = document.getElementById('device-unit');
  const secret = document.getElementById('device-secret');
  const tbody = document.querySelector('#devices-table tbody');
  const unknownTable = document.getElementById('unknown-table');
  const unknownBody = unknownTable.querySelector('tbody');
  const unknownNone = document.getElementById('unknown-none');
  let renaming = null; // id of the tracker whose name cell is an input
  const search = document.getElementById('devices-search');
  const pager = document.getElementById('devices-pages');
  let page = 0;
  search.addEventListener('input', () => { page = 0; render(); });
  document.getElementById('devices-prev').addEventListener('click', () => { page -= 1; render(); });
  document.getElementById('devices-next').addEventListener('click', () => { page += 1; render(); });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = fieldsOf(form, ['name', 'imei']);
    const id = form.elements.id.value.trim();
    // A number when it is one; anything else goes as typed, for the server to name the field.
    if (id) body.id = /^\d+$/.test(id) ? Number(id) : id;
    if (unitSelect.value) body.unit = unitSelect.value;
    let device = null;
    const ok = await runForm(form, async () => { device = await api.createDevice(ctx.token(), body); }, ctx);
    if (!ok) return;
    form.reset();
    if (device.key) {
      ctx.notify(`Tracker ${device.name} registered.`);
      showSecret(secret, {
        title: `Tracker ${device.name} (id ${device.id}) registered: its MTP/1 key`,
        value: device.key,
        hint: 'Load it into the tracker with its device id; MGIS keeps it only to check packets.',
      });
    } else {
      clearSecret(secret);
      ctx.notify(`Teltonika tracker ${device.name} (IMEI ${device.imei}) registered; it is known by its IMEI and has no key.`);
    }
    await ctx.changed();
  });

  async function update(device, patch, what) {
    try {
      await api.updateDevice(ctx.token(), device.id, patch);
      ctx.notify(`Tracker ${device.name} ${what}.`);
    } catch (err) {
      ctx.fail(err, `Tracker ${device.name} could not be changed`);
    }
    // Also after a refusal: the select shows what the server holds again.
    await ctx.changed();
  }

  function row(device) {
    const select = h('select', { className: 'unit-select', 'aria-label': `Unit of tracker ${device.name}` });
    fillUnitSelect(select, state.units, { value: device.unit ?? '' });
    select.addEventListener('change', () => {
      select.disabled = true;
      const unit = state.units.find((u) => String(u.id) === select.value);
      update(device, { unit: select.value || null }, unit ? `assigned to ${unit.callSign}` : 'left without a unit');
    });
    // Disabling drops the tracker's packets unanswered: ask once more; enabling is harmless.
    const toggle = device.enabled
      ? confirmButton('Disable', 'Really disable?', (b) => { b.disabled = true; update(device, { enabled: false }, 'disabled'); })
      : h('button', { type: 'button', className: 'secondary small', on: { click: (e) => { e.target.disabled = true; update(device, { enabled: true }, 'enabled'); } } }, 'Enable');
    toggle.classList.add('toggle');
    const rename = device.id === renaming ? null : h('button', {
      type: 'button', className: 'secondary small rename-button', 'aria-label': `Rename tracker ${device.name}`,
      on: { click: () => { renaming = device.id; render(); focusRename(device.id, 'input'); } },
    }, 'Rename');
    return h('tr', { className: 'device-row', dataset: { deviceId: device.id, enabled: String(device.enabled) } },
      h('td', { className: 'num' }, String(device.id)),
      device.id === renaming ? h('td', { className: 'c-rename' }, renameForm(device)) : h('td', { className: 'strong' }, device.name),
      h('td', {}, device.kind === 'teltonika' ? h('span', {}, 'Teltonika ', h('span', { className: 'mono small' }, device.imei ?? '')) : 'MTP/1'),
      h('td', { className: 'c-select' }, select),
      h('td', { className: 'c-state' },
        h('span', { className: `state ${device.enabled ? 'on' : 'off'}` }, device.enabled ? 'Enabled' : 'Disabled'), toggle),
      seenCell(device),
      timeCell(device.created),
      h('td', { className: 'c-actions' }, rename));
  }

  /** "online" (green) or the age of its last report, the exact time in the tooltip. */
  function seenCell(device) {
    const seen = lastSeen(device);
    return h('td', { className: 'c-seen', title: device.lastSeen ?? 'no report since the server started', dataset: { online: String(seen.online) } },
      h('span', { className: `seen ${seen.online ? 'online' : 'offline'}` }, seen.text));
  }

  /** Focuses `what` ('input' or the Rename button) in the row of tracker `id`, once rendered. */
  function focusRename(id, what) {
    const row = tbody.querySelector(`tr.device-row[data-device-id="${CSS.escape(String(id))}"]`);
    const el = row?.querySelector(what === 'input' ? 'form.rename-form input' : 'button.rename-button');
    el?.focus();
    if (what === 'input') el?.select();
  }

  /** The name cell while renaming: the input, Save and Cancel, and the line for a refusal. */
  function renameForm(device) {
    const cancel = () => { renaming = null; render(); focusRename(device.id, 'button'); };
    const input = h('input', {
      name: 'name', value: device.name, maxLength: 100, autocomplete: 'off', 'aria-label': `New name of tracker ${device.name}`,
    });
    const rowForm = h('form', { className: 'rename-form', noValidate: true },
      h('div', { className: 'rename-line' },
        h('div', { className: 'field', dataset: { field: 'name' } }, input),
        h('div', { className: 'form-buttons' },
          h('button', { type: 'submit', className: 'primary small' }, 'Save'),
          h('button', { type: 'button', className: 'secondary small cancel-button', on: { click: cancel } }, 'Cancel'))),
      // Where runForm puts a refusal that names no field (a taken name): under the input.
      h('p', { className: 'form-error', role: 'alert' }));
    rowForm.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') { e.preventDefault(); cancel(); }
    });
    rowForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      const name = input.value.trim();
      if (name === device.name) { cancel(); return; }
      // An empty name is sent too: the server says what a name must be.
      const ok = await runForm(rowForm, () => api.updateDevice(ctx.token(), device.id, { name }), ctx);
      // The form stays with the refusal, the input focused (the Save button it was on was
      // disabled meanwhile) for another try, Enter, or Escape.
      if (!ok) { input.focus(); return; }
      renaming = null;
      ctx.notify(`Tracker ${device.name} renamed to ${name}.`);
      await ctx.changed();
    });
    return rowForm;
  }

  /** Puts an unknown IMEI into the form with a suggested name; the admin picks the unit and registers. */
  function prefill(imei) {
    clearForm(form);
    form.elements.imei.value = imei;
    form.elements.name.value = `fmb-${imei.slice(-6)}`;
    // A Teltonika tracker is known by its IMEI: a device id left from an earlier attempt is not wanted.
    form.elements.id.value = '';
    form.elements.name.focus();
    form.elements.name.select();
  }

  function unknownRow(sighting, devices) {
    // The server keeps an IMEI listed after it is registered (and lists a disabled tracker's
    // IMEI too): say so instead of offering to register it again.
    const device = devices.find((d) => d.imei === sighting.imei);
    const action = device
      ? h('span', { className: 'registered' }, `Registered as ${device.name}${device.enabled ? '' : ' (disabled)'}`)
      : h('button', {
        type: 'button', className: 'secondary small register-button', 'aria-label': `Register IMEI ${sighting.imei}`,
        on: { click: () => prefill(sighting.imei) },
      }, 'Register');
    return h('tr', { className: 'unknown-row', dataset: { imei: sighting.imei, registered: String(Boolean(device)) } },
      h('td', { className: 'mono' }, sighting.imei),
      timeCell(sighting.firstSeen),
      timeCell(sighting.lastSeen),
      h('td', { className: 'num' }, String(sighting.packets)),
      h('td', { className: 'c-actions' }, action));
  }

  function renderUnknown(devices) {
    const unknown = state.unknown ?? [];
    const open = unknown.filter((s) => !devices.some((d) => d.imei === s.imei));
    // The count is what still needs registering; registered ones stay listed below it.
    document.getElementById('unknown-count').textContent = unknown.length ? String(open.length) : '';
    unknownNone.hidden = unknown.length > 0;
    unknownTable.hidden = !unknown.length;
    unknownBody.replaceChildren(...unknown.map((s) => unknownRow(s, devices)));
  }

  function render() {
    fillUnitSelect(unitSelect, state.units);
    const devices = [...state.devices].sort((a, b) => a.id - b.id);
    document.getElementById('devices-count').textContent = String(devices.length);
    const online = devices.filter((d) => lastSeen(d).online).length;
    document.getElementById('devices-online').textContent = devices.length ? `${online} of ${devices.length} online` : '';
    renderUnknown(devices);
    pager.hidden = true;
    if (!devices.length) { emptyRow(tbody, 'No trackers yet: register the first one with the form.'); return; }
    const shown = pageOf(devices, search.value, state.units, page);
    page = shown.page;
    pager.hidden = shown.pages <= 1;
    document.getElementById('devices-page').textContent = `Page ${shown.page + 1} of ${shown.pages} (${shown.total} trackers)`;
    document.getElementById('devices-prev').disabled = shown.page === 0;
    document.getElementById('devices-next').disabled = shown.page >= shown.pages - 1;
    if (!shown.rows.length) { emptyRow(tbody, `No tracker matches “${search.value.trim()}”.`); return; }
    tbody.replaceChildren(...shown.rows.map(row));
  }

  return { render, reset() { renaming = null; form.reset(); clearSecret(secret); } };
}
