/**
 * The playground end to end, in a real headless Chromium (Debian's, driven by playwright-core): the
 * static build served from a plain file server, then what a person does — pick an example, break the
 * plan and see the squiggle and the CLI's message, fix it, edit a cell and see the payout move to the
 * figure worked out by hand, open an explanation, and open a share link in a new page.
 *
 * Chromium must be installed (scripts/install-chromium.sh); without it these tests fail, not skip.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const repo = resolve(import.meta.dirname, '../..');
const dist = join(repo, 'playground/dist');
const artifacts = join(repo, 'test-results');

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.svg': 'image/svg+xml', '.json': 'application/json' };

/** A file server that knows nothing about the app: the build must work from any such server. */
function serve(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    void (async () => {
      let path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname));
      if (path.endsWith('/')) path += 'index.html';
      const file = join(root, path);
      if (!file.startsWith(root)) return void res.writeHead(403).end();
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })));
}

let browser: Browser;
let server: Server;
let url: string;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the playground's browser tests need Debian's chromium. Install it with scripts/install-chromium.sh (apt-get install chromium).`);
  }
  await build({ configFile: join(repo, 'playground/vite.config.ts'), logLevel: 'error' });
  ({ server, url } = await serve(dist));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

const status = () => page.locator('#status');
/** Waits for a value to come right: generous, since CI runs other test files beside this one on two cores. */
const eventually = <T>(f: () => T | Promise<T>) => expect.poll(f, { timeout: 20_000, interval: 50 });

/** The plan lines the editor shows (Monaco renders spaces as no-break spaces). */
const planText = async (p: Page) => ((await p.locator('#editor .view-lines').textContent()) ?? '').replace(/\u00a0/g, ' ');
const payoutOf = (p: Page, payee: string) => p.locator(`#panel-statements table.summary tr[data-payee="${payee}"] td.payout`);

