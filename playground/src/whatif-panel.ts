/**
 * The what-if panel: pick a payee and the value to vary (shown as itself or as attainment of a
 * target), drag the slider to pin that value, or type a different constant or input in the fields;
 * the chart and the payout follow. Everything is computed in the evaluation worker.
 */
import type { Session, WhatIfRequest, WhatIfResult, WhatIfValue } from '@payplan/language-service';
import { renderChart, money } from './chart';
import { debounce, fill, h } from './dom';

export interface WhatIfHost {
  session(): Session;
  /** Statements of the last good run: who can be charted. */
  statements(): readonly { payee: string; period: string }[];
  selected(): { payee: string; period: string } | undefined;
  compute(request: WhatIfRequest): Promise<WhatIfResult>;
}

export class WhatIfPanel {
  private variable: string | undefined;
  private mode: 'value' | 'attainment' = 'value';
  private target: string | undefined;
  private overrides: Record<string, string> = {};
  private who: { payee: string; period: string } | undefined;
  private last: WhatIfResult | undefined;
  private seq = 0;
  private readonly controls: HTMLElement;
  private readonly chart: HTMLElement;
  private readonly readout: HTMLElement;
  private readonly fields: HTMLElement;
  private readonly slider: HTMLElement;
  private readonly range = h('input', { type: 'range', 'data-control': 'slider', min: 0 });
  private readonly number = h('input', { type: 'number', class: 'num-input', 'data-control': 'value', step: 'any', min: 0 });
  readonly refreshSoon = debounce(60, () => void this.refresh());

  constructor(
    root: HTMLElement,
    private readonly host: WhatIfHost,
  ) {
    this.controls = h('div', { class: 'whatif-controls' });
    this.slider = h('div', { class: 'slider-row' });
    this.readout = h('div', { class: 'readout' });
    this.chart = h('div', { class: 'chart-box' });
    this.fields = h('div', { class: 'value-fields' });
    root.append(this.controls, this.chart, this.slider, this.readout, this.fields);
    const pin = (v: string) => {
      if (!this.variable) return;
      this.overrides[this.variable] = v;
      this.refreshSoon();
    };
    this.range.addEventListener('input', () => {
      this.number.value = String(Number(Number(this.range.value).toFixed(2)));
      pin(this.range.value);
    });
    this.number.addEventListener('change', () => pin(this.number.value));
  }

  /** Follow the statement selected elsewhere. */
  follow(payee: string, period: string): void {
    this.who = { payee, period };
  }

  async refresh(): Promise<void> {
    const list = this.host.statements();
    if (!this.who || !list.some((s) => s.payee === this.who!.payee && s.period === this.who!.period)) this.who = this.host.selected() ?? list[0];
    if (!this.who) {
      fill(this.controls);
      fill(this.chart, h('p', { class: 'empty' }, 'The chart appears once the plan computes statements.'));
      return;
    }
    const seq = ++this.seq;
    let r: WhatIfResult;
    try {
      r = await this.host.compute({
        session: this.host.session(),
        payee: this.who.payee,
        period: this.who.period,
        ...(this.variable && { variable: this.variable }),
        overrides: this.overrides,
      });
    } catch (e) {
      if (seq === this.seq) fill(this.chart, h('p', { class: 'empty error' }, `The what-if run stopped: ${(e as Error).message}.`));
      return;
    }
    if (seq !== this.seq) return;
    this.last = r;
    this.variable = r.variable;
    this.render(r);
  }

