/**
 * The data panel: one tab per table, each an editable grid. Cells are plain text, exactly what a CSV
 * file would hold; the language service writes them as CSV and the CLI's loader reads them, so a bad
 * cell is marked with the CLI's message. Rows are numbered as in the CSV file (the header is row 1),
 * which is how those messages count. Paste from a spreadsheet into a cell to fill a block; paste or
 * load a whole CSV file from the toolbar.
 */
import { dataColumns, gridFromCsv, parseCsv, writeCsv } from '@payplan/language-service/csv';
import type { CellIssue, SessionTable } from '@payplan/language-service';
import type { TableSchema } from '@payplan/language-service';
import { fill, h } from './dom';

/** Rows rendered at a time. */
const PAGE = 500;

export interface MutableTable {
  name: string;
  header: string[];
  rows: string[][];
}

export interface DataCallbacks {
  /** The data changed (a cell, a row, a whole table). */
  onChange(): void;
  say(message: string): void;
}

export class DataPanel {
  private tables: MutableTable[] = [];
  private schemas: TableSchema[] = [];
  private issues: CellIssue[] = [];
  private active = '';
  private readonly tabs: HTMLElement;
  private readonly toolbar: HTMLElement;
  private readonly notes: HTMLElement;
  private readonly body: HTMLElement;
  private readonly dialog: HTMLDialogElement;
  private readonly fileInput: HTMLInputElement;
  /** Inputs of the rendered table: [row][column]; row -1 is the header, kept separately. */
  private cells: HTMLInputElement[][] = [];
  private headerCells: HTMLInputElement[] = [];
  private selected = new Set<number>();
  /** How many rows of the active table are rendered. */
  private limit = PAGE;

  constructor(
    root: HTMLElement,
    private readonly cb: DataCallbacks,
  ) {
    this.tabs = h('div', { class: 'tabs data-tabs', role: 'tablist' });
    this.toolbar = h('div', { class: 'toolbar' });
    this.notes = h('div', { class: 'table-notes' });
    this.body = h('div', { class: 'grid-scroll' });
    this.fileInput = h('input', { type: 'file', accept: '.csv,text/csv,text/plain', multiple: true, hidden: true, onchange: () => void this.loadFiles() });
    this.dialog = h('dialog', { class: 'paste-dialog' });
    root.append(this.tabs, this.toolbar, this.notes, this.body, this.fileInput, this.dialog);
    this.body.addEventListener('input', (e) => this.onInput(e));
    this.body.addEventListener('paste', (e) => this.onPaste(e as ClipboardEvent));
    this.body.addEventListener('keydown', (e) => this.onKey(e as KeyboardEvent));
  }

  /** Replaces every table (a new example, a shared link). */
  load(tables: readonly SessionTable[]): void {
    this.tables = tables.map((t) => ({ name: t.name, header: [...t.header], rows: t.rows.map((r) => [...r]) }));
    this.issues = [];
    this.limit = PAGE;
    if (!this.tables.some((t) => t.name === this.active)) this.active = this.tables[0]?.name ?? '';
    this.render();
  }

  snapshot(): SessionTable[] {
    return this.tables.map((t) => ({ name: t.name, header: t.header, rows: t.rows }));
  }

  /** The plan's declared tables: a declared table without data gets an empty grid with its columns. */
  setSchemas(schemas: readonly TableSchema[]): void {
    const before = this.schemas.map((s) => `${s.name}:${dataColumns(s).join(',')}`).join(';');
    this.schemas = [...schemas];
    let added = false;
    for (const s of schemas) {
      if (this.tables.some((t) => t.name === s.name)) continue;
      this.tables.push({ name: s.name, header: dataColumns(s), rows: [] });
      added = true;
    }
    if (!this.active && this.tables[0]) this.active = this.tables[0].name;
    const after = this.schemas.map((s) => `${s.name}:${dataColumns(s).join(',')}`).join(';');
    if (added || before !== after) this.render();
    if (added) this.cb.onChange();
  }

