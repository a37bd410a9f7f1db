// Timeline of the entries currently listed, as a hand-drawn SVG bar chart:
// entries bucketed per minute, hour or day (whichever keeps the bar count
// readable for the span), each bar stacked by outcome. Choosing a bar hands its
// time range back to the page, which narrows the search to it.
//
// The SVG is drawn 1:1 in CSS pixels (viewBox = measured width) so text and
// bars stay crisp and unstretched; the page redraws it when the width changes.

import { formatClock, formatLocal } from '/common/format.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
export const OUTCOMES = ['ok', 'denied', 'error']; // stacking order, bottom up
const HEIGHT = 150;
const M = { top: 12, right: 14, bottom: 38, left: 44 };
const MIN_LABEL_GAP = 64; // px between x labels
// A result set inside one or two buckets would otherwise be drawn as a wall-wide
// slab; pad the axis with empty buckets and keep bars bar-shaped.
const MIN_BUCKETS = 12;
const MAX_BAR_WIDTH = 36;

const MINUTE = 60_000;
const HOUR = 3_600_000;
// Bucket unit by span: at most ~180 minute bars, ~170 hour bars, then days.
const MAX_MINUTE_SPAN = 3 * HOUR;
const MAX_HOUR_SPAN = 7 * 24 * HOUR;

// Label steps (in buckets) worth reading: round clock values.
const STEPS = {
  minute: [1, 2, 5, 10, 15, 30, 60, 120, 180],
  hour: [1, 2, 3, 6, 12, 24, 48, 72, 168],
  day: [1, 2, 7, 14, 28, 56, 91, 182, 364],
};

const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

export function chooseUnit(spanMs) {
  if (spanMs <= MAX_MINUTE_SPAN) return 'minute';
  if (spanMs <= MAX_HOUR_SPAN) return 'hour';
  return 'day';
}

