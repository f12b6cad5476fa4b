import { describe, it, expect } from 'vitest';
import { loadTableText, MAX_DIAGNOSTICS_PER_FILE } from '@payplan/data';
import { bytes, codesOf, col, ctx, deals, plainRows, quotas, render, spanText, targets } from './fixtures.js';
import type { TableSchema } from '@payplan/runtime';

const header = 'deal_id,rep,close_date,price,qty,note';

describe('loading a valid CSV file', () => {
  it('parses every cell by its column type and numbers rows with the header as row 1', () => {
    const text = `${header}\nD1, ana ,2026-01-05,"1,200.50",3,first deal\nD2,bob,2026-04-30,99,,\n`;
    const r = loadTableText(deals, 'deals.csv', bytes(text), ctx);
    expect(r.diagnostics).toEqual([]);
    expect(plainRows(r.value)).toEqual([
      { row: 2, cells: { deal_id: 'D1', rep: 'ana', close_date: '2026-01-05', price: '1200.5', qty: '3', note: 'first deal' } },
      { row: 3, cells: { deal_id: 'D2', rep: 'bob', close_date: '2026-04-30', price: '99', qty: undefined, note: undefined } },
    ]);
    expect(r.value?.file).toBe('deals.csv');
    expect(r.value?.schema).toBe(deals);
    expect(r.value?.source?.text).toBe(text);
  });

  it('accepts the header columns in any order, and optional columns left out entirely', () => {
    const r = loadTableText(deals, 'deals.csv', 'price,close_date,rep,deal_id\n10,2026-02-01,ana,D1\n', ctx);
    expect(r.diagnostics).toEqual([]);
    expect(plainRows(r.value)).toEqual([{ row: 2, cells: { deal_id: 'D1', rep: 'ana', close_date: '2026-02-01', price: '10', qty: undefined, note: undefined } }]);
  });

  it('reads payee tables with a payee column, and per-period tables with canonical period labels', () => {
    const t = loadTableText(targets, 'targets.csv', 'rate,payee,target\n12.5%,ana,1000\n', ctx);
    expect(t.diagnostics).toEqual([]);
    expect(plainRows(t.value)).toEqual([{ row: 2, cells: { payee: 'ana', target: '1000', rate: '0.125' } }]);
    const q = loadTableText(quotas, 'quotas.csv', 'payee,period,quota\nana,2026-q1,100\nana, 2026-Q2 ,200\n', ctx);
    expect(q.diagnostics).toEqual([]);
    expect(plainRows(q.value)).toEqual([
      { row: 2, cells: { payee: 'ana', period: '2026-Q1', quota: '100' } },
      { row: 3, cells: { payee: 'ana', period: '2026-Q2', quota: '200' } },
    ]);
  });

  it('reads month-, half- and year-settled period labels', () => {
    const text = 'payee,period,quota\nana,2026-03,1\n';
    expect(plainRows(loadTableText(quotas, 'q.csv', text, { settle: 'month' }).value)[0]?.cells['period']).toBe('2026-03');
    expect(plainRows(loadTableText(quotas, 'q.csv', 'payee,period,quota\nana,2026-h2,1\n', { settle: 'half' }).value)[0]?.cells['period']).toBe('2026-H2');
    expect(plainRows(loadTableText(quotas, 'q.csv', 'payee,period,quota\nana,2026,1\n', { settle: 'year' }).value)[0]?.cells['period']).toBe('2026');
  });

  it('strips a UTF-8 byte order mark, from bytes and from text', () => {
    const text = `${header}\nD1,zoë,2026-01-05,10,,\n`;
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(text)]);
    for (const input of [withBom, `\uFEFF${text}`]) {
      const r = loadTableText(deals, 'deals.csv', input, ctx);
      expect(r.diagnostics).toEqual([]);
      expect(r.value?.source?.text).toBe(text);
      expect(r.value?.rows[0]?.cells['deal_id']).toBe('D1');
      expect(r.value?.rows[0]?.cells['rep']).toBe('zoë');
    }
  });

  it('accepts CRLF line breaks, without a stray \\r in the last cell, and points spans at the right cells', () => {
    const text = `${header}\r\nD1,ana,2026-01-05,10,2,hello\r\nD2,ana,2026-01-05,1O,2,x\r\n`;
    const r = loadTableText(deals, 'deals.csv', bytes(text), ctx);
    expect(r.diagnostics.map((d) => d.message)).toEqual(['deals.csv row 3, column price: expected an amount of money such as 1200.50, found "1O"']);
    expect(spanText(text, r.diagnostics[0])).toBe('1O');
    expect(r.value?.rows[0]?.cells['note']).toBe('hello');
  });

  it('reads quoted cells with commas, doubled quotes and line breaks; a multi-line cell stays one row', () => {
    const text = `${header}\nD1,ana,2026-01-05,10,,"Smith, ""Jane"""\nD2,ana,2026-01-05,10,,"two\nlines"\nD3,ana,2026-01-05,x,,\n`;
    const r = loadTableText(deals, 'deals.csv', text, ctx);
    expect(r.diagnostics.map((d) => d.message)).toEqual(['deals.csv row 4, column price: expected an amount of money such as 1200.50, found "x"']);
    expect(spanText(text, r.diagnostics[0])).toBe('x');
    expect(r.value?.rows.map((x) => x.cells['note'])).toEqual(['Smith, "Jane"', 'two\nlines']);
  });

  it('counts blank lines as rows (spreadsheet numbering) and skips blank and all-comma rows', () => {
    const text = `${header}\nD1,ana,2026-01-05,10,,\n\n,,,,,\n   \nD2,ana,2026-01-05,bad,,\n`;
    const r = loadTableText(deals, 'deals.csv', text, ctx);
    expect(r.diagnostics.map((d) => d.message)).toEqual(['deals.csv row 6, column price: expected an amount of money such as 1200.50, found "bad"']);
    expect(spanText(text, r.diagnostics[0])).toBe('bad');
    expect(r.value?.rows.map((x) => x.row)).toEqual([2]);
    const crlf = text.replace(/\n/g, '\r\n');
    const c = loadTableText(deals, 'deals.csv', crlf, ctx);
    expect(c.diagnostics.map((d) => [d.message.slice(0, 16), spanText(crlf, d)])).toEqual([['deals.csv row 6,', 'bad']]);
  });

  it('locates cells after non-ASCII text (spans are UTF-16 offsets into the decoded text)', () => {
    const text = `${header}\nD1,Zoë 🚀,2026-01-05,10,,né\nD2,Zoë 🚀,2026-13-01,10,,\n`;
    const r = loadTableText(deals, 'deals.csv', bytes(text), ctx);
    expect(r.diagnostics).toHaveLength(1);
    expect(spanText(text, r.diagnostics[0])).toBe('2026-13-01');
  });
});

