// Time formatting shared by every page. Times are shown in the service's zone
// (mgisd --time-zone, read from /map-config.json), labelled, whatever zone the
// browser runs in: a dispatcher, an officer and an analyst must read the same hour
// for the same task. Fixed "YYYY-MM-DD HH:MM:SS" (sortable, unambiguous in any
// locale); the API itself only ever sees UTC.

const pad = (n, w = 2) => String(n).padStart(w, '0');

function knownZone(name) {
  if (typeof name !== 'string' || !name) return null;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return name;
  } catch {
    return null;
  }
}

// Read once per page, before any module that shows a time runs (top-level await).
const config = await fetch('/map-config.json', { cache: 'no-store' })
  .then((res) => (res.ok ? res.json() : {}))
  .catch(() => ({}));

/** The IANA zone every time on the page is shown in. */
export const TIME_ZONE = knownZone(config?.timeZone) ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

const fieldsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});
const zoneNameFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, timeZoneName: 'short' });

/** {year, month, day, hour, minute, second} (strings, zero-padded) of `ms` in the service's zone. */
export function zonedFields(ms) {
  const out = {};
  for (const part of fieldsFormat.formatToParts(new Date(ms))) out[part.type] = part.value;
  return out;
}

/** The zone's short name at `ms` ("EET", "EEST", "UTC", or "GMT+2" where it has none). */
export function zoneLabel(ms = Date.now()) {
  return zoneNameFormat.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? TIME_ZONE;
}

/** Milliseconds the service's zone is ahead of UTC at `ms`. */
function offsetAt(ms) {
  const f = zonedFields(ms);
  return Date.UTC(+f.year, +f.month - 1, +f.day, +f.hour, +f.minute, +f.second) - Math.floor(ms / 1000) * 1000;
}

/** Epoch ms from an RFC 3339 string, or null. */
export function parseTime(text) {
  if (typeof text !== 'string') return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

/** "2026-11-29 23:00:00" in the service's zone. */
export function formatLocal(ms) {
  const f = zonedFields(ms);
  return `${f.year}-${f.month}-${f.day} ${f.hour}:${f.minute}:${f.second}`;
}

/** "HH:MM" in the service's zone. */
export function formatClock(ms) {
  const f = zonedFields(ms);
  return `${f.hour}:${f.minute}`;
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
// Its value has no zone: it is wall-clock time, here in the service's zone like
// every time the pages show. Parsed by hand because Date.parse() of zone-less
// strings differed between engines for years.

/** "2026-11-29T23:00" or "…T23:00:05" (service's zone) -> epoch ms, or null. */
export function inputToMillis(value) {
  const m = /^(\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(value ?? '');
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '0'] = m;
  const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, +frac.padEnd(3, '0'));
  if (!Number.isFinite(wall)) return null;
  // The offset at the guess, then at the result: right across a DST change too.
  const guess = wall - offsetAt(wall);
  return wall - offsetAt(guess);
}

/** Epoch ms -> "2026-11-29T23:00:05" (service's zone, whole seconds; inputs use step="1"). */
export function millisToInput(ms) {
  const f = zonedFields(ms);
  return `${f.year}-${f.month}-${f.day}T${f.hour}:${f.minute}:${f.second}`;
}
