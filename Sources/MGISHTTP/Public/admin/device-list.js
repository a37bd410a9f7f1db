// What the trackers table shows of a fleet of hundreds: the trackers matching the
// search (id, name, IMEI, or the call sign or name of their unit), one page at a
// time, and each tracker's last report as "online" or an age.

import { formatAge } from '/common/clock.js';

export const PAGE_SIZE = 50;
/** A tracker that reported within this long is online (the maps' stale limit too). */
export const ONLINE_WITHIN_MS = 120_000;

/** Whether `device` matches the search text (case-insensitive; empty matches all). */
export function matches(device, text, units) {
  const q = text.trim().toLowerCase();
  if (!q) return true;
  const unit = units.find((u) => String(u.id) === String(device.unit));
  return [String(device.id), device.name, device.imei, unit?.callSign, unit?.name]
    .some((v) => typeof v === 'string' && v.toLowerCase().includes(q));
}

/** {rows, page, pages, total}: page `page` (0-based, clamped) of the matching devices. */
export function pageOf(devices, text, units, page) {
  const found = devices.filter((d) => matches(d, text, units));
  const pages = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  return { rows: found.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE), page: current, pages, total: found.length };
}

/** {online, text}: "online" within ONLINE_WITHIN_MS, else "5 min ago", or "never". */
export function lastSeen(device, now = Date.now()) {
  const at = Date.parse(device.lastSeen ?? '');
  if (!Number.isFinite(at)) return { online: false, text: 'never' };
  const age = now - at;
  return age <= ONLINE_WITHIN_MS ? { online: true, text: 'online' } : { online: false, text: `${formatAge(age)} ago` };
}