describe('file-level problems', () => {
  it('reports bytes that are not UTF-8 as D001, naming the line of the first bad byte', () => {
    const good = bytes(`${header}\nD1,ana,2026-01-05,10,,\n`);
    const bad = new Uint8Array([...good, ...bytes('D2,Jos'), 0xe9, ...bytes(',2026-01-05,10,,\n')]); // Latin-1 é
    const r = loadTableText(deals, 'deals.csv', bad, ctx);
    expect(r.value).toBeUndefined();
    expect(codesOf(r.diagnostics)).toEqual(['D001']);
    expect(r.diagnostics[0]?.message).toBe('deals.csv is not valid UTF-8 text (the first bad byte, 0xE9, is on line 3)');
    expect(r.diagnostics[0]?.hint).toContain('UTF-8');
  });

  it('reports an empty or whitespace-only file as D008', () => {
    for (const input of [new Uint8Array(0), '', ' \r\n\n  ']) {
      const r = loadTableText(quotas, 'quotas.csv', input, ctx);
      expect(r.value).toBeUndefined();
      expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['D008', 'quotas.csv is empty; expected a header line with the columns payee, period, quota']]);
    }
  });

  it('treats a header-only file as an empty table', () => {
    for (const text of [header, `${header}\n`, `${header}\r\n\r\n`]) {
      const r = loadTableText(deals, 'deals.csv', text, ctx);
      expect(r.diagnostics).toEqual([]);
      expect(r.value?.rows).toEqual([]);
    }
  });

  it('reports a missing required column as D002, naming it and listing the header found', () => {
    const text = 'deal_id,rep,price\nD1,ana,10\n';
    const r = loadTableText(deals, 'deals.csv', text, ctx);
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['D002', 'deals.csv row 1: missing column close_date; the header has deal_id, rep, price']]);
    expect(r.diagnostics[0]?.notes).toEqual(['deals needs the columns deal_id, rep, close_date and price']);
    expect(spanText(text, r.diagnostics[0])).toBe('deal_id,rep,price');
  });

  it('requires the implicit payee and period columns of per-payee tables', () => {
    const r = loadTableText(quotas, 'quotas.csv', 'payee,quota\nana,10\n', ctx);
    expect(r.diagnostics.map((d) => d.message)).toEqual(['quotas.csv row 1: missing column period; the header has payee, quota']);
  });

  it('reports an unknown column as D003 with a "did you mean" hint when a missing column is close', () => {
    const text = 'deal_id,rep,close_date,prcie\nD1,ana,2026-01-05,10\n';
    const r = loadTableText(deals, 'deals.csv', text, ctx);
    const d003 = r.diagnostics.find((d) => d.code === 'D003');
    expect(d003?.message).toBe('deals.csv row 1: unknown column "prcie" in the header; deals has the columns deal_id, rep, close_date, price, qty and note');
    expect(d003?.hint).toBe('did you mean `price`?');
    expect(spanText(text, d003)).toBe('prcie');
    expect(codesOf(r.diagnostics).sort()).toEqual(['D002', 'D003']);
    expect(render(r.diagnostics, 'deals.csv', text)).toContain(['1 | deal_id,rep,close_date,prcie', '  |                        ^^^^^'].join('\n'));
  });

  it('gives no hint for an unknown column that is not close to any column, and still loads the rows', () => {
    const r = loadTableText(deals, 'deals.csv', `${header},region\nD1,ana,2026-01-05,10,,,EMEA\n`, ctx);
    expect(r.diagnostics.map((d) => [d.code, d.hint])).toEqual([['D003', undefined]]);
    expect(r.value?.rows).toHaveLength(1);
  });

  it('hints at an optional column too, and matches names case-insensitively for the hint', () => {
    const r = loadTableText(deals, 'deals.csv', 'deal_id,rep,close_date,price,Note\nD1,ana,2026-01-05,10,x\n', ctx);
    expect(r.diagnostics.map((d) => d.hint)).toEqual(['did you mean `note`?']);
  });

  it('reports a column named twice in the header', () => {
    const text = 'deal_id,rep,close_date,price,rep\nD1,ana,2026-01-05,10,bob\n';
    const r = loadTableText(deals, 'deals.csv', text, ctx);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['D003', 'deals.csv row 1: column rep appears twice in the header (columns 2 and 5)']]);
    expect(spanText(text, r.diagnostics[0])).toBe('rep');
    expect(r.diagnostics[0]?.span.start).toBe(text.lastIndexOf('rep', text.indexOf('\n')));
  });

  it('tolerates an unnamed column that is empty, and reports one that holds values', () => {
    const ok = loadTableText(deals, 'deals.csv', 'deal_id,rep,close_date,price,\nD1,ana,2026-01-05,10,\n', ctx);
    expect(ok.diagnostics).toEqual([]);
    const text = 'deal_id,rep,close_date,price,\nD1,ana,2026-01-05,10,\nD2,ana,2026-01-05,10,oops\nD3,ana,2026-01-05,10,again\n';
    const r = loadTableText(deals, 'deals.csv', text, ctx);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['D003', 'deals.csv row 3: column 5 has a value but no name in the header']]);
    expect(spanText(text, r.diagnostics[0])).toBe('oops');
  });

  it('reports an unclosed quote as D001 at the quote, after reporting the rows before it', () => {
    const text = `${header}\nD1,ana,2026-01-05,zero,,\nD2,ana,2026-01-05,10,,"never closed\nD3,ana,2026-01-05,10,,\n`;
    const r = loadTableText(deals, 'deals.csv', text, ctx);
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['D004', 'deals.csv row 2, column price: expected an amount of money such as 1200.50, found "zero"'],
      ['D001', 'deals.csv row 3: a quoted cell starts here but its closing quote (") is missing, so the rest of the file cannot be read'],
    ]);
    expect(r.diagnostics[1]?.span.start).toBe(text.indexOf('"never'));
  });

  it('keeps a stray quote inside an unquoted cell as text', () => {
    const r = loadTableText(deals, 'deals.csv', `${header}\nD1,ana,2026-01-05,10,,a 27" monitor\n`, ctx);
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.rows[0]?.cells['note']).toBe('a 27" monitor');
  });
});

