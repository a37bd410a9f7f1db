// The patrol's report, posted with the "complete" action. Built per task (the
// checklist comes from it) and read back into the API's Result object.
// Every input carries data-field with its path inside the Result
// ("violations[0].location"), so server errors land next to the right field.
// DOM: #result-form, #add-violation, .violation-row[data-index], #result-submit.

import { inputToMillis, millisToInput, formatUTC } from '/common/format.js';
import { h } from '/common/task-format.js';
import { showFieldErrors, clearFieldErrors } from '/common/field-errors.js';
import { DEFAULT_TYPES, fillTypes, numberOrNull, readViolationFields, violationFields } from './violation-fields.js';

export class ResultForm {
  /** position: OwnPosition; onSubmit(result) -> Promise (rejects with ApiError). */
  constructor(form, { position, onSubmit, describe }) {
    this.form = form;
    this.position = position;
    this.onSubmit = onSubmit;
    this.describe = describe;
    this.types = DEFAULT_TYPES;
    this.rows = form.querySelector('#violations');
    form.querySelector('#add-violation').addEventListener('click', () => this.addViolation());
    form.addEventListener('submit', (e) => { e.preventDefault(); this.#submit(); });
  }

  /** Empties the form for `task` (its checklist becomes the tick list). */
  reset(task) {
    this.form.reset();
    this.taskId = String(task.id);
    this.form.dataset.taskId = this.taskId;
    this.rows.replaceChildren();
    this.#renumber();
    const list = this.form.querySelector('#result-checklist');
    const items = task.checklist ?? [];
    list.hidden = items.length === 0;
    list.querySelector('.check-items').replaceChildren(...items.map((item, i) => h('label', { class: 'check big' },
      h('input', { type: 'checkbox', name: 'check', value: String(i), checked: !!item.done, dataset: { field: `checklist[${i}]` } }),
      item.text)));
    this.checklist = items.map((item) => item.text);
    this.#message('');
    for (const el of this.form.querySelectorAll('.field-error')) el.remove();
  }

  /** The violation types from the server ([{code, label}]), for new and existing rows. */
  setTypes(types) {
    if (!types?.length) return;
    this.types = types;
    for (const select of this.rows.querySelectorAll('select[name=type]')) fillTypes(select, types);
  }

  /** One more violation row; its location is filled in from the current position. */
  addViolation() {
    const i = this.rows.children.length;
    const id = (name) => `v${i}-${name}`;
    const field = (name, label, input) => h('div', { class: 'field', dataset: { field: `violations[${i}].${name}` } },
      h('label', { for: id(name) }, label), input);
    const location = h('input', { id: id('location'), name: 'location', readonly: true, placeholder: 'finding position…' });
    const locate = h('button', { type: 'button', class: 'secondary' }, 'Use my position');
    const row = h('fieldset', { class: 'violation-row', dataset: { index: String(i) } },
      h('legend', {}, `Violation ${i + 1}`),
      violationFields({ id, path: (name) => `violations[${i}].${name}`, types: this.types }),
      h('div', { class: 'field', dataset: { field: `violations[${i}].location` } },
        h('label', { for: id('location') }, 'Location'),
        h('div', { class: 'input-with-button' }, location, locate)),
      field('observed', 'Observed', h('input', { id: id('observed'), name: 'observed', type: 'datetime-local', step: '1', value: millisToInput(Date.now()) })),
      h('button', { type: 'button', class: 'secondary remove-violation', onclick: () => { row.remove(); this.#renumber(); } }, 'Remove this violation'));
    this.rows.append(row);
    this.#renumber();
    locate.addEventListener('click', () => this.#locate(row));
    this.#locate(row);
    row.querySelector('select').focus();
  }

  async #locate(row) {
    const input = row.querySelector('input[name=location]');
    input.value = '';
    input.placeholder = 'finding position…';
    const p = await this.position.current();
    if (!p) {
      input.placeholder = 'no position — press "Use my position" again';
      delete row.dataset.lat;
      delete row.dataset.lon;
      return;
    }
    row.dataset.lat = String(p.lat);
    row.dataset.lon = String(p.lon);
    input.value = `${p.lat.toFixed(5)}, ${p.lon.toFixed(5)} (${p.source})`;
  }

  /** Row indexes and data-field paths follow the rows' order after a removal. */
  #renumber() {
    [...this.rows.children].forEach((row, i) => {
      row.dataset.index = String(i);
      row.querySelector('legend').textContent = `Violation ${i + 1}`;
      for (const el of row.querySelectorAll('[data-field]')) {
        el.dataset.field = el.dataset.field.replace(/^violations\[\d+\]/, `violations[${i}]`);
      }
    });
    this.form.querySelector('#violation-count').textContent = String(this.rows.children.length);
  }

  /** The Result object for the API. */
  read() {
    const f = this.form.elements;
    const ticks = new Set([...this.form.querySelectorAll('input[name=check]:checked')].map((c) => Number(c.value)));
    const violations = [...this.rows.children].map((row) => {
      const observed = inputToMillis(row.querySelector('[name=observed]').value.trim());
      return {
        ...readViolationFields(row),
        location: row.dataset.lat ? { lat: Number(row.dataset.lat), lon: Number(row.dataset.lon) } : null,
        observed: observed == null ? null : formatUTC(observed),
      };
    });
    return {
      vehiclesChecked: numberOrNull(f.vehiclesChecked.value, true) ?? 0,
      personsChecked: numberOrNull(f.personsChecked.value, true) ?? 0,
      outcome: f.outcome.value,
      findings: f.findings.value.trim(),
      notes: f.notes.value.trim(),
      violations,
      checklist: this.checklist.map((text, i) => ({ text, done: ticks.has(i) })),
    };
  }

  #message(text) {
    this.form.querySelector('#result-message').textContent = text;
  }

  async #submit() {
    clearFieldErrors(this.form);
    this.#message('');
    const result = this.read();
    const local = [];
    if (!Number.isFinite(result.vehiclesChecked) || result.vehiclesChecked < 0) local.push("field 'vehiclesChecked' must be a whole number");
    if (!Number.isFinite(result.personsChecked) || result.personsChecked < 0) local.push("field 'personsChecked' must be a whole number");
    result.violations.forEach((v, i) => {
      if (Number.isNaN(v.quantity)) local.push(`field 'violations[${i}].quantity' must be a number`);
      if (Number.isNaN(v.estimatedValueEUR)) local.push(`field 'violations[${i}].estimatedValueEUR' must be a number`);
      // The API requires a point; without one the request could not even be decoded.
      if (!v.location) local.push(`field 'violations[${i}].location' has no position yet: press "Use my position"`);
      if (!v.observed) local.push(`field 'violations[${i}].observed' needs a date and time`);
    });
    if (local.length) {
      const rest = showFieldErrors(this.form, local.join('; '));
      if (rest.length) this.#message(rest.join('; '));
      return;
    }
    const button = this.form.querySelector('#result-submit');
    button.disabled = true;
    try {
      await this.onSubmit(result);
    } catch (err) {
      if (err?.status === 400) {
        const rest = showFieldErrors(this.form, err.message, { strip: ['result'] });
        if (rest.length) this.#message(`Not accepted: ${rest.join('; ')}`);
        else this.#message('Please correct the marked fields.');
      } else {
        this.#message(this.describe(err));
      }
    } finally {
      button.disabled = false;
    }
  }
}
