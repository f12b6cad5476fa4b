/**
 * Compare: a second version of the plan (an edited copy of the current one, another example, or
 * anything pasted) run on the same data, with each payee's payout under both and the difference.
 * A version that does not run is marked in its editor and named above the table, and the table
 * shows no difference: its errors are not a payout of zero.
 */
import type { Comparison } from '@payplan/language-service';
import { debounce, fill, grouped, h } from './dom';
import { LANGUAGE, monaco, setMarkers } from './editor';
import type { Example } from './examples';

export interface CompareHost {
  plan(): string;
  examples: readonly Example[];
  compute(other: string): Promise<Comparison>;
  /** Version B's text changed. */
  changed(): void;
}

export class ComparePanel {
  private readonly editor: monaco.editor.IStandaloneCodeEditor;
  private readonly table: HTMLElement;
  private seq = 0;
  readonly refreshSoon = debounce(200, () => void this.refresh());

  constructor(
    private readonly root: HTMLElement,
    private readonly host: CompareHost,
    initial: string,
  ) {
    const picker = h(
      'select',
      { 'data-control': 'version-b', onchange: (e: Event) => this.pick((e.target as HTMLSelectElement).value) },
      h('option', { value: '' }, 'Load version B from…'),
      h('option', { value: 'current' }, 'a copy of the current plan'),
      host.examples.map((x) => h('option', { value: x.id }, `example: ${x.label}`)),
    );
    const box = h('div', { class: 'editor-b' });
    this.table = h('div', { class: 'compare-table' });
    root.append(
      h('div', { class: 'compare-head' }, h('strong', {}, 'Version B'), picker, h('span', { class: 'muted' }, 'Edit or paste it below; it runs on the same data as the plan on the left (version A).')),
      box,
      this.table,
    );
    this.editor = monaco.editor.create(box, {
      value: initial,
      language: LANGUAGE,
      theme: 'payplan-light',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      lineNumbersMinChars: 3,
    });
    this.editor.onDidChangeModelContent(() => {
      // Hidden, it waits: showing the tab refreshes it.
      if (!this.root.hidden) this.refreshSoon();
      host.changed();
    });
  }

  text(): string {
    return this.editor.getValue();
  }

  setText(text: string): void {
    if (text !== this.editor.getValue()) this.editor.setValue(text);
  }

  private pick(id: string): void {
    if (id === 'current') this.setText(this.host.plan());
    else {
      const x = this.host.examples.find((e) => e.id === id);
      if (x) this.setText(x.plan);
    }
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const seq = ++this.seq;
    let c: Comparison;
    try {
      c = await this.host.compute(this.editor.getValue());
    } catch (e) {
      if (seq === this.seq) fill(this.table, h('p', { class: 'empty error' }, `The comparison stopped: ${(e as Error).message}.`));
      return;
    }
    if (seq !== this.seq) return;
    setMarkers(this.editor.getModel()!, c.b.markers);
    const cls = (d: string | undefined) => (d === undefined ? 'num none' : Number(d) > 0 ? 'num up' : Number(d) < 0 ? 'num down' : 'num same');
    const signed = (d: string | undefined) => (d === undefined ? '—' : Number(d) > 0 ? `+${grouped(d)}` : grouped(d));
    const amount = (d: string | undefined) => (d === undefined ? '—' : grouped(d));
    const problem = (label: string, v: Comparison['a']) =>
      v.ok
        ? null
        : h(
            'div',
            { class: 'note error', 'data-version': label === 'Version A' ? 'a' : 'b' },
            h('strong', {}, `${label} has ${v.errors === 1 ? '1 error' : `${v.errors} errors`}, so there is no difference to show.`),
            h('pre', {}, v.firstError ?? 'Its data has errors.'),
          );
    fill(this.table,
      problem('Version A', c.a),
      problem('Version B', c.b),
      h(
        'table',
        { class: 'summary compare' },
        h('thead', {}, h('tr', {}, h('th', {}, 'payee'), h('th', {}, 'period'), h('th', { class: 'num' }, 'A'), h('th', { class: 'num' }, 'B'), h('th', { class: 'num' }, 'B − A'))),
        h(
          'tbody',
          {},
          c.rows.map((r) =>
            h('tr', { 'data-payee': r.payee }, h('td', {}, r.payee), h('td', {}, r.period), h('td', { class: 'num' }, amount(r.a)), h('td', { class: 'num' }, amount(r.b)), h('td', { class: cls(r.difference) }, signed(r.difference))),
          ),
        ),
        h('tfoot', {}, h('tr', {}, h('td', { colspan: 2 }, 'total'), h('td', { class: 'num' }, amount(c.a.total)), h('td', { class: 'num' }, amount(c.b.total)), h('td', { class: cls(c.difference) }, signed(c.difference)))),
      ),
      h('p', { class: 'muted' }, `A: ${c.a.name ?? '—'} · B: ${c.b.name ?? '—'}`),
    );
  }
}
