// Puts the server's validation errors next to the fields they name. The API
// answers 400 with a message naming field paths, e.g.
//   "field 'result.violations[0].location' must be a point on the globe"
//   "invalid data: title: must not be empty; window.endMillis: must be after the start"
// Form elements carry data-field="violations[0].location" (paths relative to
// the object the form edits); the closest match by path prefix gets the text.

const QUOTED = /'([A-Za-z_][\w.[\]]*)'/;
const LEADING = /^([A-Za-z_]\w*(?:\[\d+\])?(?:\.[A-Za-z_]\w*(?:\[\d+\])?)*)\s*:\s*/;
const ANY_PATH = /\b([A-Za-z_]\w*(?:\[\d+\]|\.[A-Za-z_]\w*)+)/;

/** Swift-side names that differ from the JSON the pages send. */
function normalise(path, strip) {
  let p = path;
  for (const prefix of strip) if (p.startsWith(`${prefix}.`)) p = p.slice(prefix.length + 1);
  return p.replace(/Millis\b/g, '').replace(/^assignedUnitIDs\b/, 'units');
}

/** -> [{path|null, text}] */
export function parseFieldErrors(message, strip = []) {
  const body = String(message ?? '').replace(/^invalid data:\s*/i, '');
  return body.split(/;\s+/).filter(Boolean).map((part) => {
    let m = QUOTED.exec(part);
    // The note sits under the field, so the path itself need not be repeated.
    if (m) return { path: normalise(m[1], strip), text: part.replace(/^field\s+/, '').replace(m[0], '').trim() || part };
    m = LEADING.exec(part);
    if (m) return { path: normalise(m[1], strip), text: part.slice(m[0].length) || part };
    m = ANY_PATH.exec(part);
    return { path: m ? normalise(m[1], strip) : null, text: part };
  });
}

/** Shorter and shorter prefixes: "violations[0].location" -> "violations[0]" -> "violations". */
function* prefixes(path) {
  let p = path;
  while (p) {
    yield p;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut > 0 ? p.slice(0, cut) : '';
  }
}

export function clearFieldErrors(form) {
  for (const el of form.querySelectorAll('.field-error')) el.remove();
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) el.removeAttribute('aria-invalid');
}

/**
 * Shows each error under its field; returns the texts that matched no field
 * (for the form's general message). The first bad field is scrolled to.
 */
export function showFieldErrors(form, message, { strip = [] } = {}) {
  clearFieldErrors(form);
  const unmatched = [];
  let first = null;
  for (const { path, text } of parseFieldErrors(message, strip)) {
    let target = null;
    if (path) {
      for (const p of prefixes(path)) {
        target = form.querySelector(`[data-field="${CSS.escape(p)}"]`);
        if (target) break;
      }
    }
    if (!target) { unmatched.push(text); continue; }
    const input = target.matches('input, select, textarea') ? target : target.querySelector('input, select, textarea');
    input?.setAttribute('aria-invalid', 'true');
    const note = document.createElement('div');
    note.className = 'field-error';
    note.setAttribute('role', 'alert');
    note.dataset.for = path;
    note.textContent = text;
    // After the field (or inside a group element), never inside an <input>.
    if (target.matches('input, select, textarea')) target.insertAdjacentElement('afterend', note); else target.append(note);
    first ??= input ?? target;
  }
  first?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  first?.focus?.({ preventScroll: true });
  return unmatched;
}