describe('cell problems', () => {
  it('reports a bad cell as D004 naming file, row and column, with a caret under the cell', () => {
    const text = `${header}\nD1,ana,2026-01-05,10,,\nD2,ana,2026-01-05,10,,\nD3,ana,2026-01-05,12O,,\n`;
    const r = loadTableText(deals, 'deals.csv', text, ctx);
    expect(r.diagnostics.map((d) => [d.code, d.message, d.file])).toEqual([
      ['D004', 'deals.csv row 4, column price: expected an amount of money such as 1200.50, found "12O"', 'deals.csv'],
    ]);
    expect(render(r.diagnostics, 'deals.csv', text)).toBe(
      [
        'error[D004]: deals.csv row 4, column price: expected an amount of money such as 1200.50, found "12O"',
        ' --> deals.csv:4:19',
        '  |',
        '4 | D3,ana,2026-01-05,12O,,',
        '  |                   ^^^',
        '  |',
        '',
        '1 error',
        '',
      ].join('\n'),
    );
    expect(r.value?.rows.map((x) => x.row)).toEqual([2, 3]);
  });

  it('uses the runtime messages for every column type', () => {
    const schema: TableSchema = {
      name: 'mixed',
      kind: 'rows',
      columns: [col('d', 'date'), col('n', 'count'), col('x', 'decimal'), col('p', 'percent'), col('b', 'boolean')],
    };
    const r = loadTableText(schema, 'mixed.csv', 'd,n,x,p,b\n2026/01/05,2.5,1.2.3,20,maybe\n', ctx);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'mixed.csv row 2, column d: expected a date written YYYY-MM-DD, found "2026/01/05"',
      'mixed.csv row 2, column n: expected a whole number (a count), found a fraction',
      'mixed.csv row 2, column x: expected a number such as 1.5, found "1.2.3"',
      'mixed.csv row 2, column p: expected a percentage written with a % sign such as 20%, found "20"',
      'mixed.csv row 2, column b: expected true or false (or yes/no), found "maybe"',
    ]);
  });

  it('reports an empty cell in a required column as D011, and accepts one in an optional column', () => {
    const text = `${header}\nD1,,2026-01-05,10,,\nD2,ana,2026-01-05,  ,,\n`;
    const r = loadTableText(deals, 'deals.csv', text, ctx);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['D011', 'deals.csv row 2, column rep: a value is required but the cell is empty'],
      ['D011', 'deals.csv row 3, column price: a value is required but the cell is empty'],
    ]);
    expect(r.diagnostics[0]?.span).toEqual({ start: text.indexOf('D1,') + 3, end: text.indexOf('D1,') + 3 });
    expect(r.value?.rows).toEqual([]);
  });

  it('reports rows with the wrong number of cells without crashing or guessing which cells shifted', () => {
    const text = `${header}\nD1,ana,2026-01-05\nD2,ana,2026-01-05,10,,\nD3,Smith, Jane,2026-01-05,10,,\n`;
    const r = loadTableText(deals, 'deals.csv', text, ctx);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['D004', 'deals.csv row 2 has 3 cells but the header has 6 columns'],
      ['D004', 'deals.csv row 4 has 7 cells but the header has 6 columns'],
    ]);
    expect(r.diagnostics[0]?.notes).toEqual(['every row needs a cell (possibly empty) for each column of the header']);
    expect(r.diagnostics[1]?.notes).toEqual(['a cell that contains a comma must be put in double quotes, e.g. "Smith, Jane"']);
    expect(spanText(text, r.diagnostics[0])).toBe('D1,ana,2026-01-05');
    expect(r.value?.rows.map((x) => x.row)).toEqual([3]);
  });

  it('collects every error in the file, not just the first', () => {
    const text = `${header}\nD1,ana,2026-01-05,x,,\nD2,,2026-01-05,10,,\nD3,ana,2026-02-30,10,,\nD3,ana,2026-01-05,10,1.5,\n`;
    const r = loadTableText(deals, 'deals.csv', text, ctx);
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      'D004 deals.csv row 2, column price: expected an amount of money such as 1200.50, found "x"',
      'D011 deals.csv row 3, column rep: a value is required but the cell is empty',
      'D004 deals.csv row 4, column close_date: expected a date written YYYY-MM-DD, found "2026-02-30"',
      'D005 deals.csv row 5, column deal_id: "D3" is already the key of row 4; each row of deals needs a different deal_id',
      'D004 deals.csv row 5, column qty: expected a whole number (a count), found a fraction',
    ]);
  });

  it(`stops listing after ${MAX_DIAGNOSTICS_PER_FILE} problems, with one diagnostic saying how many more`, () => {
    const lines = [header];
    for (let i = 0; i < 120; i++) lines.push(`D${i},ana,2026-01-05,oops${i},,`);
    const text = lines.join('\n');
    const r = loadTableText(deals, 'deals.csv', text, ctx);
    expect(r.diagnostics).toHaveLength(MAX_DIAGNOSTICS_PER_FILE + 1);
    expect(r.diagnostics.slice(0, 50).every((d) => d.code === 'D004' && d.severity === 'error')).toBe(true);
    const last = r.diagnostics[50];
    expect(last?.severity).toBe('info');
    expect(last?.message).toBe(
      'deals.csv: and 70 more problems not shown (only the first 50 are listed); the next one: deals.csv row 52, column price: expected an amount of money such as 1200.50, found "oops50"',
    );
    expect(spanText(text, last)).toBe('oops50');
  });
});

