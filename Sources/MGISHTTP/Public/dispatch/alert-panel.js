// Open alerts (missed acknowledgement, late arrival, panic, ...), newest first,
// each with an "Acknowledge" button. Acknowledged alerts leave the list.
// DOM: #alert-panel .alert-item[data-alert-id][data-kind]

import { formatLocal, parseTime, humanize, h } from '/common/task-format.js';

export class AlertPanel {
  /** onAcknowledge(alert) -> Promise<Alert>; onFocus(alert) shows its task/unit. */
  constructor(list, counter, { onAcknowledge, onFocus, unitName }) {
    this.list = list;
    this.counter = counter;
    this.onAcknowledge = onAcknowledge;
    this.onFocus = onFocus;
    this.unitName = unitName;
    this.alerts = new Map();
  }

  sync(alerts) {
    this.alerts.clear();
    for (const a of alerts) if (!a.acknowledged) this.alerts.set(String(a.id), a);
    this.render();
  }

  /** A new alert or an acknowledgement (from the feed or our own click). */
  upsert(alert) {
    if (alert.acknowledged) this.alerts.delete(String(alert.id));
    else this.alerts.set(String(alert.id), alert);
    this.render();
  }

  render() {
    const items = [...this.alerts.values()].sort((a, b) =>
      (b.kind === 'panic') - (a.kind === 'panic') || (parseTime(b.raised) ?? 0) - (parseTime(a.raised) ?? 0));
    this.counter.textContent = String(items.length);
    this.counter.dataset.count = String(items.length);
    if (!items.length) {
      this.list.replaceChildren(h('li', { class: 'empty dim' }, 'No open alerts.'));
      return;
    }
    this.list.replaceChildren(...items.map((a) => {
      const error = h('div', { class: 'card-error', role: 'alert' });
      const ack = h('button', { type: 'button', class: 'secondary small', dataset: { action: 'acknowledge-alert' } }, 'Acknowledge');
      ack.addEventListener('click', async () => {
        ack.disabled = true;
        error.textContent = '';
        try {
          this.upsert(await this.onAcknowledge(a));
        } catch (err) {
          ack.disabled = false;
          error.textContent = err.message || String(err);
        }
      });
      const where = [a.unit != null ? this.unitName(a.unit) : null, a.task != null ? `task #${a.task}` : null].filter(Boolean).join(' · ');
      return h('li', { class: `alert-item${a.kind === 'panic' ? ' panic' : ''}`, dataset: { alertId: String(a.id), kind: a.kind } },
        h('div', { class: 'alert-head' },
          h('strong', {}, humanize(a.kind)),
          h('time', { class: 'dim small', datetime: a.raised }, formatLocal(parseTime(a.raised) ?? 0).slice(11, 16))),
        h('div', { class: 'alert-message' }, a.message),
        h('div', { class: 'alert-foot' },
          where ? h('button', { type: 'button', class: 'link small', onclick: () => this.onFocus(a) }, where) : h('span'),
          ack),
        error);
    }));
  }
}