describe('the playground', { timeout: 120_000 }, () => {
  it('loads and runs the first example', async () => {
    await page.goto(url);
    await eventually(() => status().textContent()).toContain('5 statements · 27,385.60 CNY');
    expect(await page.locator('#example option').count()).toBeGreaterThan(1);
  });

  it('picks an example from the picker', async () => {
    const other = await page.locator('#example option').nth(1).getAttribute('value');
    await page.selectOption('#example', other!);
    await eventually(() => planText(page)).not.toContain('Account executive 2026');
    await page.selectOption('#example', 'account-executive');
    await eventually(() => planText(page)).toContain('plan "Account executive 2026"');
    await eventually(() => status().textContent()).toContain('27,385.60 CNY');
    expect(await payoutOf(page, 'ana').textContent()).toBe('15,400.00');
  });

  it('marks an error with the CLI\'s message, and clears it when fixed', async () => {
    await page.click('#editor .view-lines');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('bonus extra when marginn >= T3 pay 1', { delay: 5 });
    await page.keyboard.press('Escape'); // close the suggestion list
    await eventually(() => status().textContent()).toContain('1 error in the plan');
    const squiggle = page.locator('#editor .squiggly-error');
    await eventually(() => squiggle.count()).toBe(1);
    // The marker's message, as the editor shows it on hover.
    await squiggle.hover({ force: true });
    await eventually(() => page.locator('.monaco-hover').first().textContent()).toContain('error[N001]: unknown name `marginn`');
    expect(await page.locator('.monaco-hover').first().textContent()).toContain('help: did you mean `margin`?');
    // And in the problems list, rendered as the CLI renders it.
    await page.click('.main-tabs [data-panel=problems]');
    const problem = await page.locator('#panel-problems .problem').first().textContent();
    expect(problem).toContain('error[N001]: unknown name `marginn`');
    expect(problem).toContain('--> plan.payplan:');
    expect(problem).toContain('= help: did you mean `margin`?');
    // The statements keep the last good figures, marked out of date.
    await page.click('.main-tabs [data-panel=statements]');
    expect(await page.locator('#panel-statements .stale').count()).toBe(1);

    await page.click('#editor .view-lines');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Control+Shift+K'); // delete the line
    await eventually(() => status().textContent()).toContain('5 statements · 27,385.60 CNY');
    await eventually(() => squiggle.count()).toBe(0);
    expect(await page.locator('#panel-statements .stale').count()).toBe(0);
  });

  it('marks a bad cell with the CLI\'s data error', async () => {
    await page.click('.data-tabs [data-table=deals]');
    const qty = page.locator('table.grid[data-table=deals] input[data-row="0"][data-col="3"]');
    expect(await qty.inputValue()).toBe('1000');
    await qty.fill('1k');
    await eventually(() => status().textContent()).toContain('1 error in the data');
    const cell = page.locator('table.grid[data-table=deals] td.bad');
    await eventually(() => cell.count()).toBe(1);
    expect(await cell.locator('input').getAttribute('title')).toBe('error[D004]: deals.csv row 2, column qty: expected a whole number, found "1k"');
  });

  it('changes ana\'s payout when her deal changes', async () => {
    // ana's one deal at qty 500: margin 500 × (150 − 20) = 65,000, in the band T1 .. T2 (60,000 .. 80,000),
    // so the commission is 3% of the whole 65,000 = 1,950; no bonus (65,000 < T3 = 120,000); the price
    // difference is 20% × (150 − 120) × 500 = 3,000. Payout 1,950 + 0 + 3,000 = 4,950.00.
    await page.locator('table.grid[data-table=deals] input[data-row="0"][data-col="3"]').fill('500');
    await eventually(() => payoutOf(page, 'ana').textContent()).toBe('4,950.00');
    await eventually(() => page.locator('table.grid td.bad').count()).toBe(0);
    expect(await status().textContent()).toContain('5 statements · 16,935.60 CNY');
  });

  it('expands an explanation and jumps to its rule', async () => {
    await page.locator('#panel-statements table.summary tr[data-payee="ana"]').click();
    const line = page.locator('#panel-statements details.line[data-component=commission]');
    await line.locator('summary').click();
    const text = await line.locator('.explanation').textContent();
    expect(text).toContain('commission on margin whole');
    expect(text).toContain('whole amount: band T1 .. T2');
    expect(text).toContain('margin = 65,000.00');
    expect(text).toContain('deals row 2 (1)');
    await line.locator('a.rule-link').click();
    await eventually(() => planText(page)).toContain('commission on margin whole');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'playground.png') });
  });

  it('charts what-if payouts and moves them with a value', async () => {
    await page.click('.main-tabs [data-panel=whatif]');
    const readout = page.locator('[data-readout=payout]');
    await eventually(() => readout.textContent()).toBe('4,950.00 CNY');
    expect(await page.locator('svg.chart polygon').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('svg.chart .marks text').allTextContents()).toEqual(['T1', 'T2', 'T', 'T3']);
    // Pin margin at 100,000: 5% of T + 8% of nothing = 5,000, plus the 3,000 price difference.
    await page.fill('[data-control=value]', '100000');
    await page.press('[data-control=value]', 'Enter');
    await eventually(() => readout.textContent()).toBe('8,000.00 CNY');
    await page.screenshot({ path: join(artifacts, 'playground-what-if.png') });
  });

  it('compares two versions of the plan', async () => {
    await page.click('.main-tabs [data-panel=compare]');
    await page.selectOption('[data-control=version-b]', 'current');
    await eventually(() => page.locator('#panel-compare table.compare tfoot').textContent()).toContain('0.00');
    expect(await page.locator('#panel-compare tr[data-payee=ana] td').allTextContents()).toEqual(['ana', '2026-Q1', '4,950.00', '4,950.00', '0.00']);
  });

  it('opens a share link in a new page with the same plan and data', async () => {
    await page.click('.main-tabs [data-panel=statements]');
    await page.click('#share');
    await eventually(() => page.locator('#share-url').inputValue()).toMatch(/#s=[A-Za-z0-9_-]+$/);
    const link = await page.locator('#share-url').inputValue();
    const other = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    other.on('pageerror', (e) => pageErrors.push(e.message));
    await other.goto(link);
    await eventually(() => other.locator('#status').textContent()).toContain('5 statements · 16,935.60 CNY');
    expect(await payoutOf(other, 'ana').textContent()).toBe('4,950.00');
    expect(await other.locator('table.grid[data-table=deals] input[data-row="0"][data-col="3"]').inputValue()).toBe('500');
    expect(await other.locator('#example').inputValue()).toBe('account-executive');
    expect(await planText(other)).toContain('plan "Account executive 2026"');
    expect(await other.locator('#panel-statements section.statement').getAttribute('data-payee')).toBe('ana');
    await other.close();
  });

  it('stops a run that overruns its time limit, says so, and stays responsive', async () => {
    const slow = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    slow.on('pageerror', (e) => pageErrors.push(e.message));
    await slow.goto(`${url}?limit=1`); // every run overruns a 1 ms limit
    await eventually(() => slow.locator('#banner').textContent()).toContain('took too long, so its worker was restarted');
    expect(await slow.locator('#status').textContent()).toContain('stopped: took too long');
    // The page still answers: the editor takes input and a new run starts (on a fresh worker).
    await slow.click('#editor .view-lines');
    await slow.keyboard.press('Control+End');
    await slow.keyboard.type(' ');
    await eventually(() => slow.locator('#status').textContent()).toContain('stopped: took too long');
    await slow.click('.main-tabs [data-panel=problems]');
    expect(await slow.locator('#panel-problems').isVisible()).toBe(true);
    await slow.close();
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