  setIssues(issues: readonly CellIssue[]): void {
    this.issues = [...issues];
    this.renderTabs();
    this.markCells();
  }

  /** Shows a table and focuses one of its cells (from the problems list). */
  focusCell(table: string, row: number | undefined, column: number | undefined): void {
    if (this.active !== table || (row !== undefined && row >= this.limit)) {
      this.active = table;
      if (row !== undefined && row >= this.limit) this.limit = Math.ceil((row + 1) / PAGE) * PAGE;
      this.render();
    }
    const input = row === undefined ? undefined : row < 0 ? this.headerCells[column ?? 0] : this.cells[row]?.[column ?? 0];
    input?.scrollIntoView({ block: 'center' });
    input?.focus();
  }

  private get table(): MutableTable | undefined {
    return this.tables.find((t) => t.name === this.active);
  }

  private render(): void {
    this.renderTabs();
    this.renderToolbar();
    this.renderGrid();
  }

  private renderTabs(): void {
    const declared = new Set(this.schemas.map((s) => s.name));
    fill(this.tabs,
      ...this.tables.map((t) => {
        const errors = this.issues.filter((i) => i.table === t.name && i.severity === 'error').length;
        return h(
          'button',
          {
            class: `tab${t.name === this.active ? ' active' : ''}${declared.size && !declared.has(t.name) ? ' unused' : ''}`,
            role: 'tab',
            'data-table': t.name,
            title: declared.size && !declared.has(t.name) ? 'the plan does not declare this table: it is not used' : `${t.name}.csv`,
            onclick: () => {
              this.active = t.name;
              this.limit = PAGE;
              this.render();
            },
          },
          `${t.name}.csv`,
          errors ? h('span', { class: 'badge' }, errors) : null,
        );
      }),
    );
  }

  private renderToolbar(): void {
    const t = this.table;
    fill(this.toolbar,
      h('button', { class: 'btn', 'data-action': 'add-row', onclick: () => this.addRow(), disabled: !t }, '+ Row'),
      h('button', { class: 'btn', 'data-action': 'delete-rows', onclick: () => this.deleteRows(), disabled: !t }, 'Delete selected'),
      h('button', { class: 'btn', 'data-action': 'paste-csv', onclick: () => this.openPaste(), disabled: !t }, 'Paste CSV…'),
      h('button', { class: 'btn', 'data-action': 'load-csv', onclick: () => this.fileInput.click() }, 'Load CSV files…'),
      h('button', { class: 'btn', 'data-action': 'download-csv', onclick: () => this.download(), disabled: !t }, 'Download'),
      h('span', { class: 'muted grow' }, t ? `${t.rows.length} row${t.rows.length === 1 ? '' : 's'}` : 'no table'),
    );
  }