  private render(r: WhatIfResult): void {
    const list = this.host.statements();
    const who = this.who!;
    const axis = r.values.filter((v) => v.kind !== 'const');
    const targets = r.values.filter((v) => v.name !== r.variable && v.unit === r.unit);
    if (!this.target || !targets.some((t) => t.name === this.target)) this.target = (targets.find((t) => t.name === 'T' || /target|quota/i.test(t.name)) ?? targets.find((t) => t.kind === 'input') ?? targets[0])?.name;
    const target = targets.find((t) => t.name === this.target);
    const targetValue = target?.value ? Number(target.value.replace(/[,%]/g, '')) : NaN;
    const attainment = this.mode === 'attainment' && target && targetValue > 0;

    const select = (label: string, attrs: Record<string, string>, options: [string, string][], value: string | undefined, on: (v: string) => void) =>
      h('label', { class: 'field' }, h('span', {}, label), h('select', { ...attrs, onchange: (e: Event) => on((e.target as HTMLSelectElement).value) }, options.map(([v, t]) => h('option', { value: v, selected: v === value }, t))));
    fill(this.controls,
      select('Payee', { 'data-control': 'payee' }, list.map((s) => [`${s.payee}\u0000${s.period}`, `${s.payee} · ${s.period}`]), `${who.payee}\u0000${who.period}`, (v) => {
        const [payee, period] = v.split('\u0000') as [string, string];
        this.who = { payee, period };
        void this.refresh();
      }),
      select('Payout against', { 'data-control': 'variable' }, axis.map((v) => [v.name, `${v.name} (${v.kind === 'input' ? 'input' : v.kind})`]), r.variable, (v) => {
        this.variable = v;
        delete this.overrides[v];
        void this.refresh();
      }),
      select('Shown as', { 'data-control': 'mode' }, [['value', 'its value'], ...targets.map((t): [string, string] => [`att:${t.name}`, `attainment of ${t.name}`])], this.mode === 'value' ? 'value' : `att:${this.target}`, (v) => {
        if (v === 'value') this.mode = 'value';
        else {
          this.mode = 'attainment';
          this.target = v.slice(4);
        }
        this.render(this.last!);
      }),
    );

    if (r.error && !r.points.length) {
      fill(this.chart, h('p', { class: 'empty' }, r.error));
      fill(this.slider);
      fill(this.readout);
      this.renderFields(r.values);
      return;
    }
    const unitWord = r.unit === 'money' ? r.currency ?? '' : r.unit === 'ratio' ? '%' : r.unit ?? '';
    fill(this.chart,
      renderChart(r, {
        xTitle: attainment ? `attainment: ${r.variable} ÷ ${target!.name}` : `${r.variable}${unitWord ? ` (${unitWord})` : ''}`,
        scale: attainment ? targetValue : 1,
        percent: !!attainment || r.unit === 'ratio',
        currency: r.currency ?? '',
        payee: who.payee,
      }),
    );

    // The slider pins the charted value. Its elements persist, so a drag survives the re-render.
    const max = Math.max(...r.points.map((p) => p.x), 1);
    const cur = r.current?.x ?? 0;
    this.range.max = String(max);
    this.range.step = String(max / 400);
    if (document.activeElement !== this.range) this.range.value = String(cur);
    if (document.activeElement !== this.number) this.number.value = String(Number(cur.toFixed(2)));
    const pinned = r.variable !== undefined && r.variable in this.overrides;
    fill(this.slider,
      h('label', { class: 'slider-label' }, `What if ${r.variable} were`),
      this.range,
      this.number,
      pinned ? h('button', { class: 'btn small', 'data-action': 'unpin', onclick: () => (delete this.overrides[r.variable!], void this.refresh()) }, `back to the actual ${r.actual ? money(r.actual.x) : ''}`) : null,
    );

    const c = r.current;
    fill(this.readout,
      c
        ? h(
            'p',
            {},
            h('strong', { 'data-readout': 'payout' }, `${money(c.payout)} ${r.currency}`),
            ` for ${who.payee} in ${who.period} at ${r.variable} = ${r.unit === 'ratio' ? `${(c.x * 100).toFixed(1)}%` : money(c.x)}${attainment ? ` (${((c.x / targetValue) * 100).toFixed(1)}% of ${target!.name})` : ''}: `,
            r.components.map((k, i) => h('span', { class: 'part' }, `${i ? ' + ' : ''}${k} ${money(c.parts[k] ?? 0)}`)),
          )
        : null,
    );
    this.renderFields(r.values);
  }

  private renderFields(values: readonly WhatIfValue[]): void {
    const editable = values.filter((v) => v.kind === 'const' || v.kind === 'input');
    const any = Object.keys(this.overrides).length > 0;
    fill(this.fields,
      h('h4', {}, 'Change a value', any ? h('button', { class: 'btn small', onclick: () => ((this.overrides = {}), void this.refresh()) }, 'Reset all') : null),
      h('p', { class: 'muted' }, 'Constants and this payee\'s inputs; changes apply to the chart only, not to the plan or data.'),
      h(
        'div',
        { class: 'fields-grid' },
        editable.map((v) => {
          const input = h('input', { class: `num-input${v.overridden ? ' pinned' : ''}`, value: v.value ?? '', 'data-value': v.name, spellcheck: 'false' });
          input.addEventListener('change', () => {
            if (input.value.trim() === '') delete this.overrides[v.name];
            else this.overrides[v.name] = input.value;
            void this.refresh();
          });
          return h('label', { class: 'field' }, h('span', {}, v.name, h('small', {}, ` ${v.kind === 'input' ? 'input' : 'constant'}`)), input);
        }),
      ),
    );
  }
}
