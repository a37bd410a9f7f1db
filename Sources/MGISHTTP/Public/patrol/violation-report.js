// "Report a violation here": a violation seen on the spot, without a task. The
// location is the unit's position when the form opens (the car's tracker while
// its fix is fresh, else the phone's GPS), shown with its age and refreshable;
// the observation time is the moment the report is sent. The server adds the
// patrol's unit and the reporting user.
// DOM: #violation-form, #violation-where[data-state=locating|none|ok|old],
//      #violation-locate, #vr-<field> inputs, #violation-message, #violation-submit.

import { formatUTC } from '/common/format.js';
import { showFieldErrors, clearFieldErrors } from '/common/field-errors.js';
import { fillTypes, readViolationFields, violationFields } from './violation-fields.js';

const OLD_MS = 120_000; // older fixes are flagged: the car may have moved on

const SOURCES = { tracker: 'car tracker', phone: 'phone GPS', 'tracker (old)': 'car tracker' };

/** 20_000 -> "20 s ago". */
function ago(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  // No-break spaces: "20 s ago" stays on one line.
  if (s < 60) return `${s}\u00a0s\u00a0ago`;
  if (s < 3600) return `${Math.floor(s / 60)}\u00a0min\u00a0ago`;
  return `${Math.floor(s / 3600)}\u00a0h\u00a0ago`;
}

export class ViolationReport {
  /**
   * position: OwnPosition; serverNow() -> epoch ms on the server's clock;
   * onSubmit(body) -> Promise of the new violation (null when the session ended),
   * rejects with an ApiError; describe(err) -> text.
   */
  constructor(form, { position, serverNow, onSubmit, describe }) {
    this.form = form;
    this.position = position;
    this.serverNow = serverNow;
    this.onSubmit = onSubmit;
    this.describe = describe;
    this.here = null;     // {lat, lon, time, source} used for the report
    this.isOpen = false;
    this.locating = 0;    // number of the running look-up, 0 when none
    this.lookups = 0;
    this.sending = false;
    this.where = form.querySelector('#violation-where');
    form.querySelector('#violation-fields').append(...violationFields({ id: (name) => `vr-${name}`, road: true }));
    form.querySelector('#violation-locate').addEventListener('click', () => this.locate());
    form.addEventListener('submit', (e) => { e.preventDefault(); this.#submit(); });
    // A corrected field loses its old complaint at once.
    form.addEventListener('input', (e) => {
      const field = e.target.closest('[data-field]');
      if (!field) return;
      for (const note of field.querySelectorAll('.field-error')) note.remove();
      e.target.removeAttribute('aria-invalid');
    });
  }

  /** The types from GET /api/v1/violation-types ([{code, label}]). */
  setTypes(types) {
    if (types?.length) fillTypes(this.form.querySelector('#vr-type'), types);
  }

  /** Shown: takes the current position. Typed values survive leaving and coming back. */
  open() {
    if (this.isOpen) return;
    this.isOpen = true;
    clearFieldErrors(this.form);
    this.#message('');
    this.locate();
  }

  close() {
    this.isOpen = false;
  }

  /** Empties the form after a report was accepted. */
  reset() {
    this.form.reset();
    clearFieldErrors(this.form);
    this.#message('');
    this.here = null;
    this.isOpen = false;
  }

  async locate() {
    const seq = ++this.lookups;
    this.locating = seq;
    this.#renderWhere();
    const p = await this.position.current(this.serverNow());
    if (this.locating !== seq) return;
    this.locating = 0;
    if (p) this.here = p;
    this.#renderWhere();
  }

  /** Every second: the fix's age; a first tracker fix arriving while nothing is known is taken. */
  tick() {
    if (!this.isOpen) return;
    const feed = this.position.feed;
    if (!this.here && this.position.fresh(this.serverNow()) && feed) {
      this.locating = 0;
      this.here = { lat: feed.lat, lon: feed.lon, time: Date.parse(feed.time), source: 'tracker' };
    }
    this.#renderWhere();
  }

  #renderWhere() {
    const el = this.where;
    const p = this.here;
    if (!p) {
      el.dataset.state = this.locating ? 'locating' : 'none';
      el.textContent = this.locating ? 'Finding your position…'
        : 'No position yet. Turn on location or wait for the car tracker, then press "Update position".';
      return;
    }
    // Tracker times are the server's, the phone's fix times the phone's own.
    const age = (p.source === 'phone' ? Date.now() : this.serverNow()) - p.time;
    const old = !Number.isFinite(age) || age > OLD_MS;
    el.dataset.state = old ? 'old' : 'ok';
    el.dataset.lat = String(p.lat);
    el.dataset.lon = String(p.lon);
    el.textContent = `at ${p.lat.toFixed(4)}, ${p.lon.toFixed(4)}, ${Number.isFinite(age) ? ago(age) : 'time unknown'}`
      + ` (${SOURCES[p.source] ?? p.source})${old ? ' — old: press "Update position"' : ''}${this.locating ? ' · updating…' : ''}`;
  }

  #message(text) {
    this.form.querySelector('#violation-message').textContent = text;
  }

  /** The POST /api/v1/violations body; optional fields left out when empty. */
  read() {
    const body = { observed: formatUTC(this.serverNow()) };
    if (this.here) body.location = { lat: this.here.lat, lon: this.here.lon };
    Object.assign(body, readViolationFields(this.form.querySelector('#violation-fields')));
    const notes = this.form.querySelector('#violation-notes').value.trim();
    if (notes) body.notes = notes;
    return body;
  }

  #show(message) {
    const rest = showFieldErrors(this.form, message);
    this.#message(rest.length ? `Not accepted: ${rest.join('; ')}` : 'Please correct the marked fields.');
  }

  async #submit() {
    if (this.sending) return;
    clearFieldErrors(this.form);
    this.#message('');
    const body = this.read();
    const local = [];
    if (!body.location) local.push("field 'location' has no position yet: press \"Update position\"");
    if (Number.isNaN(body.quantity)) local.push("field 'quantity' must be a number");
    if (Number.isNaN(body.estimatedValueEUR)) local.push("field 'estimatedValueEUR' must be a number");
    if (local.length) { this.#show(local.join('; ')); return; }

    const button = this.form.querySelector('#violation-submit');
    const label = button.textContent;
    this.sending = true;
    button.disabled = true;
    button.textContent = 'Sending…';
    try {
      const created = await this.onSubmit(body);
      if (created) this.reset();
    } catch (err) {
      if (err?.status === 400) this.#show(err.message);
      else this.#message(this.describe(err));
    } finally {
      this.sending = false;
      button.disabled = false;
      button.textContent = label;
    }
  }
}
