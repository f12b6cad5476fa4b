/** A small element builder: the playground is a handful of panels, not worth a framework. */

type Child = Node | string | number | false | null | undefined;
type Attrs = Record<string, string | number | boolean | undefined | ((e: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const svgNs = 'http://www.w3.org/2000/svg';
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(svgNs, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (k === 'value' && 'value' in el) (el as HTMLInputElement).value = String(v);
    else if (k === 'checked' && 'checked' in el) (el as HTMLInputElement).checked = Boolean(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

function append(el: Element, children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(typeof c === 'object' ? c : String(c));
  }
}

/** 130000.00 → 130,000.00 */
export function grouped(amount: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(amount);
  if (!m) return amount;
  // Statements carry exact values; more than ten decimals show ten and an ellipsis, as the CLI does.
  const frac = m[3] && m[3].length > 11 ? `${m[3].slice(0, 11)}…` : (m[3] ?? '');
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac}`;
}

/** Zero with the decimals of `amount` (the plan's settlement scale): "4950.00" → "0.00", "12" → "0". */
export function zeroLike(amount: string): string {
  const places = amount.split('.')[1]?.length ?? 0;
  return places ? `0.${'0'.repeat(places)}` : '0';
}

/** Runs `f` `ms` after the last call. */
export function debounce<A extends unknown[]>(ms: number, f: (...args: A) => void): (...args: A) => void {
  let t: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    if (t) clearTimeout(t);
    t = setTimeout(() => f(...args), ms);
  };
}

/** Replaces an element's children, skipping empty ones. */
export function fill(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, children);
}

/** Adds decimal strings exactly ("0.10" + "0.20" = "0.30"), keeping the most decimals among them. */
export function sumDecimals(values: readonly string[]): string {
  const scale = Math.max(2, ...values.map((v) => (v.split('.')[1] ?? '').length));
  let total = 0n;
  for (const v of values) {
    const [i = '0', f = ''] = v.replace(/^-/, '').split('.');
    const n = BigInt(i + f.padEnd(scale, '0'));
    total += v.startsWith('-') ? -n : n;
  }
  const neg = total < 0n;
  const digits = (neg ? -total : total).toString().padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
