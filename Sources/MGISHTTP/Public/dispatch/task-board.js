// The dispatcher's task board: tasks grouped by state, one card per task.
// Cards are updated in place (keyed by task id) so an inline reason/units form
// the dispatcher is typing into survives the live updates of that task.
// DOM: #task-board > section.board-group[data-group] > .task-card[data-task-id][data-state]

import {
  STATE_LABELS, ACTION_LABELS, TYPE_LABELS, FINAL_STATES, formatWindow, monitoringLines, stateColor, humanize, h, parseTime, formatLocal,
} from '/common/task-format.js';

const GROUPS = [
  { key: 'draft', label: 'Draft', states: ['draft'] },
  { key: 'dispatched', label: 'Dispatched', states: ['dispatched'] },
  { key: 'acknowledged', label: 'Acknowledged', states: ['acknowledged'] },
  { key: 'en_route', label: 'En route', states: ['en_route'] },
  { key: 'on_scene', label: 'On scene', states: ['on_scene'] },
  { key: 'closed', label: 'Completed / failed / cancelled', states: ['completed', 'failed', 'cancelled'] },
];
const CLOSED_SHOWN = 30; // the closed list only needs the recent past
const PRIORITY_RANK = { urgent: 0, high: 1, normal: 2, low: 3 };
// Actions the board offers; "edit" needs the full form and is not offered here.
const BOARD_ACTIONS = ['dispatch', 'redispatch', 'cancel', 'acknowledge', 'en_route', 'on_scene', 'fail'];

export class TaskBoard {
  /**
   * onAction(task, body) -> Promise: performs {action, ...}; rejects with an error to show.
   * onFocus(id): show the task's area on the map.
   * unitName(id) -> call sign; unitChoices() -> [{id, label}] for (re)dispatch.
   */
  constructor(root, { onAction, onFocus, unitName, unitChoices }) {
    this.root = root;
    this.onAction = onAction;
    this.onFocus = onFocus;
    this.unitName = unitName;
    this.unitChoices = unitChoices;
    this.cards = new Map(); // id -> {el, task}
    this.lists = new Map();
    root.replaceChildren();
    for (const g of GROUPS) {
      const list = h('ul', { class: 'board-list', 'aria-label': g.label });
      const count = h('span', { class: 'board-count' }, '0');
      const section = h('section', { class: 'board-group', dataset: { group: g.key } },
        h('h3', {}, g.label, ' ', count), list);
      root.append(section);
      this.lists.set(g.key, { list, count, states: g.states, section });
    }
  }

  /** Replaces everything with `tasks` (after a (re)load). */
  sync(tasks) {
    const keep = new Set(tasks.map((t) => String(t.id)));
    for (const [id, rec] of this.cards) {
      if (!keep.has(id)) { rec.el.remove(); this.cards.delete(id); }
    }
    for (const t of tasks) this.upsert(t, false);
    this.#order();
  }

  upsert(task, reorder = true) {
    const id = String(task.id);
    let rec = this.cards.get(id);
    if (!rec) {
      rec = { el: h('li', { class: 'task-card', dataset: { taskId: id } }), task: null, actionsKey: '' };
      this.cards.set(id, rec);
    }
    rec.task = task;
    this.#render(rec);
    if (reorder) this.#order();
  }

  /** Re-renders the monitoring lines (call signs may have arrived later). */
  refresh() {
    for (const rec of this.cards.values()) this.#render(rec);
  }

