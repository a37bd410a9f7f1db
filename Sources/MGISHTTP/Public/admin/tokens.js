// Tokens tab: one user's tokens (issued ones and login sessions), revoke, and
// issuing a long-lived token. The value is in the issuing answer only (the
// server keeps a hash), so it is shown once in a box, for a display account
// with the ready wall display link.
// DOM contract: #token-user (select of users), #token-form (#token-label, #token-days),
// #token-secret .secret-value, #token-secret a.display-link,
// #tokens-table tbody tr.token-row[data-token-id][data-status=active|expired|revoked].

import { h, timeCell, emptyRow, confirmButton } from './dom.js';
import { runForm } from './forms.js';
import { showSecret, clearSecret } from './secret.js';

/** A wall display should run on an account that can do nothing but watch. */
const WALL_ROLE = 'display';

function status(token, now = Date.now()) {
  if (token.revoked) return 'revoked';
  return Date.parse(token.expires) <= now ? 'expired' : 'active';
}

export function tokensTab(ctx) {
  const { state, api } = ctx;
  const userSelect = document.getElementById('token-user');
  const form = document.getElementById('token-form');
  const secret = document.getElementById('token-secret');
  const tbody = document.querySelector('#tokens-table tbody');
  let loading = null; // the user id whose list is being fetched; a slower, older answer is dropped

  const chosen = () => state.users.find((u) => String(u.id) === userSelect.value) ?? null;

  async function load() {
    const user = chosen();
    state.tokenUser = user?.id ?? null;
    state.tokens = [];
    if (!user) { render(); return; }
    const id = user.id;
    loading = id;
    emptyRow(tbody, 'Loading…');
    try {
      const tokens = await api.listTokens(ctx.token(), id);
      if (loading !== id) return;
      state.tokens = tokens;
    } catch (err) {
      if (loading !== id) return;
      ctx.fail(err, `Tokens of ${user.name} could not be loaded`);
    }
    render();
  }

  userSelect.addEventListener('change', () => { clearSecret(secret); load(); });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const user = chosen();
    if (!user) return;
    const body = { user: user.id, label: form.elements.label.value.trim() };
    const days = form.elements.days.value.trim();
    // A number when it is one; anything else goes as typed, for the server to name the field.
    if (days) body.days = /^\d+$/.test(days) ? Number(days) : days;
    let issued = null;
    const ok = await runForm(form, async () => { issued = await api.issueToken(ctx.token(), body); }, ctx);
    if (!ok) return;
    form.elements.label.value = '';
    ctx.notify(`Token issued for ${user.name}.`);
    const wall = user.roles.includes(WALL_ROLE);
    const link = new URL(`/display/?token=${encodeURIComponent(issued.token)}`, location.origin).href;
    showSecret(secret, {
      title: `Token for ${user.name}${issued.label ? ` (${issued.label})` : ''}, valid until ${new Date(issued.expires).toLocaleDateString('en-GB', { dateStyle: 'medium' })}`,
      value: issued.token,
      link: wall ? { href: link, text: 'Wall display link, ready to open on the screen' } : null,
      hint: wall ? '' : `Use it as "Authorization: Bearer TOKEN". ${user.name} has no display role, so it is not meant for a wall display.`,
    });
    await load();
  });

  function row(token) {
    const st = status(token);
    const revoke = st === 'active'
      ? confirmButton('Revoke', 'Really revoke?', async (button) => {
        button.disabled = true;
        try {
          await api.revokeToken(ctx.token(), token.id);
          ctx.notify(`Token ${token.label || `#${token.id}`} revoked.`);
        } catch (err) {
          ctx.fail(err, 'The token could not be revoked');
        }
        await load();
      })
      : '';
    return h('tr', { className: 'token-row', dataset: { tokenId: token.id, status: st } },
      h('td', { className: 'num' }, String(token.id)),
      h('td', { className: 'strong' }, token.label || h('span', { className: 'dim' }, '(no label)')),
      h('td', {}, token.kind === 'session' ? 'Login session' : 'Issued'),
      timeCell(token.created),
      timeCell(token.expires),
      h('td', { className: 'c-state' }, h('span', { className: `state ${st === 'active' ? 'on' : 'off'}`, title: token.revoked ? `revoked ${token.revoked}` : '' }, st)),
      h('td', { className: 'c-actions' }, revoke));
  }

  function fillUsers() {
    const value = userSelect.value || (state.tokenUser != null ? String(state.tokenUser) : '');
    const users = [...state.users].sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
    userSelect.replaceChildren(
      h('option', { value: '' }, '— choose a user —'),
      ...users.map((u) => h('option', { value: String(u.id) }, `${u.name} (${u.roles.join(', ')})${u.disabled ? ' — disabled' : ''}`)));
    userSelect.value = users.some((u) => String(u.id) === value) ? value : '';
  }

  function render() {
    fillUsers();
    const user = chosen();
    // A disabled user cannot be given a token (the server refuses): say so instead.
    form.querySelector('button[type="submit"]').disabled = !user || user.disabled;
    document.getElementById('token-form-note').textContent = !user
      ? 'Choose the user the token acts for.'
      : user.disabled ? `${user.name} is disabled: enable the account on the Users tab first.` : `The token acts as ${user.name} with their roles.`;
    document.getElementById('tokens-count').textContent = user ? String(state.tokens.length) : '';
    if (!user) { emptyRow(tbody, 'Choose a user to see their tokens.'); return; }
    if (!state.tokens.length) { emptyRow(tbody, `${user.name} has no tokens.`); return; }
    tbody.replaceChildren(...state.tokens.map(row));
  }

  /** Shows `userId`'s tokens (from the Users tab). */
  function select(userId) {
    fillUsers();
    userSelect.value = String(userId);
    clearSecret(secret);
    return load();
  }

  return {
    render,
    select,
    reload: () => (chosen() ? load() : render()),
    reset() { userSelect.value = ''; state.tokens = []; state.tokenUser = null; form.reset(); clearSecret(secret); },
  };
}
