// Formatting shared by the audit modules. Times are shown in the browser's local
// zone as fixed "YYYY-MM-DD HH:MM:SS" (sortable, unambiguous in any locale) with
// the exact UTC value one hover away; the API itself only ever sees UTC.

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** Epoch ms from an RFC 3339 string, or null. */
export function parseTime(text) {
  if (typeof text !== 'string') return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

/** "2026-11-29 23:00:00" in local time. */
export function formatLocal(ms) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} `
    + `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "HH:MM" local. */
export function formatClock(ms) {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "2026-11-29T21:00:00.250Z": what the API sends and accepts. */
export function formatUTC(ms) {
  return new Date(ms).toISOString();
}

/** "3 ms", "250 ms", "1.2 s", "2 min 5 s". */
export function formatDuration(ms) {
  if (!Number.isFinite(ms)) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** 1234567 -> "1 234 567" style grouping in the user's locale. */
const numberFormat = new Intl.NumberFormat();
export function formatCount(n) {
  return Number.isFinite(n) ? numberFormat.format(n) : '–';
}

/** Long hex for display: "3f9a1c0d2b7e…a04c11". The full value stays in title/copy. */
export function shortHash(hex, head = 12, tail = 6) {
  if (typeof hex !== 'string') return '';
  return hex.length <= head + tail + 1 ? hex : `${hex.slice(0, head)}…${hex.slice(-tail)}`;
}

// ---- <input type="datetime-local"> ------------------------------------------------
// Its value has no zone: it is the user's wall-clock time. Parsed by hand because
// Date.parse() of zone-less strings differed between engines for years.

/** "2026-11-29T23:00" or "…T23:00:05" (local) -> epoch ms, or null. */
export function inputToMillis(value) {
  const m = /^(\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(value ?? '');
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '0'] = m;
  const ms = new Date(+y, +mo - 1, +d, +h, +mi, +s, +frac.padEnd(3, '0')).getTime();
  return Number.isFinite(ms) ? ms : null;
}

/** Epoch ms -> "2026-11-29T23:00:05" (local, whole seconds; inputs use step="1"). */
export function millisToInput(ms) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
    + `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
