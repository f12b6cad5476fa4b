/**
 * The streaming CSV reader (@payplan/data's streamCsvRows): it streams plainly written files, and
 * answers undefined — so the caller reads the file with the validating loader, which reports each
 * problem — for anything else, a repeated key above all.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { streamCsvRows } from '@payplan/data';
import { col, deals } from './fixtures.js';
import type { TableSchema } from '@payplan/runtime';

const dir = mkdtempSync(join(tmpdir(), 'payplan-stream-'));
let n = 0;
const file = (content: string | Buffer): string => {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, content);
  return path;
};
const head = 'deal_id,rep,close_date,price,qty,note';

/** The rows a file streams, each as its cells, or undefined. */
function streamed(content: string | Buffer, options: { maxRows?: number; keysPerChunk?: number } = {}, schema: TableSchema = deals): string[][] | undefined {
  const rows: string[][] = [];
  const r = streamCsvRows(file(content), schema, (cells) => (rows.push([cells['deal_id'] ?? '-', cells['rep'] ?? '-', cells['price'] ?? '-']), true), options);
  return r && (expect(r.rows).toBe(rows.length), rows);
}

describe('streams plainly written CSV, row by row', () => {
  it('reads LF and CRLF, a BOM, blank lines and a last line without a break', () => {
    const expected = [
      ['D1', 'ana', '10.00'],
      ['D2', ' bob ', '20.5'],
    ];
    expect(streamed(`${head}\nD1,ana,2026-01-05,10.00,1,\n\n,,,,,\nD2, bob ,2026-02-01,20.5,,x\n`)).toEqual(expected);
    expect(streamed(`\ufeff${head}\r\nD1,ana,2026-01-05,10.00,1,\r\nD2, bob ,2026-02-01,20.5,,x`)).toEqual(expected);
  });

  it('takes columns in any order, and optional columns may be absent', () => {
    expect(streamed('price,rep,close_date,deal_id\n7,cat,2026-03-01,D9\n')).toEqual([['D9', 'cat', '7']]);
  });

  it('reads a file longer than one chunk, a record cut across chunks', () => {
    const lines = Array.from({ length: 40_000 }, (_, i) => `D${i},rep${i % 7},2026-01-05,${i}.25,1,some words to lengthen the line`);
    const rows = streamed(`${head}\n${lines.join('\n')}\n`)!;
    expect(rows.length).toBe(40_000);
    expect(rows[39_999]).toEqual(['D39999', 'rep1', '39999.25']);
  });

  it('finds no repeat among distinct keys spread over several chunks of fingerprints', () => {
    const lines = Array.from({ length: 1_000 }, (_, i) => `D${i},ana,2026-01-05,1,1,`);
    expect(streamed(`${head}\n${lines.join('\n')}\n`, { keysPerChunk: 64 })?.length).toBe(1_000);
  });
});

describe('answers undefined for anything the validating loader must read', () => {
  const ok = `${head}\nD1,ana,2026-01-05,10.00,1,\n`;
  it.each([
    ['a quoted cell', `${head}\nD1,"ana",2026-01-05,10.00,1,\n`],
    ['a byte outside ASCII', `${head}\nD1,anä,2026-01-05,10.00,1,\n`],
    ['a lone carriage return', `${head}\rD1,ana,2026-01-05,10.00,1,\r`],
    ['an unknown column', `${head},extra\nD1,ana,2026-01-05,10.00,1,,x\n`],
    ['a missing required column', 'deal_id,rep,close_date\nD1,ana,2026-01-05\n'],
    ['a column twice', 'deal_id,rep,rep,close_date,price\nD1,ana,ana,2026-01-05,1\n'],
    ['a row narrower than the header', `${head}\nD1,ana,2026-01-05,10.00\n`],
    ['an empty file', ''],
    ['a repeated key', `${ok}D1,bob,2026-01-06,1,1,\n`],
    ['a repeated key written with spaces around it', `${ok} D1 ,bob,2026-01-06,1,1,\n`],
  ])('%s', (_, content) => {
    expect(streamed(ok)).toBeDefined();
    expect(streamed(content)).toBeUndefined();
  });

  it('a key repeated in another chunk of fingerprints', () => {
    const lines = Array.from({ length: 500 }, (_, i) => `D${i},ana,2026-01-05,1,1,`);
    expect(streamed(`${head}\n${lines.join('\n')}\nD3,bob,2026-01-05,1,1,\n`, { keysPerChunk: 64 })).toBeUndefined();
  });

  it('invalid UTF-8', () => {
    expect(streamed(Buffer.concat([Buffer.from(`${head}\nD1,an`), Buffer.from([0xff]), Buffer.from(',2026-01-05,1,1,\n')]))).toBeUndefined();
  });

  it('more rows than a limit given, and a row its reader declines', () => {
    const two = `${ok}D2,bob,2026-01-06,1,1,\n`;
    expect(streamed(two, { maxRows: 2 })).toHaveLength(2);
    expect(streamed(two, { maxRows: 1 })).toBeUndefined();
    expect(streamCsvRows(file(two), deals, (cells) => cells['deal_id'] !== 'D2')).toBeUndefined();
  });

  it('keys of number columns, whose equal values are written differently', () => {
    const byNumber: TableSchema = { ...deals, columns: [col('deal_id', 'decimal', { key: true }), ...deals.columns.slice(1)] };
    expect(streamed(ok, {}, byNumber)).toBeUndefined();
  });
});
