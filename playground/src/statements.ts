/**
 * Statements: a summary table (one row per payee and period, one column per statement line, then
 * the payout) and the selected statement in full. Each line opens into its explanation — the rule
 * as written (a link to its line in the editor), how the amount was computed, the values it used and
 * the input rows that fed it. Which lines are open survives re-runs, so typing does not fold them.
 */
import type { RunResult, Statement, StatementLine } from '@payplan/language-service';
import { fill, grouped, h, sumDecimals, zeroLike } from './dom';

export interface StatementCallbacks {
  onSelect(payee: string, period: string): void;
  /** Jump to a place in the plan (one-based). */
  onJump(line: number, column: number): void;
  /** Jump to an input row. */
  onRow(table: string, row: number): void;
}

const MAX_COLUMNS = 6;
const MAX_ROWS = 200;

const key = (s: { payee: string; period: string }) => `${s.payee}\u0000${s.period}`;

export class StatementsPanel {
  private result: RunResult | undefined;
  private stale = false;
  private selected: string | undefined;
  private readonly open = new Set<string>();
  private filter = '';
  private showAll = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly cb: StatementCallbacks,
  ) {}

  /** A new run: `result` undefined keeps the last statements, shown as out of date. */
  update(result: RunResult | undefined): void {
    if (result) {
      this.result = result;
      this.stale = false;
    } else this.stale = !!this.result;
    if (this.result && (!this.selected || !this.result.statements.some((s) => key(s) === this.selected))) {
      const first = this.result.statements[0];
      this.selected = first && key(first);
    }
    this.render();
  }

  current(): Statement | undefined {
    return this.result?.statements.find((s) => key(s) === this.selected);
  }

  select(payee: string, period: string): void {
    this.selected = key({ payee, period });
    this.render();
  }

  private render(): void {
    const r = this.result;
    if (!r) {
      fill(this.root, h('p', { class: 'empty' }, 'Statements appear here once the plan and its data check.'));
      return;
    }
    // Plans that name a line per deal (clawbacks) can have hundreds of lines: show the most common
    // ones as columns and add up the rest; show the first rows and let the reader filter or ask for all.
    const counts = new Map<string, number>();
    for (const s of r.statements) for (const l of s.lines) counts.set(l.component, (counts.get(l.component) ?? 0) + 1);
    const all = [...counts.keys()];
    const columns = all.length <= MAX_COLUMNS ? all : all.filter((c) => [...counts].sort((a, b) => b[1] - a[1]).slice(0, MAX_COLUMNS - 1).some(([k]) => k === c));
    const others = all.filter((c) => !columns.includes(c));
    const needle = this.filter.trim().toLowerCase();
    const matching = needle ? r.statements.filter((s) => `${s.payee} ${s.period}`.toLowerCase().includes(needle)) : r.statements;
    const shown = this.showAll ? matching : matching.slice(0, MAX_ROWS);
    const cell = (amount: string) => h('td', { class: `num${amount.startsWith('-') ? ' negative' : ''}` }, grouped(amount));
    const rows = shown.map((s) =>
      h(
        'tr',
        {
          class: key(s) === this.selected ? 'selected' : '',
          'data-payee': s.payee,
          'data-period': s.period,
          onclick: () => {
            this.selected = key(s);
            this.cb.onSelect(s.payee, s.period);
            this.render();
          },
        },
        h('td', {}, s.payee),
        h('td', {}, s.period),
        // Every line appears on every statement: one absent from this period is zero, not blank.
        columns.map((c) => cell(s.lines.find((x) => x.component === c)?.amount ?? zeroLike(s.payout))),
        others.length ? cell(sumDecimals(s.lines.filter((l) => others.includes(l.component)).map((l) => l.amount))) : null,
        h('td', { class: 'num payout' }, grouped(s.payout)),
        h('td', { class: 'flag' }, s.exceptions.length ? h('span', { class: 'badge warn', title: `${s.exceptions.length} exception(s)` }, s.exceptions.length) : ''),
      ),
    );
    const total = sumDecimals(r.statements.map((s) => s.payout));
    const width = 2 + columns.length + (others.length ? 1 : 0);
    const summary = h(
      'table',
      { class: 'summary' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'payee'),
          h('th', {}, 'period'),
          columns.map((c) => h('th', { class: 'num' }, c)),
          others.length ? h('th', { class: 'num', title: others.join(', ') }, `${others.length} other lines`) : null,
          h('th', { class: 'num' }, `payout (${r.currency})`),
          h('th', {}),
        ),
      ),
      h('tbody', {}, rows),
      h(
        'tfoot',
        {},
        h(
          'tr',
          {},
          h(
            'td',
            { colspan: width },
            `${r.statements.length} statement${r.statements.length === 1 ? '' : 's'}`,
            shown.length < matching.length
              ? h('span', { class: 'muted' }, ` · showing ${shown.length} of ${matching.length} `, h('button', { class: 'btn small', 'data-action': 'show-all', onclick: () => ((this.showAll = true), this.render()) }, 'show all'))
              : null,
          ),
          h('td', { class: 'num payout' }, grouped(total)),
          h('td', {}),
        ),
      ),
    );
    const search =
      r.statements.length > 12
        ? h('input', {
            class: 'filter',
            type: 'search',
            placeholder: 'Filter by payee or period',
            value: this.filter,
            oninput: (e: Event) => {
              this.filter = (e.target as HTMLInputElement).value;
              this.render();
              const again = this.root.querySelector<HTMLInputElement>('input.filter');
              again?.focus();
              again?.setSelectionRange(this.filter.length, this.filter.length);
            },
          })
        : null;
    const st = this.current();
    fill(this.root,
      this.stale ? h('div', { class: 'stale' }, 'Out of date: the plan or its data has errors. These are the last statements that computed.') : null,
      h('div', { class: `statements${this.stale ? ' is-stale' : ''}` }, h('div', { class: 'plan-head' }, h('h3', { class: 'plan-name' }, r.plan), search), summary, st ? this.detail(st, all) : null),
    );
  }

  /** One statement in full: every line of the run (`components`), those it has none of as zero. */
  private detail(s: Statement, components: readonly string[]): HTMLElement {
    return h(
      'section',
      { class: 'statement', 'data-payee': s.payee, 'data-period': s.period },
      h('h3', {}, `${s.payee} · ${s.period}`, h('span', { class: 'payout-big' }, `${grouped(s.payout)} ${s.currency}`)),
      h('p', { class: 'muted' }, 'Open a line to see how it was computed; click the rule to find it in the plan.'),
      this.lines(s, components),
      s.exceptions.length
        ? h(
            'div',
            { class: 'exceptions' },
            h('h4', {}, 'Exceptions'),
            s.exceptions.map((e) =>
              h(
                'div',
                { class: 'exception' },
                h('a', { href: '#', onclick: (ev: Event) => (ev.preventDefault(), this.cb.onRow(e.table, e.row)) }, `${e.table} row ${e.row}${e.key !== undefined ? ` (${e.key})` : ''}`),
                `: ${e.message} `,
                h('span', { class: `tag ${e.action}` }, e.action),
                ' ',
                h('a', { href: '#', class: 'rule-link', onclick: (ev: Event) => (ev.preventDefault(), this.cb.onJump(e.source.line, e.source.column)) }, `line ${e.source.line}`),
              ),
            ),
          )
        : null,
      s.values.length ? h('div', { class: 'values' }, h('h4', {}, 'Values'), s.values.map((v) => h('span', { class: 'chip' }, `${v.name} = ${grouped(v.value)}${v.unit === 'percent' ? '' : ` ${v.unit}`}`))) : null,
    );
  }

  /** The statement's lines in the run's order; those it has none of as zero (many of them as one row). */
  private lines(s: Statement, components: readonly string[]): HTMLElement[] {
    const absent = components.filter((c) => !s.lines.some((l) => l.component === c));
    const zero = (name: string, title: string) =>
      h('div', { class: 'line absent', 'data-component': name, title }, h('span', { class: 'component' }, name), h('span', { class: 'amount' }, zeroLike(s.payout)));
    if (absent.length > MAX_COLUMNS) return [...s.lines.map((l) => this.line(s, l)), zero(`${absent.length} other lines`, absent.join(', '))];
    return components.map((c) => {
      const l = s.lines.find((x) => x.component === c);
      return l ? this.line(s, l) : zero(c, 'Nothing for this line on this statement');
    });
  }

  private line(s: Statement, l: StatementLine): HTMLElement {
    const id = `${key(s)}\u0000${l.component}`;
    const e = l.explanation;
    const details = h(
      'details',
      { class: 'line', 'data-component': l.component, open: this.open.has(id) },
      h('summary', {}, h('span', { class: 'component' }, l.component), l.kind !== l.component ? h('span', { class: 'kind' }, l.kind.replace('_', '-')) : null, h('span', { class: `amount${Number(l.amount) < 0 ? ' negative' : ''}` }, grouped(l.amount))),
      h(
        'div',
        { class: 'explanation' },
        h('div', { class: 'row' }, h('span', { class: 'label' }, 'rule'), h('a', { href: '#', class: 'rule-link', 'data-line': e.source.line, onclick: (ev: Event) => (ev.preventDefault(), this.cb.onJump(e.source.line, e.source.column)) }, h('code', {}, e.rule), ` · line ${e.source.line}`)),
        h('div', { class: 'row' }, h('span', { class: 'label' }, 'how'), h('span', { class: 'how' }, e.detail)),
        e.values.length ? h('div', { class: 'row' }, h('span', { class: 'label' }, 'using'), h('span', {}, e.values.map((v) => h('span', { class: 'chip' }, `${v.name} = ${grouped(v.value)}`)))) : null,
        e.rows.length
          ? h(
              'div',
              { class: 'row' },
              h('span', { class: 'label' }, 'rows'),
              h(
                'ul',
                { class: 'rows' },
                e.rows.slice(0, 25).map((r) =>
                  h(
                    'li',
                    {},
                    h('a', { href: '#', onclick: (ev: Event) => (ev.preventDefault(), this.cb.onRow(r.table, r.row)) }, `${r.table} row ${r.row}${r.key !== undefined ? ` (${r.key})` : ''}`),
                    r.amount !== undefined ? h('span', { class: 'num' }, grouped(r.amount)) : null,
                  ),
                ),
                e.rows.length > 25 ? h('li', { class: 'muted' }, `… and ${e.rows.length - 25} more`) : null,
              ),
            )
          : null,
      ),
    );
    details.addEventListener('toggle', () => (details.open ? this.open.add(id) : this.open.delete(id)));
    return details;
  }
}
