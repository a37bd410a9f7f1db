// The verification panel: how many entries the log holds, the latest signed
// checkpoint, and one badge that says whether the log can be trusted. The badge
// carries its state in data-state (verified | failed | none | unavailable, plus
// "loading" before the first answer) for CSS and for automated tests.

import { formatCount, formatLocal, formatUTC, parseTime, shortHash } from '/common/format.js';

const $ = (id) => document.getElementById(id);

// Text and symbol per state: the symbol keeps the meaning without colour.
const BADGES = {
  loading: ['…', 'Checking the audit log…'],
  verified: ['✓', 'Signed checkpoint verified'],
  failed: ['✗', 'Checkpoint does not verify'],
  none: ['–', 'No checkpoint yet'],
  unavailable: ['!', 'Audit store unavailable'],
};

/**
 * Badge state for a status answer. An unhealthy store wins: whatever the last
 * checkpoint says, new events are not being recorded right now.
 */
export function verifyState(status) {
  if (!status || status.healthy !== true) return 'unavailable';
  const cp = status.checkpoint;
  if (cp == null) return 'none';
  return cp.signatureValid === true && cp.matchesLog === true ? 'verified' : 'failed';
}

function setBadge(state, detail = '') {
  const el = $('verify-status');
  const [symbol, text] = BADGES[state];
  el.dataset.state = state;
  el.querySelector('.badge-symbol').textContent = symbol;
  el.querySelector('.badge-text').textContent = text;
  $('verify-detail').textContent = detail;
}

function setFact(id, text, title = '') {
  const el = $(id);
  el.textContent = text;
  if (title) el.title = title; else el.removeAttribute('title');
}

/** Why a checkpoint fails, in words; empty when it verifies. */
function failureReason(cp) {
  const reasons = [];
  if (cp.signatureValid !== true) reasons.push('the signature is not valid for the audit key');
  if (cp.matchesLog !== true) reasons.push('the signed root hash does not match the stored log');
  return reasons.length ? `Possible tampering: ${reasons.join(' and ')}.` : '';
}

/** Renders a GET /api/v1/audit/status answer. */
export function renderStatus(status, now = Date.now()) {
  const state = verifyState(status);
  const cp = status?.checkpoint ?? null;
  let detail = '';
  if (state === 'unavailable') detail = 'New events cannot be recorded; changes are refused until the log can be written.';
  else if (state === 'failed') detail = failureReason(cp);
  else if (state === 'none') detail = 'No entry can be checked against a signature yet: mgisd signs checkpoints periodically (when configured) and on shutdown.';
  else if (cp && Number.isFinite(status.entries) && status.entries > cp.treeSize) {
    detail = `${formatCount(status.entries - cp.treeSize)} newer entries are not covered by a checkpoint yet.`;
  }
  setBadge(state, detail);

  setFact('verify-entries', formatCount(status?.entries));
  const t = parseTime(cp?.time);
  setFact('verify-size', cp ? formatCount(cp.treeSize) : '–');
  setFact('verify-time', t == null ? '–' : formatLocal(t), t == null ? '' : `UTC ${formatUTC(t)}`);
  setFact('verify-root', cp?.rootHash ? shortHash(cp.rootHash) : '–', cp?.rootHash ?? '');
  setFact('verify-key', cp?.keyID ? shortHash(cp.keyID, 8, 4) : '–', cp?.keyID ? `Key ID ${cp.keyID}` : '');
  $('copy-root').hidden = !cp?.rootHash;
  $('copy-root').dataset.value = cp?.rootHash ?? '';
  $('verify-updated').textContent = `Checked ${formatLocal(now).slice(11)}`;
}

/** The status call itself failed (5xx, network): say so instead of showing old data as current. */
export function renderStatusError(text, now = Date.now()) {
  setBadge('unavailable', text);
  $('verify-updated').textContent = `Last attempt ${formatLocal(now).slice(11)}`;
}

export function resetStatus() {
  setBadge('loading');
  for (const id of ['verify-entries', 'verify-size', 'verify-time', 'verify-root', 'verify-key']) setFact(id, '–');
  $('copy-root').hidden = true;
  $('verify-updated').textContent = '';
}

/**
 * Copies text. navigator.clipboard exists only in secure contexts, and mgisd is
 * often reached over plain HTTP on a LAN, hence the execCommand fallback.
 */
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch { /* permission denied: try the old way */ }
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.opacity = '0';
  document.body.append(ta);
  ta.select();
  let ok = false;
  try { ok = document.execCommand('copy'); } catch { ok = false; }
  ta.remove();
  return ok;
}

/** Wires the copy button; feedback goes to a polite live region next to it. */
export function initCopyButton() {
  const btn = $('copy-root');
  const note = $('copy-note');
  let timer = null;
  btn.addEventListener('click', async () => {
    const value = btn.dataset.value ?? '';
    const ok = await copyText(value);
    // On failure show the whole hash so it can at least be selected by hand.
    note.textContent = ok ? 'Copied' : `Copy not allowed here: ${value}`;
    note.dataset.ok = String(ok);
    clearTimeout(timer);
    timer = setTimeout(() => { note.textContent = ''; }, ok ? 2500 : 30_000);
  });
}
