// "My tasks": the unit's tasks, the ones needing action first.
// DOM: #my-tasks > li > a.task-item[data-task-id][data-state][href="#task-ID"] .item-id ("#12")

import { STATE_LABELS, TYPE_LABELS, FINAL_STATES, formatWindow, humanize, h, parseTime } from '/common/task-format.js';

// What the officer must look at first: a new task waiting for acknowledgement.
const STATE_RANK = { dispatched: 0, on_scene: 1, en_route: 2, acknowledged: 3, draft: 4, completed: 5, failed: 5, cancelled: 5 };
const CLOSED_SHOWN = 10;

export function renderMyTasks(list, tasks) {
  const open = tasks.filter((t) => !FINAL_STATES.has(t.state));
  const closed = tasks.filter((t) => FINAL_STATES.has(t.state))
    .sort((a, b) => (parseTime(b.updated) ?? 0) - (parseTime(a.updated) ?? 0)).slice(0, CLOSED_SHOWN);
  open.sort((a, b) => (STATE_RANK[a.state] ?? 9) - (STATE_RANK[b.state] ?? 9)
    || (parseTime(a.window?.start) ?? 0) - (parseTime(b.window?.start) ?? 0));

  const item = (t) => h('li', {},
    h('a', { class: 'task-item', href: `#task-${t.id}`, dataset: { taskId: String(t.id), state: t.state, priority: t.priority ?? 'normal' } },
      h('span', { class: 'item-head' },
        // The number tells apart two tasks with one title, and is what the dispatcher says on the radio.
        h('strong', { class: 'item-title' }, h('span', { class: 'item-id' }, `#${t.id}`), ' ', t.title),
        h('span', { class: 'state-badge' }, STATE_LABELS[t.state] ?? t.state)),
      h('span', { class: 'item-meta' }, `${TYPE_LABELS[t.type] ?? humanize(t.type)} · ${humanize(t.priority ?? 'normal')}`),
      h('span', { class: 'item-meta' }, formatWindow(t.window))));

  const children = [];
  if (!open.length) children.push(h('li', { class: 'empty' }, 'No open tasks for your unit.'));
  children.push(...open.map(item));
  if (closed.length) {
    children.push(h('li', { class: 'list-divider', 'aria-hidden': 'true' }, 'Finished'));
    children.push(...closed.map(item));
  }
  list.replaceChildren(...children);
}