describe('keys', () => {
  it('reports a duplicate declared key as D005 naming both rows, with a label on the first', () => {
    const text = `${header}\nD1,ana,2026-01-05,10,,\nD2,ana,2026-01-05,10,,\nD1,bob,2026-02-05,20,,\n`;
    const r = loadTableText(deals, 'deals.csv', text, ctx);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['D005', 'deals.csv row 4, column deal_id: "D1" is already the key of row 2; each row of deals needs a different deal_id'],
    ]);
    const d = r.diagnostics[0];
    expect(d?.span.start).toBe(text.indexOf('D1,bob'));
    expect(d?.labels?.map((l) => [l.span.start, l.message])).toEqual([[text.indexOf('D1,ana'), 'row 2 has the same key']]);
    expect(r.value?.rows.map((x) => x.row)).toEqual([2, 3]);
  });

  it('treats several key columns as one combined key', () => {
    const lines: TableSchema = { name: 'lines', kind: 'rows', columns: [col('order', 'text', { key: true }), col('line', 'count', { key: true }), col('amount', 'money')] };
    const r = loadTableText(lines, 'lines.csv', 'order,line,amount\nA,1,5\nA,2,5\nB,1,5\nA,02,7\n', ctx);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'lines.csv row 5: the key (order "A", line "2") is already used by row 3; each row of lines needs a different combination of order and line',
    ]);
  });

  it('reports a payee listed twice in a payee table', () => {
    const r = loadTableText(targets, 'targets.csv', 'payee,target,rate\nana,1,1%\nbob,1,1%\nana,2,2%\n', ctx);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['D005', 'targets.csv row 4, column payee: payee "ana" already has a row (row 2); targets needs exactly one row per payee'],
    ]);
  });

  it('reports a payee listed twice for one period, however the period is written', () => {
    const text = 'payee,period,quota\nana,2026-Q1,1\nana,2026-Q2,1\nana,2026-q1,2\n';
    const r = loadTableText(quotas, 'quotas.csv', text, ctx);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['D005', 'quotas.csv row 4, column payee: payee "ana" already has a row for 2026-Q1 (row 2); quotas needs exactly one row per payee per period'],
    ]);
    expect(r.diagnostics[0]?.labels?.[0]?.span).toEqual({ start: text.indexOf('ana'), end: text.indexOf('ana') + 3 });
  });
});

