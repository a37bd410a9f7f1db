// Units tab: the table of mobile groups (with their members and trackers by
// name), a create form, and per row an inline edit form and delete.
// DOM contract: #unit-form (#unit-callsign, #unit-name, #unit-home),
// #units-table tbody tr.unit-row[data-unit-id] button.edit-button, tr.edit-row form.row-form.

import { h, emptyRow, confirmButton } from './dom.js';
import { runForm, fieldsOf } from './forms.js';

const FIELDS = ['callSign', 'name', 'homeStation'];

export function unitsTab(ctx) {
  const { state, api } = ctx;
  const form = document.getElementById('unit-form');
  const tbody = document.querySelector('#units-table tbody');
  let editing = null; // id of the unit whose row is an edit form

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = fieldsOf(form, FIELDS);
    let created = null;
    const ok = await runForm(form, async () => { created = await api.createUnit(ctx.token(), body); }, ctx);
    if (!ok) return;
    form.reset();
    ctx.notify(`Unit ${created.callSign} created.`);
    await ctx.changed();
  });

  const names = (ids, list) => ids.map((id) => list.find((x) => x.id === id)?.name ?? `#${id}`).join(', ');

  function row(unit) {
    const members = unit.members ?? [];
    const devices = unit.devices ?? [];
    const remove = confirmButton('Delete', 'Really delete?', async (button) => {
      button.disabled = true;
      try {
        await api.deleteUnit(ctx.token(), unit.id);
        ctx.notify(`Unit ${unit.callSign} deleted; its trackers and members have no unit now.`);
        await ctx.changed();
      } catch (err) {
        button.disabled = false;
        ctx.fail(err, `Unit ${unit.callSign} could not be deleted`);
      }
    });
    remove.title = 'Its trackers and members are left without a unit.';
    const edit = h('button', { type: 'button', className: 'secondary small edit-button' }, 'Edit');
    edit.addEventListener('click', () => { editing = unit.id; render(); tbody.querySelector('.edit-row input')?.focus(); });
    return h('tr', { className: 'unit-row', dataset: { unitId: unit.id } },
      h('td', { className: 'strong' }, unit.callSign),
      h('td', {}, unit.name),
      h('td', {}, unit.homeStation || h('span', { className: 'dim' }, '–')),
      h('td', { className: 'c-list', title: names(members, state.users) }, members.length ? names(members, state.users) : h('span', { className: 'dim' }, 'none')),
      h('td', { className: 'c-list', title: names(devices, state.devices) }, devices.length ? names(devices, state.devices) : h('span', { className: 'dim' }, 'none')),
      h('td', { className: 'c-actions' }, edit, remove));
  }

  function editRow(unit) {
    const input = (name, label, value, max) => {
      const id = `unit-${unit.id}-${name}`;
      return h('div', { className: 'field', dataset: { field: name } },
        h('label', { htmlFor: id }, label), h('input', { id, name, value, maxLength: max, autocomplete: 'off' }));
    };
    const cancel = h('button', { type: 'button', className: 'secondary small' }, 'Cancel');
    cancel.addEventListener('click', () => { editing = null; render(); });
    const rowForm = h('form', { className: 'row-form', noValidate: true },
      h('div', { className: 'form-grid' },
        input('callSign', 'Call sign', unit.callSign, 32),
        input('name', 'Name', unit.name, 100),
        input('homeStation', 'Home station', unit.homeStation ?? '', 100)),
      h('div', { className: 'form-buttons' }, cancel, h('button', { type: 'submit', className: 'primary small' }, 'Save')));
    rowForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      // Only what changed; an emptied home station is sent as "" to clear it.
      const patch = {};
      for (const key of FIELDS) {
        const value = rowForm.elements[key].value.trim();
        if (value !== (unit[key] ?? '')) patch[key] = value;
      }
      if (!Object.keys(patch).length) { editing = null; render(); return; }
      const ok = await runForm(rowForm, () => api.updateUnit(ctx.token(), unit.id, patch), ctx);
      if (!ok) return;
      editing = null;
      ctx.notify(`Unit ${patch.callSign ?? unit.callSign} saved.`);
      await ctx.changed();
    });
    return h('tr', { className: 'edit-row', dataset: { unitId: unit.id } }, h('td', { colSpan: 6 }, rowForm));
  }

  function render() {
    const units = [...state.units].sort((a, b) => String(a.callSign).localeCompare(String(b.callSign), 'en', { numeric: true }));
    document.getElementById('units-count').textContent = String(units.length);
    if (!units.length) { emptyRow(tbody, 'No units yet: create the first one with the form.'); return; }
    tbody.replaceChildren(...units.map((u) => (u.id === editing ? editRow(u) : row(u))));
  }

  return { render, reset() { editing = null; form.reset(); } };
}
