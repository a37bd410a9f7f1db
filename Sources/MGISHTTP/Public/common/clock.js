// Wall clock, age formatting and a once-per-second ticker.

import { TIME_ZONE, zonedFields, zoneLabel } from '/common/format.js';

// Locale-formatted date ("Sun, Nov 29, 2026" / "2026 m. lapkričio 29 d., sk"),
// so the screen follows the kiosk's language settings.
// The day is the service's, like every time on the pages.
const dateFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: TIME_ZONE,
});

/** HH:MM:SS in the service's zone, always 24 h regardless of locale. */
export function formatTime(d) {
  const f = zonedFields(d.getTime());
  return `${f.hour}:${f.minute}:${f.second}`;
}

/** "Mon, 7 Dec 2026 EET": the date and the zone every time on the page is in. */
export function formatDate(d) {
  return `${dateFormat.format(d)} ${zoneLabel(d.getTime())}`;
}

/** Short age for marker labels: "12 s", "3 min", "5 h", "2 d". */
export function formatAge(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h`;
  return `${Math.floor(h / 24)} d`;
}

/**
 * Calls fn(now) right away and then just after every wall-clock second.
 * Re-aligning with setTimeout each time avoids setInterval drift, so the
 * displayed seconds change together with the real ones.
 */
export function everySecond(fn) {
  let timer = null;
  const tick = () => {
    const now = Date.now();
    fn(now);
    timer = setTimeout(tick, 1000 - (now % 1000) + 5);
  };
  tick();
  return () => clearTimeout(timer);
}

/** Keeps a time element and a date element up to date. */
export function renderClock(timeEl, dateEl, now) {
  const d = new Date(now);
  timeEl.textContent = formatTime(d);
  dateEl.textContent = formatDate(d);
  timeEl.dateTime = d.toISOString();
}
