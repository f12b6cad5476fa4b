/**
 * How long the playground takes from a keystroke to updated diagnostics and payouts, for every
 * shipped example grown to (at least) 1,000 data rows. Prints figures; asserts nothing.
 *
 *   npx tsx scripts/measure-playground.ts            # node: the language service and run pipeline
 *   npx tsx scripts/measure-playground.ts --browser  # also in headless Chromium, through the page
 *
 * In node it times exactly what the playground's workers do per keystroke: the editor worker's
 * check of the new text (the squiggles), and the evaluation worker's run of the session (grids
 * written as CSV, check, load, evaluate, markers and cell issues) — after a keystroke in the plan,
 * which reuses the loaded data, and after one in a cell, which reads the data again. The page adds its
 * debounce (12 ms) and two postMessage hops; `--browser` measures that whole path: it types into the
 * editor of the built site and reads the latency the page itself records, from the edit to the
 * results being on screen.
 *
 * The data are grown by copying an example's whole data set with the payees renamed (`ana~2`) and
 * keys made unique, so every table keeps its relationships.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, extname, join, normalize, resolve } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { analyze, complete, gridFromCsv, markers, runSession, sessionRunner, type Session, type SessionTable } from '@payplan/language-service';

const ROWS = 1000;
/** The page's debounce (playground/src/main.ts). */
const DEBOUNCE = 12;
const RUNS = 40;
const repo = resolve(import.meta.dirname, '..');

interface Example {
  readonly id: string;
  readonly session: Session;
  readonly rows: number;
  readonly note?: string;
}

function examples(): Example[] {
  const dir = join(repo, 'examples');
  const out: Example[] = [];
  for (const folder of readdirSync(dir).sort()) {
    const files = readdirSync(join(dir, folder));
    const plans = files.filter((f) => f.endsWith('.payplan'));
    const tables: SessionTable[] = files.filter((f) => f.endsWith('.csv')).map((f) => ({ name: basename(f, '.csv'), ...gridFromCsv(readFileSync(join(dir, folder, f), 'utf8')) }));
    for (const p of plans) {
      const plan = readFileSync(join(dir, folder, p), 'utf8');
      const grown = grow({ plan, tables });
      out.push({ id: plans.length === 1 ? folder : `${folder}/${basename(p, '.payplan')}`, ...grown });
    }
  }
  return out;
}

/**
 * Copies the data until there are at least ROWS rows: first the whole data set with payees renamed
 * and keys made unique; if the plan names its payees (a split by region, say) and so rejects new
 * ones, only the transaction rows, with unique keys.
 */
function grow(session: Session): { session: Session; rows: number; note?: string } {
  const r = runSession(session);
  const total = session.tables.reduce((n, t) => n + t.rows.length, 0);
  if (!r.result || total === 0) return { session, rows: total, note: 'not grown: the example does not run as shipped' };
  for (const renamePayees of [true, false]) {
    const grown = copyData(session, r, renamePayees);
    if (grown.rows >= ROWS && runSession(grown.session).result) return grown;
  }
  return { session, rows: total, note: 'not grown: its plan keys on the payees it names' };
}

function copyData(session: Session, r: ReturnType<typeof runSession>, renamePayees: boolean): { session: Session; rows: number } {
  const growing = session.tables.filter((t) => renamePayees || r.schemas.find((s) => s.name === t.name)?.kind === 'rows');
  const total = growing.reduce((n, t) => n + t.rows.length, 0);
  const copies = total ? Math.ceil((ROWS - (session.tables.reduce((n, t) => n + t.rows.length, 0) - total)) / total) : 1;
  const tables = session.tables.map((t): SessionTable => {
    if (!growing.includes(t)) return t;
    const schema = r.schemas.find((s) => s.name === t.name);
    if (!schema) return t;
    const payeeCols = t.header.map((h, i) => ((schema.kind !== 'rows' && h === 'payee') || schema.columns.some((c) => c.name === h && c.type === 'payee') ? i : -1)).filter((i) => i >= 0);
    const keyCols = t.header.map((h, i) => (schema.columns.some((c) => c.name === h && c.key) ? i : -1)).filter((i) => i >= 0);
    const rows: string[][] = [];
    for (let k = 0; k < copies; k++) {
      for (const row of t.rows) {
        rows.push(row.map((cell, i) => (k === 0 || cell === '' ? cell : (renamePayees && payeeCols.includes(i)) || keyCols.includes(i) ? `${cell}~${k}` : cell)));
      }
    }
    return { ...t, rows };
  });
  return { session: { ...session, tables }, rows: tables.reduce((n, t) => n + t.rows.length, 0) };
}

const now = () => performance.now();
function stats(xs: number[]): { median: number; p95: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p95: at(0.95), max: s[s.length - 1]! };
}
const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(9);

