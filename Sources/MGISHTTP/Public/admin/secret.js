// The box that shows a secret the server gives out only once: a new tracker's
// MTP/1 key or a new token. The server keeps only a hash of a token and never
// shows a key again, so the box stays until the admin closes it, says so
// plainly, and offers a copy button. It is emptied on sign-out, so the secret
// does not stay on a shared screen.

import { h } from './dom.js';

/** Copies `text`; the Clipboard API needs a secure context, so plain-HTTP pages fall back to a selection. */
async function copy(text, source) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    try { return document.execCommand('copy'); } catch { return false; }
  }
}

/**
 * box: an empty element of the page (hidden). title: what was made; value: the
 * secret; link: an optional {href, text} using it (the wall display link).
 */
export function showSecret(box, { title, value, link = null, hint = '' }) {
  const code = h('code', { className: 'secret-value' }, value);
  const copyButton = (text, source) => h('button', {
    type: 'button',
    className: 'primary small',
    on: {
      click: async () => {
        const ok = await copy(source.textContent, source);
        box.querySelector('.copy-status').textContent = ok ? 'Copied.' : 'Select it and copy it by hand.';
      },
    },
  }, text);
  const close = h('button', { type: 'button', className: 'secondary small' }, 'Done, I have copied it');
  close.addEventListener('click', () => clearSecret(box));

  const parts = [
    h('h3', {}, title),
    h('p', { className: 'secret-warning' }, h('strong', {}, 'Copy it now: it is not shown again.'), hint ? ` ${hint}` : ''),
    h('div', { className: 'secret-row' }, code, copyButton('Copy', code)),
  ];
  if (link) {
    const anchor = h('a', { className: 'display-link', href: link.href, target: '_blank', rel: 'noopener noreferrer' }, link.href);
    parts.push(h('p', { className: 'secret-link' }, `${link.text}: `, anchor), h('div', { className: 'secret-row' }, copyButton('Copy link', anchor)));
  }
  parts.push(h('p', { className: 'copy-status small', role: 'status' }));
  parts.push(h('div', { className: 'form-buttons' }, close));
  box.replaceChildren(...parts);
  box.hidden = false;
  box.scrollIntoView?.({ block: 'nearest' });
}

export function clearSecret(box) {
  box.replaceChildren();
  box.hidden = true;
}
