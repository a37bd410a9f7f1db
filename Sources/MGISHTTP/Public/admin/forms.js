// Submitting a create/edit form of the admin page. The server words its
// refusals itself (400 invalid_field "field 'name' ..."); they are put next to
// the field they name with the dispatcher console's field-errors module, and
// whatever names no field (a taken name, an unknown unit) goes to the form's
// own .form-error line, so the admin sees it where they were typing.

import { showFieldErrors, clearFieldErrors } from '/common/field-errors.js';

export { clearFieldErrors };

/** The form's general error line (created on first use, before the buttons). */
function noteOf(form) {
  let note = form.querySelector(':scope .form-error');
  if (!note) {
    note = document.createElement('p');
    note.className = 'form-error';
    note.setAttribute('role', 'alert');
    const buttons = form.querySelector('.form-buttons');
    if (buttons) buttons.before(note); else form.append(note);
  }
  return note;
}

export function clearForm(form) {
  clearFieldErrors(form);
  noteOf(form).textContent = '';
}

/**
 * Shows an error for `form`: a 400's message field by field, anything else
 * (or the rest) in the form's error line. `describe(err)` words other failures.
 */
export function showFormError(form, err, describe) {
  const note = noteOf(form);
  if (err?.status === 400) {
    const rest = showFieldErrors(form, err.message);
    note.textContent = rest.join('; ');
  } else {
    clearFieldErrors(form);
    note.textContent = describe(err);
  }
}

/** The named text fields of `form` as a body; empty ones are left out, so the server names what is missing. */
export function fieldsOf(form, names) {
  const body = {};
  for (const name of names) {
    const value = form.elements[name].value.trim();
    if (value) body[name] = value;
  }
  return body;
}

/** A check the page makes itself before sending, shown like the server's: "field 'unit' ...". */
export function refuse(form, field, problem) {
  noteOf(form).textContent = '';
  showFieldErrors(form, `field '${field}' ${problem}`);
}

/**
 * Runs `action` for `form` with its submit button disabled (no double
 * submission of a create). handleError(err) returns true when it dealt with
 * the failure itself (an ended session); notify('') clears the page message
 * of the previous action, which would read as if it were about this one.
 * Returns true on success.
 */
export async function runForm(form, action, { describe, handleError, notify }) {
  const button = form.querySelector('button[type="submit"]');
  clearForm(form);
  notify?.('');
  if (button) button.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    await action();
    return true;
  } catch (err) {
    if (!handleError(err)) showFormError(form, err, describe);
    return false;
  } finally {
    if (button) button.disabled = false;
    form.removeAttribute('aria-busy');
  }
}
