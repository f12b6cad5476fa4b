/**
 * The what-if chart, hand-drawn in SVG: payout against one value for one payee, each statement line
 * a stacked band (positive lines stack up from zero, negative ones down), the payout as a line on
 * top, thresholds as dashed verticals, and the current point marked. Hovering shows the figures at
 * the nearest sample.
 */
import type { WhatIfPoint, WhatIfResult } from '@payplan/language-service';
import { fill, h, s } from './dom';

export interface ChartOptions {
  /** Axis title: `margin (CNY)`, or `attainment: margin ÷ T`. */
  readonly xTitle: string;
  /** Divides x for display (the target, in attainment mode). */
  readonly scale: number;
  readonly percent: boolean;
  readonly currency: string;
  readonly payee: string;
}

export const palette = ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#e45756', '#72b7b2', '#eeca3b', '#9d755d'];

const W = 680;
const H = 340;
const M = { left: 78, right: 24, top: 30, bottom: 50 };

/** Round step for about `n` ticks over `span`. */
function niceStep(span: number, n: number): number {
  const raw = span / Math.max(1, n);
  const p = 10 ** Math.floor(Math.log10(raw || 1));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

function ticks(lo: number, hi: number, n: number): number[] {
  const step = niceStep(hi - lo, n);
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

/**
 * Tick labels in one style per axis, chosen by the axis's largest value: 150000 → 150k (and 5000 →
 * 5k beside it), 1500000 → 1.5M, 2000 → 2,000.
 */
export function compact(v: number, largest = Math.abs(v)): string {
  const trim = (x: number) => String(Number(x.toFixed(2)));
  if (v === 0) return '0';
  if (largest >= 1e6) return `${trim(v / 1e6)}M`;
  if (largest >= 1e4) return `${trim(v / 1e3)}k`;
  return v.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

export const money = (v: number): string => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function renderChart(r: WhatIfResult, o: ChartOptions): HTMLElement {
  const pts = r.points;
  const comps = r.components;
  if (!pts.length) return h('p', { class: 'empty' }, r.error ?? 'Nothing to chart.');
  const fx = (x: number) => x / o.scale;
  const xs = pts.map((p) => fx(p.x));
  const xMax = Math.max(...xs) || 1;
  const stackOf = (p: WhatIfPoint) => {
    let pos = 0;
    let neg = 0;
    for (const c of comps) {
      const v = p.parts[c] ?? 0;
      if (v >= 0) pos += v;
      else neg += v;
    }
    return { pos, neg };
  };
  let yMin = 0;
  let yMax = 0;
  for (const p of pts) {
    const st = stackOf(p);
    yMin = Math.min(yMin, st.neg, p.payout);
    yMax = Math.max(yMax, st.pos, p.payout);
  }
  if (yMax === yMin) yMax = yMin + 1;
  const yStep = niceStep(yMax - yMin, 5);
  yMax = Math.ceil(yMax / yStep) * yStep;
  yMin = Math.floor(yMin / yStep) * yStep;
  const px = (x: number) => M.left + (x / xMax) * (W - M.left - M.right);
  const py = (y: number) => M.top + ((yMax - y) / (yMax - yMin)) * (H - M.top - M.bottom);
  const xText = (x: number) => (o.percent ? `${Number((x * 100).toFixed(1))}%` : compact(x, xMax));

  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': `payout of ${o.payee} against ${o.xTitle}` });
  // Grid and axes.
  const grid = s('g', { class: 'grid' });
  const yLargest = Math.max(Math.abs(yMin), Math.abs(yMax));
  for (const t of ticks(yMin, yMax, 5)) {
    grid.append(s('line', { x1: M.left, x2: W - M.right, y1: py(t), y2: py(t), class: t === 0 ? 'zero' : '' }));
    grid.append(s('text', { x: M.left - 8, y: py(t) + 4, 'text-anchor': 'end' }, compact(t, yLargest)));
  }
  for (const t of ticks(0, xMax, 6)) {
    grid.append(s('line', { x1: px(t), x2: px(t), y1: py(yMax), y2: H - M.bottom, class: 'v' }));
    grid.append(s('text', { x: px(t), y: H - M.bottom + 18, 'text-anchor': 'middle' }, xText(t)));
  }
  grid.append(s('text', { x: (M.left + W - M.right) / 2, y: H - 10, 'text-anchor': 'middle', class: 'axis-title' }, o.xTitle));
  grid.append(s('text', { x: 16, y: (M.top + H - M.bottom) / 2, transform: `rotate(-90 16 ${(M.top + H - M.bottom) / 2})`, 'text-anchor': 'middle', class: 'axis-title' }, `payout (${o.currency})`));
  svg.append(grid);

  // Stacked bands.
  const bands = s('g', { class: 'bands' });
  const posBase = pts.map(() => 0);
  const negBase = pts.map(() => 0);
  comps.forEach((c, k) => {
    const color = palette[k % palette.length]!;
    for (const sign of [1, -1]) {
      const base = sign > 0 ? posBase : negBase;
      const lower = [...base];
      const upper = pts.map((p, i) => {
        const v = p.parts[c] ?? 0;
        return base[i]! + (sign > 0 ? Math.max(v, 0) : Math.min(v, 0));
      });
      if (upper.every((u, i) => u === lower[i])) continue;
      upper.forEach((u, i) => (base[i] = u));
      const top = upper.map((u, i) => `${px(xs[i]!)},${py(u)}`);
      const bottom = lower.map((l, i) => `${px(xs[i]!)},${py(l)}`).reverse();
      bands.append(s('polygon', { points: [...top, ...bottom].join(' '), fill: color, 'fill-opacity': 0.78, stroke: color, 'stroke-width': 0.5, 'data-component': c }));
    }
  });
  svg.append(bands);

  // Thresholds.
  const marks = s('g', { class: 'marks' });
  let lastX = -Infinity;
  let lane = 0;
  for (const m of r.marks) {
    const x = px(fx(m.x));
    lane = x - lastX < 34 ? lane + 1 : 0;
    lastX = x;
    marks.append(s('line', { x1: x, x2: x, y1: M.top - 4, y2: H - M.bottom }));
    marks.append(s('text', { x, y: M.top - 8 - (lane % 2) * 11, 'text-anchor': 'middle' }, m.name));
  }
  svg.append(marks);

  // Payout line.
  svg.append(s('polyline', { class: 'payout-line', points: pts.map((p, i) => `${px(xs[i]!)},${py(p.payout)}`).join(' ') }));

  // Where the payee actually is, when the reader has pinned another value.
  if (r.actual) {
    const ax = px(fx(r.actual.x));
    svg.append(s('g', { class: 'actual' }, s('circle', { cx: ax, cy: py(r.actual.payout), r: 5 }), s('text', { x: ax, y: py(r.actual.payout) + 18, 'text-anchor': 'middle' }, 'actual')));
  }

  // The current point.
  if (r.current) {
    const cx = px(fx(r.current.x));
    const cy = py(r.current.payout);
    const label = `${o.payee}: ${money(r.current.payout)}`;
    const right = cx > W - 170;
    svg.append(
      s(
        'g',
        { class: 'current' },
        s('line', { x1: cx, x2: cx, y1: M.top, y2: H - M.bottom }),
        s('circle', { cx, cy, r: 5.5 }),
        s('rect', { x: right ? cx - 10 - label.length * 7 - 8 : cx + 10, y: cy - 28, width: label.length * 7 + 8, height: 20, rx: 4 }),
        s('text', { x: right ? cx - 14 : cx + 14, y: cy - 14, 'text-anchor': right ? 'end' : 'start' }, label),
      ),
    );
  }

  // Hover: the nearest sample's figures.
  const tip = s('g', { class: 'tip', visibility: 'hidden' });
  const guide = s('line', { y1: M.top, y2: H - M.bottom });
  const box = s('rect', { rx: 4, width: 190 });
  const text = s('text', {});
  tip.append(guide, box, text);
  const overlay = s('rect', { x: M.left, y: M.top, width: W - M.left - M.right, height: H - M.top - M.bottom, fill: 'transparent' });
  overlay.addEventListener('mousemove', (e) => {
    const rect = svg.getBoundingClientRect();
    const x = ((e.clientX - rect.left) / rect.width) * W;
    let best = 0;
    for (let i = 1; i < xs.length; i++) if (Math.abs(px(xs[i]!) - x) < Math.abs(px(xs[best]!) - x)) best = i;
    const p = pts[best]!;
    const gx = px(xs[best]!);
    guide.setAttribute('x1', String(gx));
    guide.setAttribute('x2', String(gx));
    const lines = [`${o.percent ? xText(xs[best]!) : money(xs[best]!)}`, ...comps.map((c) => `${c}: ${money(p.parts[c] ?? 0)}`), `payout: ${money(p.payout)}`];
    fill(text, ...lines.map((l, i) => s('tspan', { x: 0, dy: i ? 15 : 0, class: i === 0 || i === lines.length - 1 ? 'strong' : '' }, l)));
    const bx = gx + 12 + 190 > W ? gx - 12 - 190 : gx + 12;
    box.setAttribute('x', String(bx));
    box.setAttribute('y', String(M.top + 4));
    box.setAttribute('height', String(lines.length * 15 + 10));
    text.setAttribute('transform', `translate(${bx + 8} ${M.top + 20})`);
    for (const t of text.children) t.setAttribute('x', '0');
    tip.setAttribute('visibility', 'visible');
  });
  overlay.addEventListener('mouseleave', () => tip.setAttribute('visibility', 'hidden'));
  svg.append(overlay, tip);

  const legend = h(
    'div',
    { class: 'legend' },
    comps.map((c, k) => h('span', { class: 'item' }, h('i', { class: 'swatch', style: `background:${palette[k % palette.length]}` }), c)),
    h('span', { class: 'item' }, h('i', { class: 'swatch line' }), 'payout'),
    r.marks.length ? h('span', { class: 'item' }, h('i', { class: 'swatch dashed' }), 'thresholds') : null,
    r.current ? h('span', { class: 'item' }, h('i', { class: 'swatch dot' }), 'now') : null,
  );
  return h('figure', { class: 'chart-figure' }, svg, legend);
}