  private renderGrid(): void {
    const t = this.table;
    this.selected.clear();
    this.cells = [];
    this.headerCells = [];
    if (!t) {
      fill(this.body, h('p', { class: 'empty' }, 'This plan declares no tables.'));
      return;
    }
    const schema = this.schemas.find((s) => s.name === t.name);
    const typeOf = (name: string): string | undefined => {
      if (!schema) return undefined;
      if (name === 'payee' && schema.kind !== 'rows') return 'payee';
      if (name === 'period' && schema.kind === 'payeePeriod') return 'period';
      const c = schema.columns.find((x) => x.name === name);
      return c ? `${c.type}${c.key ? ' key' : ''}${c.optional ? ' optional' : ''}` : undefined;
    };
    this.headerCells = t.header.map((name, c) => h('input', { class: 'cell head', value: name, 'data-row': -1, 'data-col': c, spellcheck: 'false', 'aria-label': `column ${c + 1} name` }));
    const head = h(
      'tr',
      {},
      h('th', { class: 'rownum', title: 'row 1 of the CSV file: the header' }, '1'),
      t.header.map((name, c) => {
        const type = typeOf(name);
        return h('th', { class: type || !schema ? '' : 'unknown-col' }, this.headerCells[c]!, h('div', { class: 'coltype' }, type ?? (schema ? 'not in the plan' : '')));
      }),
    );
    // A pasted or loaded file can be huge: render a page of rows at a time so the page stays quick.
    const rows = t.rows.slice(0, this.limit).map((row, r) => {
      const inputs = t.header.map((_, c) => h('input', { class: 'cell', value: row[c] ?? '', 'data-row': r, 'data-col': c, spellcheck: 'false', 'aria-label': `${t.header[c]} row ${r + 2}` }));
      this.cells.push(inputs);
      const check = h('input', { type: 'checkbox', 'aria-label': `select row ${r + 2}`, onchange: (e: Event) => this.toggle(r, (e.target as HTMLInputElement).checked) });
      return h('tr', { 'data-row': r }, h('td', { class: 'rownum' }, h('label', {}, check, String(r + 2))), inputs.map((i) => h('td', {}, i)));
    });
    const more =
      t.rows.length > this.limit
        ? h('div', { class: 'more-rows' }, `Showing ${this.limit} of ${t.rows.length} rows. `, h('button', { class: 'btn small', 'data-action': 'more-rows', onclick: () => ((this.limit += PAGE), this.renderGrid()) }, `Show ${Math.min(PAGE, t.rows.length - this.limit)} more`))
        : null;
    fill(this.body, h('table', { class: 'grid', 'data-table': t.name }, h('thead', {}, head), h('tbody', {}, rows)), more);
    this.markCells();
  }

  private markCells(): void {
    const t = this.table;
    for (const el of this.body.querySelectorAll('.bad, .bad-row')) {
      el.classList.remove('bad', 'bad-row');
      el.removeAttribute('title');
    }
    const notes: HTMLElement[] = [];
    if (!t) return fill(this.notes);
    for (const issue of this.issues.filter((i) => i.table === t.name)) {
      const cls = issue.severity === 'error' ? 'bad' : 'warn';
      const inputs = issue.row === undefined ? undefined : issue.row < 0 ? this.headerCells : this.cells[issue.row];
      const cell = inputs && issue.column !== undefined ? inputs[issue.column] : undefined;
      if (cell) {
        cell.parentElement!.classList.add(cls);
        cell.title = issue.message;
      } else if (inputs) {
        for (const i of inputs) {
          i.parentElement!.classList.add('bad-row');
          i.title = issue.message;
        }
      }
      notes.push(h('div', { class: `note ${issue.severity}`, onclick: () => cell?.focus() }, h('pre', {}, issue.message)));
    }
    fill(this.notes, ...notes.slice(0, 6), notes.length > 6 ? h('div', { class: 'muted' }, `and ${notes.length - 6} more (see Problems)`) : null);
  }

  private onInput(e: Event): void {
    const el = e.target as HTMLInputElement;
    const t = this.table;
    if (!t || !el.classList.contains('cell')) return;
    const r = Number(el.dataset['row']);
    const c = Number(el.dataset['col']);
    if (r < 0) t.header[c] = el.value;
    else t.rows[r]![c] = el.value;
    this.cb.onChange();
  }

  /** A block pasted from a spreadsheet (tabs and line breaks) fills the cells from the focused one. */
  private onPaste(e: ClipboardEvent): void {
    const el = e.target as HTMLInputElement;
    const t = this.table;
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (!t || !el.classList.contains('cell') || !/[\t\n]/.test(text.replace(/\r?\n$/, ''))) return;
    e.preventDefault();
    const block = parseCsv(text.replace(/\r?\n$/, ''), text.includes('\t') ? '\t' : ',');
    const r0 = Number(el.dataset['row']);
    const c0 = Number(el.dataset['col']);
    block.forEach((cells, i) => {
      const r = r0 + i;
      cells.forEach((v, j) => {
        const c = c0 + j;
        if (c >= t.header.length) return;
        if (r < 0) t.header[c] = v;
        else {
          while (t.rows.length <= r) t.rows.push(t.header.map(() => ''));
          t.rows[r]![c] = v;
        }
      });
    });
    this.render();
    this.cb.say(`Pasted ${block.length} row${block.length === 1 ? '' : 's'} into ${t.name}.`);
    this.cb.onChange();
  }

