// Wall clock, age formatting and a once-per-second ticker.

const pad = (n) => String(n).padStart(2, '0');

// Locale-formatted date ("Sun, Nov 29, 2026" / "2026 m. lapkričio 29 d., sk"),
// so the screen follows the kiosk's language settings.
const dateFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short', year: 'numeric', month: 'short', day: 'numeric',
});

/** Local time as HH:MM:SS, always 24 h regardless of locale. */
export function formatTime(d) {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function formatDate(d) {
  return dateFormat.format(d);
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
