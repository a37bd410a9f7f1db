// Users tab: accounts with their roles, unit (a select that assigns at once)
// and state, the create form, and per row an edit form for roles and a new
// password, disable/enable, and a link to the user's tokens.
// DOM contract: #user-form (#user-name, #user-password, #user-unit,
// input[name="role"][value=ROLE]), #users-table tbody tr.user-row[data-user-id]
// [data-disabled] (.role chips, select.unit-select, button.edit-button, button.tokens-button),
// tr.edit-row[data-user-id] form.row-form.

import { h, timeCell, emptyRow, confirmButton, fillUnitSelect } from './dom.js';
import { runForm, refuse } from './forms.js';

export const ROLES = [
  ['admin', 'users, units, trackers, tokens'],
  ['dispatcher', 'watches all patrols, plans tasks'],
  ['patrol', 'an officer of one unit'],
  ['analyst', 'violation analysis'],
  ['auditor', 'reads the audit trail'],
  ['display', 'read-only wall screen'],
];

/** Role checkboxes for a form; `prefix` keeps the ids unique on the page. */
export function roleChecks(prefix, checked = []) {
  return ROLES.map(([role, hint]) => h('label', { className: 'check', title: hint },
    h('input', { type: 'checkbox', name: 'role', value: role, id: `${prefix}-${role}`, checked: checked.includes(role) }),
    h('span', {}, role)));
}

const chosenRoles = (form) => [...form.querySelectorAll('input[name="role"]:checked')].map((i) => i.value);

