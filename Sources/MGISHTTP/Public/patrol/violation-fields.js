// The fields of one violation, shared by the task report's violation rows
// (result-form.js) and the "Report a violation here" form (violation-report.js).
// Every field's wrapper carries data-field with the path the server names in a
// 400 message, so /dispatch/field-errors.js puts the text next to the field.

import { VIOLATION_TYPES, humanize, h } from '/common/task-format.js';

/** Used until (or if never) GET /api/v1/violation-types answers. */
export const DEFAULT_TYPES = VIOLATION_TYPES.map((code) => ({ code, label: humanize(code) }));

/** "12,5" -> 12.5, "" -> null, "abc" -> NaN (a local error, not a silent 0). */
export function numberOrNull(text, integer = false) {
  const s = String(text ?? '').trim().replace(',', '.');
  if (!s) return null;
  const n = Number(s);
  return integer ? (Number.isInteger(n) ? n : NaN) : n;
}

/** Replaces the options of a type <select>, keeping the chosen type if it still exists. */
export function fillTypes(select, types) {
  const chosen = select.value;
  select.replaceChildren(...types.map((t) => h('option', { value: t.code }, t.label || humanize(t.code))));
  if (types.some((t) => t.code === chosen)) select.value = chosen;
}

/**
 * The inputs of one violation: type, goods, quantity + unit, value, plate +
 * country and (with `road`) road or crossing.
 *   id(name)   -> the input's element id
 *   path(name) -> its data-field path ("violations[0].type", or just "type")
 */
export function violationFields({ id, path = (name) => name, types = DEFAULT_TYPES, road = false }) {
  const field = (name, label, input) => h('div', { class: 'field', dataset: { field: path(name) } },
    h('label', { for: id(name) }, label), input);
  const input = (name, attrs = {}) => h('input', { id: id(name), name, ...attrs });
  const type = h('select', { id: id('type'), name: 'type' });
  fillTypes(type, types);
  return [
    field('type', 'Type', type),
    field('goodsDescription', 'Goods', input('goodsDescription', { placeholder: 'e.g. 200 packs of cigarettes' })),
    h('div', { class: 'row2' },
      field('quantity', 'Quantity', input('quantity', { inputmode: 'decimal' })),
      field('quantityUnit', 'Unit', input('quantityUnit', { placeholder: 'packs, l, kg', maxlength: '16' }))),
    field('estimatedValueEUR', 'Value (EUR)', input('estimatedValueEUR', { inputmode: 'decimal' })),
    h('div', { class: 'row2' },
      field('vehiclePlate', 'Plate', input('vehiclePlate', { autocapitalize: 'characters', autocomplete: 'off', spellcheck: 'false', maxlength: '16' })),
      field('vehicleCountry', 'Country', input('vehicleCountry', { autocapitalize: 'characters', autocomplete: 'off', spellcheck: 'false', maxlength: '2', placeholder: 'LT' }))),
    road && field('roadOrCrossing', 'Road or crossing', input('roadOrCrossing', { placeholder: 'e.g. A1 km 12, Medininkai', maxlength: '200' })),
  ].filter(Boolean);
}

/**
 * The values of the inputs made by violationFields() inside `container`.
 * Optional fields are left out when empty rather than sent as ""; a number
 * that does not parse is NaN (the caller reports it).
 */
export function readViolationFields(container) {
  const v = (name) => container.querySelector(`[name=${name}]`)?.value.trim() ?? '';
  const out = { type: v('type'), goodsDescription: v('goodsDescription') };
  const quantity = numberOrNull(v('quantity'));
  if (quantity !== null) out.quantity = quantity;
  if (v('quantityUnit')) out.quantityUnit = v('quantityUnit');
  const value = numberOrNull(v('estimatedValueEUR'));
  if (value !== null) out.estimatedValueEUR = value;
  if (v('vehiclePlate')) out.vehiclePlate = v('vehiclePlate').toUpperCase();
  if (v('vehicleCountry')) out.vehicleCountry = v('vehicleCountry').toUpperCase();
  if (v('roadOrCrossing')) out.roadOrCrossing = v('roadOrCrossing');
  return out;
}
