// Trend chart (#trend-chart): counts per week or month, the total as bars and
// each type as a line, with the change against the previous period in the
// tooltips and in the summary underneath.

import { svgEl, svgText, niceTicks } from './svg.js';

const W = 460;
const H = 190;
const PAD = { left: 34, right: 8, top: 10, bottom: 22 };

const pct = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
const signed = new Intl.NumberFormat(undefined, { signDisplay: 'exceptZero' });
const eur = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

export function changeText(b) {
  if (!b || b.countChange == null) return 'no previous period';
  const p = b.countChangePercent == null ? '' : ` (${pct.format(b.countChangePercent)} %)`;
  return `${signed.format(b.countChange)}${p} vs previous`;
}

export class TrendChart {
  /** typeInfo(code) -> {label, colour}. */
  constructor(svg, summary, { typeInfo }) {
    this.svg = svg;
    this.summary = summary;
    this.typeInfo = typeInfo;
    this.hiddenTypes = new Set();
    this.data = null;
    svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  }

  #label(iso, period, tz, long = false) {
    const opts = period === 'month'
      ? { month: long ? 'long' : 'short', year: long ? 'numeric' : '2-digit', timeZone: tz }
      : { day: 'numeric', month: 'short', ...(long ? { year: 'numeric' } : {}), timeZone: tz };
    try { return new Intl.DateTimeFormat(undefined, opts).format(new Date(iso)); } catch { return iso.slice(0, 10); }
  }

  render(data) {
    this.data = data;
    const svg = this.svg;
    const total = Array.isArray(data?.total) ? data.total : [];
    const period = data?.period === 'month' ? 'month' : 'week';
    const tz = data?.timeZone || 'UTC';
    const byType = (Array.isArray(data?.byType) ? data.byType : []).filter((t) => Array.isArray(t.buckets));
    svg.dataset.buckets = String(total.length);
    svg.dataset.period = period;
    const nodes = [];
    if (!total.length) {
      nodes.push(svgText(W / 2, H / 2, 'No violations for these filters', { class: 'axis empty-note', 'text-anchor': 'middle' }));
      svg.replaceChildren(...nodes);
      this.#summary(null, [], period, tz);
      return;
    }
    const max = Math.max(1, ...total.map((b) => Number(b.count) || 0));
    const ticks = niceTicks(max, 4);
    const top = ticks[ticks.length - 1];
    const iw = W - PAD.left - PAD.right;
    const ih = H - PAD.top - PAD.bottom;
    const step = iw / total.length;
    const x = (i) => PAD.left + i * step;
    const y = (v) => PAD.top + ih - (v / top) * ih;

    for (const t of ticks) {
      nodes.push(svgEl('line', { class: 'grid-line', x1: PAD.left, x2: W - PAD.right, y1: y(t), y2: y(t) }));
      nodes.push(svgText(PAD.left - 4, y(t) + 3.5, String(t), { class: 'axis', 'text-anchor': 'end' }));
    }
    const now = Date.now();
    total.forEach((b, i) => {
      const n = Number(b.count) || 0;
      const partial = i === total.length - 1 && this.#inProgress(b.start, period, now);
      nodes.push(svgEl('rect', {
        class: `bar${partial ? ' partial' : ''}`, x: x(i) + step * 0.12, width: Math.max(1, step * 0.76), y: y(n), height: Math.max(0, y(0) - y(n)),
        'data-count': n, 'data-start': b.start,
      }, `${period === 'week' ? 'Week of ' : ''}${this.#label(b.start, period, tz, true)}${partial ? ' (so far)' : ''}: ${n} violation${n === 1 ? '' : 's'}`
        + `${b.valueEUR ? `, ${eur.format(b.valueEUR)}` : ''}\n${changeText(b)}`));
    });
    // Per-type lines, each point on its bar's centre.
    for (const t of byType) {
      if (this.hiddenTypes.has(t.type)) continue;
      const info = this.typeInfo(t.type);
      const index = new Map(t.buckets.map((b) => [b.start, b]));
      const pts = total.map((b, i) => [x(i) + step / 2, y(Number(index.get(b.start)?.count) || 0)]);
      nodes.push(svgEl('polyline', {
        class: 'type-line', 'data-type': t.type, points: pts.map((p) => p.map((v) => v.toFixed(1)).join(',')).join(' '), stroke: info.colour,
      }, info.label));
      if (total.length <= 60) {
        total.forEach((b, i) => {
          const tb = index.get(b.start);
          nodes.push(svgEl('circle', { class: 'type-dot', cx: pts[i][0].toFixed(1), cy: pts[i][1].toFixed(1), r: 2.2, fill: info.colour },
            `${info.label}, ${this.#label(b.start, period, tz, true)}: ${Number(tb?.count) || 0}\n${changeText(tb)}`));
        });
      }
    }
    // Date labels: about six, never overlapping.
    const every = Math.max(1, Math.ceil(total.length / 6));
    total.forEach((b, i) => {
      if (i % every) return;
      nodes.push(svgText(x(i) + step / 2, H - 6, this.#label(b.start, period, tz), { class: 'axis', 'text-anchor': 'middle' }));
    });
    nodes.push(svgEl('line', { class: 'axis-line', x1: PAD.left, x2: W - PAD.right, y1: y(0), y2: y(0) }));
    svg.replaceChildren(...nodes);
    this.#summary(total, byType, period, tz);
  }

  #inProgress(start, period, now) {
    const s = Date.parse(start);
    if (!Number.isFinite(s)) return false;
    const length = period === 'month' ? 31 * 86_400_000 : 7 * 86_400_000;
    return now < s + length;
  }

  #summary(total, byType, period, tz) {
    const el = this.summary;
    if (!el) return;
    el.replaceChildren();
    if (!total?.length) return;
    // The headline compares the last complete period; the running one is noted after it.
    const running = total.length >= 2 && this.#inProgress(total[total.length - 1].start, period, Date.now())
      ? total[total.length - 1] : null;
    const last = running ? total[total.length - 2] : total[total.length - 1];
    const head = document.createElement('p');
    head.className = 'trend-head';
    const partial = !running && this.#inProgress(last.start, period, Date.now());
    const strong = document.createElement('strong');
    strong.textContent = `${last.count}`;
    head.append(
      `${period === 'week' ? 'Week of' : ''} ${this.#label(last.start, period, tz, true)}${partial ? ' (so far)' : ''}: `.trimStart(),
      strong,
      ` violations, `,
      this.#change(last),
    );
    if (running) {
      const now = document.createElement('span');
      now.className = 'trend-now';
      now.textContent = ` · this ${period} so far: ${running.count}`;
      head.append(now);
    }
    el.append(head);
    const list = document.createElement('ul');
    list.className = 'trend-types';
    for (const t of byType) {
      const info = this.typeInfo(t.type);
      const tl = t.buckets.find((b) => b.start === last.start);
      const li = document.createElement('li');
      li.dataset.type = t.type;
      li.classList.toggle('off', this.hiddenTypes.has(t.type));
      li.title = 'Click to show or hide this type in the chart';
      const sw = document.createElement('span');
      sw.className = 'legend-dot';
      sw.style.background = info.colour;
      li.append(sw, `${info.label}: ${Number(tl?.count) || 0} `, this.#change(tl, true));
      li.addEventListener('click', () => {
        if (this.hiddenTypes.has(t.type)) this.hiddenTypes.delete(t.type); else this.hiddenTypes.add(t.type);
        this.render(this.data);
      });
      list.append(li);
    }
    el.append(list);
  }

  #change(b, short = false) {
    const span = document.createElement('span');
    span.className = 'change';
    if (!b || b.countChange == null) {
      span.textContent = short ? '' : 'no previous period';
      return span;
    }
    span.dataset.sign = b.countChange > 0 ? 'up' : b.countChange < 0 ? 'down' : 'same';
    const arrow = b.countChange > 0 ? '▲' : b.countChange < 0 ? '▼' : '=';
    span.textContent = short ? `${arrow}${Math.abs(b.countChange)}` : `${arrow} ${changeText(b)}`;
    return span;
  }
}
