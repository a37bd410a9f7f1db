// Hour × weekday heat matrix (#heat-matrix): 7 rows Monday..Sunday × 24 hour
// columns in the analysis time zone, each a rect.cell with data-weekday (ISO,
// 1 = Monday), data-hour and data-count, the count in its tooltip; weekday
// totals on the right, hour totals as bars underneath.

import { svgEl, svgText } from './svg.js';
import { heat, scaled } from './colours.js';

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const CW = 14;       // cell width
const CH = 15;       // cell height
const LEFT = 34;
const TOP = 14;
const RIGHT = 34;
const BARS = 22;     // hour totals strip

const hh = (h) => `${String(h).padStart(2, '0')}:00`;

export class HeatMatrix {
  constructor(svg, caption) {
    this.svg = svg;
    this.caption = caption;
    this.render(null);
  }

  /** data: {timeZone, counts: 7 × 24, total} or null (empty grid). */
  render(data) {
    const svg = this.svg;
    const counts = Array.from({ length: 7 }, (_, d) => Array.from({ length: 24 }, (_, h) => Number(data?.counts?.[d]?.[h]) || 0));
    const max = Math.max(0, ...counts.flat());
    const width = LEFT + 24 * CW + RIGHT;
    const height = TOP + 7 * CH + 4 + BARS + 12;
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.dataset.total = String(data?.total ?? 0);
    svg.dataset.max = String(max);
    const nodes = [];
    for (let h = 0; h < 24; h += 3) {
      nodes.push(svgText(LEFT + h * CW + 1, TOP - 4, String(h).padStart(2, '0'), { class: 'axis' }));
    }
    const dayTotals = counts.map((row) => row.reduce((a, b) => a + b, 0));
    const hourTotals = Array.from({ length: 24 }, (_, h) => counts.reduce((a, row) => a + row[h], 0));
    const tz = data?.timeZone ?? '';
    for (let d = 0; d < 7; d++) {
      nodes.push(svgText(LEFT - 5, TOP + d * CH + CH * 0.72, WEEKDAYS[d].slice(0, 3), { class: 'axis', 'text-anchor': 'end' }));
      for (let h = 0; h < 24; h++) {
        const n = counts[d][h];
        nodes.push(svgEl('rect', {
          class: n ? 'cell' : 'cell empty',
          x: LEFT + h * CW, y: TOP + d * CH, width: CW - 1, height: CH - 1, rx: 1.5,
          fill: n ? heat(0.12 + 0.88 * scaled(n, max)) : '#1d2833',
          'data-weekday': d + 1, 'data-hour': h, 'data-count': n,
        }, `${WEEKDAYS[d]} ${hh(h)}–${hh((h + 1) % 24)}${tz ? ` (${tz})` : ''}: ${n} violation${n === 1 ? '' : 's'}`));
      }
      nodes.push(svgText(LEFT + 24 * CW + 4, TOP + d * CH + CH * 0.72, String(dayTotals[d]), { class: 'axis total' }, `${WEEKDAYS[d]}: ${dayTotals[d]}`));
    }
    const maxHour = Math.max(1, ...hourTotals);
    const base = TOP + 7 * CH + 4 + BARS;
    for (let h = 0; h < 24; h++) {
      const bh = Math.round((hourTotals[h] / maxHour) * BARS);
      nodes.push(svgEl('rect', { class: 'hour-bar', x: LEFT + h * CW, y: base - bh, width: CW - 1, height: bh },
        `${hh(h)}–${hh((h + 1) % 24)}: ${hourTotals[h]} on all days`));
    }
    nodes.push(svgText(LEFT - 5, base, 'all', { class: 'axis', 'text-anchor': 'end' }));
    nodes.push(svgText(LEFT + 24 * CW + 4, TOP - 4, 'Σ', { class: 'axis' }));
    svg.replaceChildren(...nodes);

    if (this.caption) {
      if (!data) { this.caption.textContent = ''; return; }
      if (!max) { this.caption.textContent = `No violations for these filters (${tz}).`; return; }
      let best = [0, 0];
      for (let d = 0; d < 7; d++) for (let h = 0; h < 24; h++) if (counts[d][h] > counts[best[0]][best[1]]) best = [d, h];
      const busiestDay = dayTotals.indexOf(Math.max(...dayTotals));
      this.caption.textContent = `${data.total} violations, ${tz}. Busiest hour: ${WEEKDAYS[best[0]]} ${hh(best[1])} (${max}); busiest day: ${WEEKDAYS[busiestDay]} (${dayTotals[busiestDay]}).`;
    }
  }
}