describe('periods and the plan year', () => {
  it('reports a period that is not a label of the settlement kind as D010, with an example', () => {
    const text = 'payee,period,quota\nana,Q1 2026,1\nbob,2026-03,1\n';
    const r = loadTableText(quotas, 'quotas.csv', text, ctx);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['D010', 'quotas.csv row 2, column period: expected a quarter such as 2026-Q1, found "Q1 2026"'],
      ['D010', 'quotas.csv row 3, column period: expected a quarter such as 2026-Q1, found "2026-03"'],
    ]);
    expect(spanText(text, r.diagnostics[0])).toBe('Q1 2026');
    const m = loadTableText(quotas, 'quotas.csv', 'payee,period,quota\nana,2026-Q1,1\n', { settle: 'month' });
    expect(m.diagnostics.map((d) => d.message)).toEqual(['quotas.csv row 2, column period: expected a month such as 2026-03, found "2026-Q1"']);
  });

  it('reports an empty period as D011', () => {
    const r = loadTableText(quotas, 'quotas.csv', 'payee,period,quota\nana,,1\n', ctx);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['D011', 'quotas.csv row 2, column period: a value is required but the cell is empty']]);
  });

  it('reports a dating-column date outside the plan year as D007', () => {
    const text = `${header}\nD1,ana,2025-12-31,10,,\nD2,ana,2026-12-31,10,,\n`;
    const r = loadTableText(deals, 'deals.csv', text, ctx);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['D007', 'deals.csv row 2, column close_date: 2025-12-31 is outside the plan year 2026']]);
    expect(spanText(text, r.diagnostics[0])).toBe('2025-12-31');
    expect(r.value?.rows.map((x) => x.row)).toEqual([3]);
  });

  it('reports a period outside the plan year as D007', () => {
    const r = loadTableText(quotas, 'quotas.csv', 'payee,period,quota\nana,2025-Q4,1\n', ctx);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['D007', 'quotas.csv row 2, column period: 2025-Q4 is outside the plan year 2026']]);
  });

  it('does not check years when the plan year is unknown, nor date columns that do not date the row', () => {
    expect(loadTableText(deals, 'deals.csv', `${header}\nD1,ana,2024-06-01,10,,\n`, { settle: 'quarter' }).diagnostics).toEqual([]);
    const signed: TableSchema = { ...deals, columns: [...deals.columns, col('signed', 'date')] };
    expect(loadTableText(signed, 'deals.csv', `${header},signed\nD1,ana,2026-06-01,10,,,2025-11-30\n`, ctx).diagnostics).toEqual([]);
  });
});