function measureNode(list: Example[]): void {
  console.log(`Keystroke → diagnostics and payouts, in node, per example grown to ${ROWS} data rows (${RUNS} edits after 5 warm-up runs).`);
  console.log('  diagnostics: the editor worker parses and checks the new text (analyze + markers): the squiggles.');
  console.log('  payouts:     the evaluation worker runs the session after an edit to the plan (the loaded data is reused) ...');
  console.log('  cell edit:   ... and after an edit to a cell (grids written as CSV and loaded again).');
  console.log('  completion:  a completion request on a new text, analysis included.');
  console.log(`The page adds a ${DEBOUNCE} ms debounce and a postMessage round trip to each.`);
  console.log('');
  console.log(`${'example'.padEnd(28)} ${'rows'.padStart(5)} ${'stmts'.padStart(5)}  ${'diagnostics'.padStart(11)}  ${'payouts'.padStart(9)} ${'p95'.padStart(9)} ${'max'.padStart(9)}  ${'cell edit'.padStart(9)}  ${'completion'.padStart(10)}  status`);
  const diag: number[] = [];
  const pay: number[] = [];
  for (const x of list) {
    const base = x.session.plan;
    // Each edit makes a new text, as a keystroke does (a comment line grows by one character).
    const edit = (i: number) => `${base}\n# ${'x'.repeat(i % 7)}`;
    const runner = sessionRunner();
    for (let i = 0; i < 5; i++) (runner({ ...x.session, plan: edit(i) }), runSession({ ...x.session, plan: edit(i) }));
    const run: number[] = [];
    const cell: number[] = [];
    const ana: number[] = [];
    const comp: number[] = [];
    let last = runSession(x.session);
    for (let i = 0; i < RUNS; i++) {
      const text = edit(i + 5);
      let t = now();
      const a = analyze(text);
      markers(a.diagnostics, a.source);
      ana.push(now() - t);
      t = now();
      last = runner({ ...x.session, plan: text });
      run.push(now() - t);
      t = now();
      runSession({ ...x.session, plan: text });
      cell.push(now() - t);
      const typing = `${text}\nbonus zz when `;
      t = now();
      complete(analyze(typing), typing.length);
      comp.push(now() - t);
    }
    const r = stats(run);
    const d = stats(ana).median;
    pay.push(r.median);
    diag.push(d);
    const status = (last.result ? 'ok' : `${last.problems.filter((p) => p.severity === 'error').length} errors (${last.failedAt})`) + (x.note ? `; ${x.note}` : '');
    console.log(
      `${x.id.padEnd(28)} ${String(x.rows).padStart(5)} ${String(last.result?.statements.length ?? 0).padStart(5)}  ${ms(d).padStart(11)}  ${ms(r.median)} ${ms(r.p95)} ${ms(r.max)}  ${ms(stats(cell).median)}  ${ms(stats(comp).median).padStart(10)}  ${status}`,
    );
  }
  const worstDiag = Math.max(...diag);
  const worstPay = Math.max(...pay);
  const over = list.filter((_, i) => pay[i]! + DEBOUNCE > 100).map((x) => x.id);
  console.log('');
  console.log(`Slowest medians: diagnostics ${worstDiag.toFixed(1)} ms, payouts ${worstPay.toFixed(1)} ms; with the ${DEBOUNCE} ms debounce ${(worstDiag + DEBOUNCE).toFixed(0)} ms and ${(worstPay + DEBOUNCE).toFixed(0)} ms (budget 100 ms).`);
  console.log(over.length ? `Over budget (payouts + debounce): ${over.join(', ')}.` : 'Every example is within the budget.');
}

async function measureBrowser(list: Example[]): Promise<void> {
  const chromiumPath = '/usr/bin/chromium';
  console.log('');
  if (!existsSync(chromiumPath)) {
    console.log(`In the browser: skipped, ${chromiumPath} is missing (scripts/install-chromium.sh installs it).`);
    return;
  }
  const { build } = await import('vite');
  const { chromium } = await import('playwright-core');
  await build({ configFile: join(repo, 'playground/vite.config.ts'), logLevel: 'error' });
  const dist = join(repo, 'playground/dist');
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf' };
  const server = createServer((req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (path.endsWith('/')) path += 'index.html';
    try {
      res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(join(dist, path)));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  console.log('Keystroke → results on screen, in headless Chromium (the page\'s own measure: edit to render, debounce included; 15 keystrokes each).');
  console.log('');
  console.log('Median parts: "wait" is the debounce (and any run still under way), "worker" the round trip to the evaluation worker, "render" updating the page.');
  console.log('');
  console.log(`${'example'.padEnd(30)} ${'rows'.padStart(6)}   ${'median'.padStart(9)} ${'max'.padStart(9)}   ${'wait'.padStart(9)} ${'worker'.padStart(9)} ${'render'.padStart(9)}`);
  try {
    for (const x of list) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const state = { v: 1, plan: x.session.plan, tables: x.session.tables };
      const hash = `#s=${deflateRawSync(Buffer.from(JSON.stringify(state))).toString('base64url')}`;
      await page.goto(url + hash);
      await page.waitForSelector('body[data-runs]', { state: 'attached', timeout: 30_000 });
      await page.click('#editor .view-lines');
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('#');
      const latencies: number[] = [];
      const timings: number[][] = [];
      for (let i = 0; i < 15; i++) {
        // (Expressions as strings: they run in the page, where `document` is.)
        const before = Number(await page.evaluate('document.body.dataset.runs'));
        await page.keyboard.type('x');
        await page.waitForFunction(`Number(document.body.dataset.runs) > ${before} && !document.querySelector('.status.busy')`, undefined, { timeout: 30_000 });
        latencies.push(Number(await page.evaluate('document.body.dataset.latency')));
        timings.push(String(await page.evaluate('document.body.dataset.timing')).split('/').map(Number));
        await page.waitForTimeout(60);
      }
      const s = stats(latencies);
      const part = (i: number) => ms(stats(timings.map((t) => t[i] ?? 0)).median);
      console.log(`${x.id.padEnd(30)} ${String(x.rows).padStart(6)}   ${ms(s.median)} ${ms(s.max)}   ${part(0)} ${part(1)} ${part(2)}`);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
}

const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const list = examples().filter((x) => !only.length || only.some((o) => x.id.startsWith(o)));
if (!process.argv.includes('--browser-only')) measureNode(list);
if (process.argv.includes('--browser') || process.argv.includes('--browser-only')) await measureBrowser(list);