/** Start of the local minute/hour/day containing ms (local, so days start at local midnight). */
export function bucketStart(ms, unit) {
  const d = new Date(ms);
  if (unit === 'minute') d.setSeconds(0, 0);
  else if (unit === 'hour') d.setMinutes(0, 0, 0);
  else d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Start of the following bucket; days via the calendar, as DST days last 23 or 25 h. */
export function nextBucket(start, unit) {
  if (unit === 'minute') return start + MINUTE;
  if (unit === 'hour') return start + HOUR;
  const d = new Date(start);
  d.setDate(d.getDate() + 1);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/**
 * Groups entries into consecutive buckets (empty ones included, so gaps show
 * as gaps). Returns null for no datable entries.
 */
export function bucketize(entries) {
  const times = [];
  for (const e of entries) {
    const t = Date.parse(e?.time);
    if (Number.isFinite(t)) times.push([t, e.outcome]);
  }
  if (!times.length) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const [t] of times) { min = Math.min(min, t); max = Math.max(max, t); }
  const unit = chooseUnit(max - min);

  const starts = [];
  for (let s = bucketStart(min, unit); s <= max; s = nextBucket(s, unit)) starts.push(s);
  // Pad: half the missing buckets before the data, the rest after it.
  for (let k = Math.floor((MIN_BUCKETS - starts.length) / 2); k > 0; k -= 1) {
    starts.unshift(bucketStart(starts[0] - 1, unit));
  }
  while (starts.length < MIN_BUCKETS) starts.push(nextBucket(starts.at(-1), unit));

  const buckets = [];
  const byStart = new Map();
  for (const s of starts) {
    const b = { start: s, end: nextBucket(s, unit), ok: 0, denied: 0, error: 0, total: 0 };
    buckets.push(b);
    byStart.set(s, b);
  }
  const counts = { ok: 0, denied: 0, error: 0 };
  for (const [t, outcome] of times) {
    if (!OUTCOMES.includes(outcome)) continue; // unknown outcome: listed in the table, not drawn
    const b = byStart.get(bucketStart(t, unit));
    b[outcome] += 1;
    b.total += 1;
    counts[outcome] += 1;
  }
  return { unit, buckets, counts, maxTotal: Math.max(...buckets.map((b) => b.total)) };
}

/** 1, 2, 5, 10, 20, 50, ... >= n: a y-axis top that gives round tick labels. */
export function niceCeil(n) {
  if (n <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text != null) node.textContent = text;
  return node;
}

function rangeText(b, unit) {
  if (unit === 'day') return dayFormat.format(new Date(b.start));
  return `${formatLocal(b.start).slice(0, 10)} ${formatClock(b.start)}–${formatClock(b.end)}`;
}

function countsText(b) {
  return OUTCOMES.filter((o) => b[o]).map((o) => `${b[o]} ${o}`).join(', ');
}

/** Whether bucket i gets an x label: on round clock values, else every `step`-th. */
function labelled(b, i, unit, step) {
  const d = new Date(b.start);
  if (unit === 'minute' && 1440 % step === 0) return (d.getHours() * 60 + d.getMinutes()) % step === 0;
  if (unit === 'hour' && 24 % step === 0) return d.getHours() % step === 0;
  return i % step === 0;
}

function drawXAxis(svg, data, x0, bw, baseY) {
  const { unit, buckets } = data;
  const step = STEPS[unit].find((k) => k * bw >= MIN_LABEL_GAP) ?? STEPS[unit].at(-1);
  let lastX = -Infinity;
  let lastSub = '';
  buckets.forEach((b, i) => {
    if (i !== 0 && !labelled(b, i, unit, step)) return;
    const x = x0 + i * bw;
    if (x - lastX < MIN_LABEL_GAP) return; // the forced first label may crowd an aligned one
    lastX = x;
    const d = new Date(b.start);
    const main = unit === 'day' ? dayFormat.format(d) : formatClock(b.start);
    // Second line only when it changes: the date under times, the year under days.
    const sub = unit === 'day' ? String(d.getFullYear()) : dayFormat.format(d);
    svg.append(el('line', { class: 'tick', x1: x, x2: x, y1: baseY, y2: baseY + 4 }));
    const text = el('text', { class: 'axis-label', x, y: baseY + 16 }, main);
    if (sub !== lastSub) {
      text.append(el('tspan', { x, dy: 14, class: 'axis-sub' }, sub));
      lastSub = sub;
    }
    svg.append(text);
  });
}

function drawYAxis(svg, top, x0, x1, baseY, plotH) {
  const ticks = top >= 2 ? [0, top / 2, top] : [0, top];
  for (const v of ticks) {
    const y = baseY - (v / top) * plotH;
    svg.append(el('line', { class: v === 0 ? 'axis' : 'grid', x1: x0, x2: x1, y1: y, y2: y }));
    if (Number.isInteger(v)) svg.append(el('text', { class: 'axis-label y', x: x0 - 6, y: y + 4 }, String(v)));
  }
}

/**
 * Draws `entries` into svg#timeline. onPick({from, to, keyboard}) gets the chosen
 * bucket as epoch ms, `to` inclusive (the API's `to` is inclusive). Returns the
 * bucketing (null when there is nothing to draw) for captions and the legend.
 */
export function renderTimeline(svg, entries, { width, onPick }) {
  const w = Math.max(240, Math.floor(width));
  svg.setAttribute('viewBox', `0 0 ${w} ${HEIGHT}`);
  svg.setAttribute('height', String(HEIGHT));
  svg.replaceChildren();
  const data = bucketize(entries);
  const plotW = w - M.left - M.right;
  const plotH = HEIGHT - M.top - M.bottom;
  const baseY = M.top + plotH;

  if (!data) {
    svg.append(el('line', { class: 'axis', x1: M.left, x2: w - M.right, y1: baseY, y2: baseY }));
    svg.append(el('text', { class: 'empty-label', x: M.left + plotW / 2, y: M.top + plotH / 2 }, 'No events to draw'));
    svg.setAttribute('aria-label', 'Timeline: no events');
    return null;
  }

  const top = niceCeil(data.maxTotal);
  const bw = plotW / data.buckets.length;
  const gap = bw >= 6 ? 2 : bw >= 3 ? 1 : 0;
  drawYAxis(svg, top, M.left, w - M.right, baseY, plotH);

  const groups = [];
  data.buckets.forEach((b, i) => {
    if (!b.total) return;
    const bwDrawn = Math.min(MAX_BAR_WIDTH, Math.max(1, bw - gap));
    const x = M.left + i * bw + (bw - bwDrawn) / 2;
    const label = `${rangeText(b, data.unit)}: ${countsText(b)}. Search this ${data.unit}.`;
    const g = el('g', { class: 'bucket', role: 'button', tabindex: -1, 'aria-label': label });
    g.dataset.start = String(b.start);
    g.dataset.end = String(b.end);
    g.append(el('title', {}, label));
    // Full-height transparent target: a bar of one event is too small to hit.
    g.append(el('rect', { class: 'hit', x: M.left + i * bw, y: M.top, width: Math.max(bw, 1), height: plotH }));
    let y = baseY;
    for (const o of OUTCOMES) {
      if (!b[o]) continue;
      const h = Math.max(1, (b[o] / top) * plotH);
      y -= h;
      const r = el('rect', { class: `bar bar-${o}`, x, y, width: bwDrawn, height: h });
      r.dataset.outcome = o;
      r.dataset.count = String(b[o]);
      g.append(r);
    }
    groups.push(g);
    svg.append(g);
  });
  drawXAxis(svg, data, M.left, bw, baseY);

  // Roving tabindex: one Tab stop for the chart, arrow keys move between bars.
  if (groups.length) groups[0].setAttribute('tabindex', '0');
  const pick = (g, keyboard) => onPick?.({ from: Number(g.dataset.start), to: Number(g.dataset.end) - 1, keyboard });
  svg.onclick = (ev) => {
    const g = ev.target.closest?.('g.bucket');
    if (g) pick(g, false);
  };
  svg.onkeydown = (ev) => {
    const g = ev.target.closest?.('g.bucket');
    if (!g) return;
    const i = groups.indexOf(g);
    let j = i;
    if (ev.key === 'ArrowRight' || ev.key === 'ArrowDown') j = Math.min(groups.length - 1, i + 1);
    else if (ev.key === 'ArrowLeft' || ev.key === 'ArrowUp') j = Math.max(0, i - 1);
    else if (ev.key === 'Home') j = 0;
    else if (ev.key === 'End') j = groups.length - 1;
    else if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); pick(g, true); return; }
    else return;
    ev.preventDefault();
    g.setAttribute('tabindex', '-1');
    groups[j].setAttribute('tabindex', '0');
    groups[j].focus();
  };

  const first = data.buckets[0];
  const last = data.buckets.at(-1);
  svg.setAttribute('aria-label',
    `Timeline per ${data.unit} from ${formatLocal(first.start)} to ${formatLocal(last.end)}: `
    + `${data.counts.ok} ok, ${data.counts.denied} denied, ${data.counts.error} error. `
    + 'Use the arrow keys to move between bars and Enter to search a bar\'s time range.');
  return data;
}