  private onKey(e: KeyboardEvent): void {
    const el = e.target as HTMLInputElement;
    if (!el.classList.contains('cell')) return;
    const r = Number(el.dataset['row']);
    const c = Number(el.dataset['col']);
    const move = e.key === 'Enter' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (!move) return;
    e.preventDefault();
    const next = r + move < 0 ? this.headerCells[c] : this.cells[r + move]?.[c];
    if (next) next.focus();
    else if (e.key === 'Enter' && r + move >= this.cells.length) {
      this.addRow();
      this.cells[r + move]?.[c]?.focus();
    }
  }

  private toggle(row: number, on: boolean): void {
    if (on) this.selected.add(row);
    else this.selected.delete(row);
    this.body.querySelector(`tr[data-row="${row}"]`)?.classList.toggle('selected', on);
  }

  private addRow(): void {
    const t = this.table;
    if (!t) return;
    t.rows.push(t.header.map(() => ''));
    if (t.rows.length > this.limit) this.limit = t.rows.length;
    this.render();
    this.cells[t.rows.length - 1]?.[0]?.focus();
    this.cb.onChange();
  }

  private deleteRows(): void {
    const t = this.table;
    if (!t) return;
    if (!this.selected.size) {
      this.cb.say('Tick the rows to delete first.');
      return;
    }
    const n = this.selected.size;
    t.rows = t.rows.filter((_, i) => !this.selected.has(i));
    this.render();
    this.cb.say(`Deleted ${n} row${n === 1 ? '' : 's'} from ${t.name}.`);
    this.cb.onChange();
  }

  private openPaste(): void {
    const t = this.table;
    if (!t) return;
    const area = h('textarea', { rows: 12, spellcheck: 'false', placeholder: `${t.header.join(',')}\n…` });
    const close = () => this.dialog.close();
    const apply = (mode: 'replace' | 'append') => {
      const grid = gridFromCsv(area.value);
      if (mode === 'replace') {
        t.header = [...grid.header];
        t.rows = grid.rows.map((r) => [...r]);
      } else {
        const sameHeader = grid.header.join(',') === t.header.join(',');
        const rows = sameHeader ? grid.rows : [grid.header, ...grid.rows];
        t.rows.push(...rows.map((r) => t.header.map((_, i) => r[i] ?? '')));
      }
      close();
      this.render();
      this.cb.onChange();
    };
    fill(this.dialog,
      h('h3', {}, `Paste CSV into ${t.name}`),
      h('p', { class: 'muted' }, 'Comma- or tab-separated, first line the header (as copied from a spreadsheet).'),
      area,
      h(
        'div',
        { class: 'dialog-buttons' },
        h('button', { class: 'btn primary', 'data-action': 'replace', onclick: () => apply('replace') }, 'Replace table'),
        h('button', { class: 'btn', 'data-action': 'append', onclick: () => apply('append') }, 'Append rows'),
        h('button', { class: 'btn', onclick: close }, 'Cancel'),
      ),
    );
    this.dialog.showModal();
    area.focus();
  }

  private async loadFiles(): Promise<void> {
    const files = [...(this.fileInput.files ?? [])];
    this.fileInput.value = '';
    for (const f of files) {
      const name = f.name.replace(/\.[^.]*$/, '');
      const target = this.tables.find((t) => t.name === name) ?? this.table;
      if (!target) continue;
      const grid = gridFromCsv(await f.text());
      target.header = [...grid.header];
      target.rows = grid.rows.map((r) => [...r]);
      this.active = target.name;
      this.cb.say(`Loaded ${f.name} into ${target.name} (${grid.rows.length} rows).`);
    }
    this.render();
    this.cb.onChange();
  }

  private download(): void {
    const t = this.table;
    if (!t) return;
    const url = URL.createObjectURL(new Blob([writeCsv(t).text], { type: 'text/csv' }));
    h('a', { href: url, download: `${t.name}.csv` }).click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