  #groupOf(state) {
    for (const [key, g] of this.lists) if (g.states.includes(state)) return key;
    return 'closed';
  }

  #order() {
    const byGroup = new Map([...this.lists.keys()].map((k) => [k, []]));
    for (const rec of this.cards.values()) byGroup.get(this.#groupOf(rec.task.state)).push(rec);
    for (const [key, recs] of byGroup) {
      const g = this.lists.get(key);
      if (key === 'closed') {
        recs.sort((a, b) => (parseTime(b.task.updated) ?? 0) - (parseTime(a.task.updated) ?? 0));
      } else {
        recs.sort((a, b) => (PRIORITY_RANK[a.task.priority] ?? 2) - (PRIORITY_RANK[b.task.priority] ?? 2)
          || (parseTime(a.task.window?.start) ?? 0) - (parseTime(b.task.window?.start) ?? 0));
      }
      const shown = key === 'closed' ? recs.slice(0, CLOSED_SHOWN) : recs;
      // appendChild moves a card that is already elsewhere: no flicker, focus kept.
      for (const rec of shown) if (g.list.lastElementChild !== rec.el || rec.el.parentNode !== g.list) g.list.append(rec.el);
      for (const rec of recs.slice(shown.length)) rec.el.remove();
      g.count.textContent = String(recs.length);
      g.section.classList.toggle('empty', recs.length === 0);
    }
  }

  #render(rec) {
    const t = rec.task;
    const el = rec.el;
    el.dataset.state = t.state;
    el.dataset.priority = t.priority ?? 'normal';
    el.style.setProperty('--state-color', stateColor(t.state));

    const units = (t.units ?? []).map((u) => this.unitName(u)).join(', ') || 'no unit';
    const monitoring = monitoringLines(t, { get: (u) => this.unitName(u) });
    const body = h('div', { class: 'card-body' },
      h('div', { class: 'card-head' },
        h('button', { type: 'button', class: 'card-title link', title: 'Show the area on the map', onclick: () => this.onFocus(String(t.id)) }, t.title),
        h('span', { class: 'state-badge' }, STATE_LABELS[t.state] ?? t.state)),
      h('div', { class: 'card-meta' },
        `${TYPE_LABELS[t.type] ?? humanize(t.type)} · ${humanize(t.priority ?? 'normal')} · #${t.id}`),
      h('div', { class: 'card-units' }, h('span', { class: 'dim' }, 'Units: '), units),
      h('div', { class: 'card-window dim' }, formatWindow(t.window)),
      monitoring.length ? h('ul', { class: 'card-monitoring' },
        monitoring.map((m) => h('li', { class: m.inside ? 'inside' : '' }, m.text))) : null,
      t.result ? h('div', { class: 'card-result' }, `Result: ${humanize(t.result.outcome)}`,
        t.result.violations?.length ? `, ${t.result.violations.length} violation(s)` : '') : null,
      FINAL_STATES.has(t.state) && t.updated ? h('div', { class: 'dim small' }, `Closed ${formatLocal(parseTime(t.updated) ?? 0).slice(0, 16)}`) : null);

    const oldBody = el.querySelector('.card-body');
    if (oldBody) oldBody.replaceWith(body); else el.prepend(body);

    // Buttons are rebuilt only when the allowed actions change and no inline
    // form is open, so typing a reason is never interrupted by a live update.
    const allowed = (t.allowedActions ?? []).filter((a) => BOARD_ACTIONS.includes(a));
    const key = allowed.join(',');
    const actions = el.querySelector('.card-actions');
    if (actions && (actions.querySelector('.inline-form') || key === rec.actionsKey)) return;
    rec.actionsKey = key;
    const bar = h('div', { class: 'card-actions' },
      allowed.map((a) => h('button', {
        type: 'button', class: a === 'dispatch' ? 'primary small' : 'secondary small', dataset: { action: a },
        onclick: () => this.#start(rec, a),
      }, ACTION_LABELS[a] ?? humanize(a))),
      h('div', { class: 'card-error', role: 'alert' }));
    if (actions) actions.replaceWith(bar); else el.append(bar);
  }

  /** Runs an action, asking inline for what it needs (reason, units). */
  #start(rec, action) {
    const t = rec.task;
    if (action === 'cancel' || action === 'fail') {
      this.#inline(rec, action, h('input', { name: 'reason', 'aria-label': 'Reason', placeholder: 'Reason', required: true }),
        (form) => ({ action, reason: form.elements.reason.value.trim() }));
    } else if (action === 'redispatch' || (action === 'dispatch' && !(t.units ?? []).length)) {
      const current = new Set((t.units ?? []).map(String));
      const boxes = this.unitChoices().map((u) => h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'unit', value: u.id, checked: action === 'dispatch' && current.has(u.id) }), u.label));
      this.#inline(rec, action, h('fieldset', { class: 'unit-picks' }, h('legend', {}, 'Units'), boxes),
        (form) => ({ action, units: [...form.querySelectorAll('input[name=unit]:checked')].map((c) => c.value) }));
    } else if (action === 'dispatch') {
      this.#run(rec, { action, units: t.units.map(String) });
    } else {
      this.#run(rec, { action });
    }
  }

  #inline(rec, action, field, makeBody) {
    const bar = rec.el.querySelector('.card-actions');
    const form = h('form', { class: 'inline-form' }, field,
      h('div', { class: 'inline-buttons' },
        h('button', { type: 'submit', class: 'primary small' }, ACTION_LABELS[action]),
        h('button', { type: 'button', class: 'secondary small', onclick: () => { form.remove(); rec.actionsKey = ''; this.#render(rec); } }, 'Back')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body = makeBody(form);
      if (body.units && !body.units.length) { this.#error(rec, 'Choose at least one unit.'); return; }
      if ('reason' in body && !body.reason) { this.#error(rec, 'Give a reason.'); return; }
      this.#run(rec, body, form);
    });
    for (const b of bar.querySelectorAll('button')) b.hidden = true;
    bar.prepend(form);
    form.querySelector('input')?.focus();
  }

  async #run(rec, body, form = null) {
    const bar = rec.el.querySelector('.card-actions');
    for (const b of bar.querySelectorAll('button')) b.disabled = true;
    this.#error(rec, '');
    try {
      const task = await this.onAction(rec.task, body);
      form?.remove();
      rec.actionsKey = '';
      if (task) this.upsert(task);
    } catch (err) {
      for (const b of bar.querySelectorAll('button')) b.disabled = false;
      this.#error(rec, err.message || String(err));
    }
  }

  #error(rec, text) {
    const el = rec.el.querySelector('.card-error');
    if (el) el.textContent = text;
  }
}