export function usersTab(ctx) {
  const { state, api } = ctx;
  const form = document.getElementById('user-form');
  const unitSelect = document.getElementById('user-unit');
  const tbody = document.querySelector('#users-table tbody');
  let editing = null;

  document.getElementById('user-roles').append(...roleChecks('new-role'));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { roles: chosenRoles(form) };
    const name = form.elements.name.value.trim();
    const password = form.elements.password.value;
    if (name) body.name = name;
    if (password) body.password = password;
    if (unitSelect.value) body.unit = unitSelect.value;
    // The patrol page and the API confine a patrol to its unit: without one it sees nothing.
    if (body.roles.includes('patrol') && !body.unit) { refuse(form, 'unit', 'is needed for a patrol user'); return; }
    let user = null;
    const ok = await runForm(form, async () => { user = await api.createUser(ctx.token(), body); }, ctx);
    if (!ok) return;
    form.reset();
    ctx.notify(password
      ? `User ${user.name} created; they can sign in with the password you gave.`
      : `User ${user.name} created without a password: they use tokens issued on the Tokens tab.`);
    await ctx.changed();
  });

  async function update(user, patch, what) {
    try {
      await api.updateUser(ctx.token(), user.id, patch);
      ctx.notify(`User ${user.name} ${what}.`);
    } catch (err) {
      ctx.fail(err, `User ${user.name} could not be changed`);
    }
    await ctx.changed(); // also after a refusal: the row shows what the server holds
  }

  function unitCell(user) {
    const select = h('select', { className: 'unit-select', 'aria-label': `Unit of ${user.name}` });
    fillUnitSelect(select, state.units, { value: user.unit ?? '' });
    select.addEventListener('change', () => {
      if (!select.value && user.roles.includes('patrol')) {
        select.value = user.unit ?? '';
        ctx.fail(null, `${user.name} is a patrol user and needs a unit`);
        return;
      }
      select.disabled = true;
      const unit = state.units.find((u) => String(u.id) === select.value);
      update(user, { unit: select.value || null }, unit ? `moved to ${unit.callSign}` : 'left without a unit');
    });
    return h('td', { className: 'c-select' }, select);
  }

  function stateCell(user) {
    const self = user.id === ctx.self()?.id;
    // Disabling revokes every token of the user at once: ask once more.
    const toggle = user.disabled
      ? h('button', { type: 'button', className: 'secondary small', on: { click: (e) => { e.target.disabled = true; update(user, { disabled: false }, 'enabled'); } } }, 'Enable')
      : confirmButton('Disable', 'Really disable?', (b) => { b.disabled = true; update(user, { disabled: true }, 'disabled; their tokens are revoked'); });
    // Locking oneself out would leave the page without an admin session.
    if (self && !user.disabled) { toggle.disabled = true; toggle.title = 'You cannot disable your own account here.'; }
    toggle.classList.add('toggle');
    return h('td', { className: 'c-state' },
      h('span', { className: `state ${user.disabled ? 'off' : 'on'}` }, user.disabled ? 'Disabled' : 'Active'), toggle);
  }

  function row(user) {
    const edit = h('button', { type: 'button', className: 'secondary small edit-button' }, 'Edit');
    edit.addEventListener('click', () => { editing = user.id; render(); });
    const tokens = h('button', { type: 'button', className: 'secondary small tokens-button' }, 'Tokens');
    tokens.addEventListener('click', () => ctx.showTokensOf(user.id));
    return h('tr', { className: 'user-row', dataset: { userId: user.id, disabled: String(user.disabled) } },
      h('td', { className: 'num' }, String(user.id)),
      h('td', { className: 'strong' }, user.name, user.id === ctx.self()?.id ? h('span', { className: 'dim small' }, ' (you)') : ''),
      h('td', { className: 'c-roles' }, ...(user.roles ?? []).map((r) => h('span', { className: 'role', dataset: { role: r } }, r))),
      unitCell(user),
      stateCell(user),
      timeCell(user.created),
      h('td', { className: 'c-actions' }, edit, tokens));
  }

  function editRow(user) {
    const passwordId = `user-${user.id}-password`;
    const cancel = h('button', { type: 'button', className: 'secondary small' }, 'Cancel');
    cancel.addEventListener('click', () => { editing = null; render(); });
    const rowForm = h('form', { className: 'row-form', noValidate: true },
      h('p', { className: 'row-form-title' }, `Edit ${user.name}`),
      h('div', { className: 'form-grid' },
        h('fieldset', { className: 'field roles', dataset: { field: 'roles' } }, h('legend', {}, 'Roles'), ...roleChecks(`user-${user.id}-role`, user.roles)),
        h('div', { className: 'field', dataset: { field: 'password' } },
          h('label', { htmlFor: passwordId }, 'New password'),
          h('input', { id: passwordId, name: 'password', type: 'password', autocomplete: 'new-password', placeholder: 'unchanged' }),
          h('p', { className: 'hint' }, 'At least 10 characters, at most 72 bytes (letters with accents take two). Leave empty to keep the current one.'))),
      h('div', { className: 'form-buttons' }, cancel, h('button', { type: 'submit', className: 'primary small' }, 'Save')));
    rowForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      const patch = {};
      const roles = chosenRoles(rowForm);
      if ([...roles].sort().join() !== [...user.roles].sort().join()) patch.roles = roles;
      const password = rowForm.elements.password.value;
      if (password) patch.password = password;
      if (patch.roles?.includes('patrol') && !user.unit) { refuse(rowForm, 'roles', 'with patrol need a unit: choose it in the Unit column first'); return; }
      if (!Object.keys(patch).length) { editing = null; render(); return; }
      const ok = await runForm(rowForm, () => api.updateUser(ctx.token(), user.id, patch), ctx);
      if (!ok) return;
      editing = null;
      ctx.notify(`User ${user.name} saved${patch.password ? ' with the new password' : ''}.`);
      await ctx.changed();
    });
    return h('tr', { className: 'edit-row', dataset: { userId: user.id } }, h('td', { colSpan: 7 }, rowForm));
  }

  function render() {
    fillUnitSelect(unitSelect, state.units);
    const users = [...state.users].sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
    document.getElementById('users-count').textContent = String(users.length);
    if (!users.length) { emptyRow(tbody, 'No users.'); return; }
    tbody.replaceChildren(...users.map((u) => (u.id === editing ? editRow(u) : row(u))));
  }

  return { render, reset() { editing = null; form.reset(); } };
}
