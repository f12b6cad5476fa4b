/**
 * The playground page: wires the editor, the data grid and the result panels to two workers — one
 * evaluates (runs, what-if, compare), one answers the editor (completion, hover, definition,
 * formatting). Every keystroke or cell edit schedules a run (debounced, newest wins), so a slow or
 * failed run never blocks typing, and saves the work in the browser's storage (see work.ts).
 */
import './style.css';
import type { Problem, RunResult, Session, SessionResult } from '@payplan/language-service';
import { ComparePanel } from './compare-panel';
import { debounce, grouped, sumDecimals } from './dom';
import { monaco, LANGUAGE, registerPayplan, reveal, setMarkers } from './editor';
import { examples } from './examples';
import { DataPanel } from './grid';
import { Notices } from './notices';
import { renderProblems } from './problems';
import { decodeShare, encodeShare, type Read, type Shared } from './share';
import { StatementsPanel } from './statements';
import { WhatIfPanel } from './whatif-panel';
import { browserStore, fingerprint, loadWork, saveWork } from './work';
import { StartupError, TimeoutError, WorkerClient } from './worker-client';

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

// ─── Messages ───────────────────────────────────────────────────────────────────────────────────

const notices = new Notices($('banner'), $('toast'));
const say = (message: string) => notices.say(message);
window.addEventListener('error', (e) => notices.set('page', `Something went wrong in the page: ${e.message}. Your plan and data are kept.`));
window.addEventListener('unhandledrejection', (e) => notices.set('page', `Something went wrong in the page: ${String((e.reason as Error)?.message ?? e.reason)}. Your plan and data are kept.`));

// ─── Workers ────────────────────────────────────────────────────────────────────────────────────

const params = new URLSearchParams(location.search);
/** The time limit of one evaluation; `?limit=ms` in the URL lowers it (the browser tests use that). */
const RUN_LIMIT_MS = Number(params.get('limit')) || 4000;
/** `?startup=ms` makes each worker spend that long starting, as on a busy machine (for the browser tests). */
const workerName = (role: string) => `payplan ${role}${params.get('startup') ? ` startup=${Number(params.get('startup'))}` : ''}`;
const newWorker = (role: string) => () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: workerName(role) });

/** Why the evaluation stopped, blaming the plan only when the machine was not the reason. */
function stopped(e: Error): string {
  const seconds = (ms: number) => `${(ms / 1000).toLocaleString('en', { maximumSignificantDigits: 2 })} s`;
  if (e instanceof StartupError) return `The evaluator did not start within ${seconds(e.ms)}: this computer is too busy (or the page did not load completely). Your plan is not the problem; reload the page to try again.`;
  if (!(e instanceof TimeoutError)) return `The evaluation stopped (${e.message}); its worker was restarted. Edit the plan or data to try again.`;
  const start = e.startupMs === undefined ? '' : seconds(e.startupMs);
  return e.busy
    ? `This computer is busy: the evaluation was stopped after ${seconds(e.ms)}, twice, and its worker took ${start} just to start (it normally takes well under a second). Your plan is not the problem; run it again when the computer is less busy.`
    : `The evaluation took too long (over ${seconds(e.ms)}, twice), so its worker was restarted: the plan or its data is more work than the playground allows${start && ` (the computer is not busy: the worker started in ${start})`}. Edit the plan or data to try again.`;
}
const evaluator = new WorkerClient(newWorker('evaluation'), {
  limit: RUN_LIMIT_MS,
  onStop: (e) => notices.set('run', stopped(e), { label: 'Run again', run: () => scheduleRun() }),
});
const language = new WorkerClient(newWorker('editor'), { limit: 3000, onStop: () => undefined });

// ─── Panels ─────────────────────────────────────────────────────────────────────────────────────

const statements = new StatementsPanel($('panel-statements'), {
  onSelect: (payee, period) => {
    saveSoon();
    whatIf.follow(payee, period);
    if (activeTab === 'whatif') void whatIf.refresh();
  },
  onJump: (line, column) => reveal(editor, { startLineNumber: line, startColumn: column, endLineNumber: line, endColumn: column }),
  onRow: (table, row) => data.focusCell(table, row - 2, 0),
});
registerPayplan(language, () => statements.current(), say);

const editor = monaco.editor.create($('editor'), {
  value: '',
  language: LANGUAGE,
  theme: 'payplan-light',
  automaticLayout: true,
  minimap: { enabled: false },
  fontSize: 14,
  lineHeight: 21,
  scrollBeyondLastLine: false,
  renderLineHighlight: 'all',
  tabSize: 2,
  fixedOverflowWidgets: true,
  scrollbar: { horizontalScrollbarSize: 8, verticalScrollbarSize: 10, useShadows: false },
  'semanticHighlighting.enabled': false,
});
const model = editor.getModel()!;

const data = new DataPanel($('data'), { onChange: () => scheduleRun(), say });

let lastGood: RunResult | undefined;
const session = (): Session => ({ plan: model.getValue(), tables: data.snapshot() });

const whatIf = new WhatIfPanel($('panel-whatif'), {
  session,
  statements: () => lastGood?.statements ?? [],
  selected: () => statements.current(),
  compute: (request) => evaluator.request({ kind: 'whatIf', request }),
});

const compare = new ComparePanel(
  $('panel-compare'),
  { plan: () => model.getValue(), examples, compute: (other) => evaluator.request({ kind: 'compare', session: session(), other }), changed: () => saveSoon() },
  '',
);

// ─── Tabs ───────────────────────────────────────────────────────────────────────────────────────

let activeTab = 'statements';
function showTab(name: string): void {
  activeTab = name;
  for (const b of document.querySelectorAll<HTMLElement>('.main-tabs .tab')) b.classList.toggle('active', b.dataset['panel'] === name);
  for (const p of document.querySelectorAll<HTMLElement>('.panel')) p.hidden = p.dataset['panel'] !== name;
  if (name === 'whatif') void whatIf.refresh();
  if (name === 'compare') void compare.refresh();
}
for (const b of document.querySelectorAll<HTMLElement>('.main-tabs .tab')) b.addEventListener('click', () => showTab(b.dataset['panel']!));

// ─── Runs ───────────────────────────────────────────────────────────────────────────────────────

let running = false;
let queued = false;
/** When the newest change was made: the status shows how long its results took. */
let changedAt = performance.now();
let runs = 0;

/** The model version whose markers are shown, and whether they came from a full run. */
let markersFor = { version: -1, full: false };

/**
 * How long an edit waits for the next one before it runs. Short: a run already under way makes later
 * edits queue anyway (newest wins), so the debounce only merges a burst of keystrokes.
 */
const DEBOUNCE_MS = 12;

const scheduleRun = (() => {
  const later = debounce(DEBOUNCE_MS, () => {
    void run();
    void quickCheck();
  });
  return () => {
    changedAt = performance.now();
    setStatus('busy', 'running…');
    later();
    saveSoon();
  };
})();

/**
 * The plan's own diagnostics come from the editor worker, which only parses and checks: squiggles
 * follow typing even while a long evaluation is under way. The run's markers (which add evaluation
 * errors) replace them when it finishes.
 */
async function quickCheck(): Promise<void> {
  const version = model.getVersionId();
  try {
    const m = await language.request({ kind: 'check', text: model.getValue() });
    if (model.getVersionId() !== version || (markersFor.version === version && markersFor.full)) return;
    setMarkers(model, m);
    markersFor = { version, full: false };
  } catch {
    // The run's markers will come.
  }
}

async function run(): Promise<void> {
  if (running) {
    queued = true;
    return;
  }
  running = true;
  queued = false;
  const started = changedAt;
  const version = model.getVersionId();
  try {
    const sent = performance.now();
    const r = await evaluator.request({ kind: 'run', session: session() });
    const received = performance.now();
    if (!queued) {
      apply(r, performance.now() - started, version);
      // Where the time went, for scripts/measure-playground.ts: wait before sending, worker round trip, rendering.
      document.body.dataset['timing'] = [sent - started, received - sent, performance.now() - received].map((x) => x.toFixed(0)).join('/');
    }
    notices.set('run', undefined);
  } catch (e) {
    const machine = (e instanceof TimeoutError && e.busy) || e instanceof StartupError;
    setStatus('error', machine ? 'stopped: the computer is busy' : e instanceof TimeoutError ? 'stopped: took too long' : 'the run failed');
    if (!(e instanceof TimeoutError || e instanceof StartupError)) notices.set('run', `The run failed: ${(e as Error).message}`);
  } finally {
    running = false;
    if (queued) void run();
  }
}

function apply(r: SessionResult, latency: number, version: number): void {
  setMarkers(model, r.markers);
  markersFor = { version, full: true };
  // A plan that does not parse declares no tables as far as the checker knows: keep the grid's columns.
  if (r.schemas.length || !(r.failedAt === 'parse' || r.failedAt === 'check')) data.setSchemas(r.schemas);
  data.setIssues(r.issues);
  if (r.result) lastGood = r.result;
  statements.update(r.result);
  renderProblems($('panel-problems'), r.problems, jumpTo);
  const errors = r.problems.filter((p) => p.severity === 'error').length;
  const warnings = r.problems.filter((p) => p.severity === 'warning').length;
  const count = $('problem-count');
  count.hidden = errors + warnings === 0;
  count.textContent = String(errors + warnings);
  count.classList.toggle('warn', errors === 0);
  if (r.result) {
    const total = sumDecimals(r.result.statements.map((s) => s.payout));
    setStatus('ok', `${r.result.statements.length} statements · ${grouped(total)} ${r.result.currency}${warnings ? ` · ${warnings} warning${warnings === 1 ? '' : 's'}` : ''} · ${Math.round(latency)} ms`);
  } else {
    setStatus('error', `${errors} error${errors === 1 ? '' : 's'} in the ${r.failedAt === 'load' ? 'data' : r.failedAt === 'evaluate' ? 'run' : 'plan'}`);
  }
  runs++;
  document.body.dataset['runs'] = String(runs);
  document.body.dataset['latency'] = String(Math.round(latency));
  if (activeTab === 'whatif') whatIf.refreshSoon();
  if (activeTab === 'compare') compare.refreshSoon();
}

function setStatus(kind: 'ok' | 'error' | 'busy', text: string): void {
  const s = $('status');
  s.className = `status ${kind}`;
  s.textContent = text;
}

function jumpTo(p: Problem): void {
  if (p.file.endsWith('.payplan')) {
    if (p.line) reveal(editor, { startLineNumber: p.line, startColumn: p.column ?? 1, endLineNumber: p.line, endColumn: p.column ?? 1 });
    return;
  }
  const table = p.file.replace(/\.csv$/, '');
  const line = p.line;
  // The CSV written for a grid has one line per row: line 1 is the header, line n is grid row n − 2.
  data.focusCell(table, line === undefined ? undefined : line - 2, undefined);
}

model.onDidChangeContent(() => scheduleRun());

// ─── The work, kept in the browser ──────────────────────────────────────────────────────────────

const store = browserStore();
/**
 * The work's fingerprint as last loaded: undefined when what was loaded had been edited already
 * (saved work), null before anything is loaded.
 */
let loadedAs: string | undefined | null = null;

function work(): Shared {
  const st = statements.current();
  return {
    v: 1,
    ...(picker.value !== 'shared' && { example: picker.value }),
    plan: model.getValue(),
    tables: data.snapshot(),
    compare: compare.text(),
    ...(st && { selected: { payee: st.payee, period: st.period } }),
  };
}

const edited = (): boolean => loadedAs !== null && (loadedAs === undefined || fingerprint(work()) !== loadedAs);

function save(): void {
  if (loadedAs === null) return; // nothing shown yet: nothing to keep
  const why = saveWork(store, { session: work(), edited: edited() });
  notices.set('storage', why && `Your work is not being kept in this browser: ${why}. Share link or Download keeps a copy.`);
}
const saveSoon = debounce(300, save);
window.addEventListener('pagehide', save);

/** True when nothing is edited, or the reader agrees to lose the edits. */
const mayDiscard = (question: string): boolean => !edited() || window.confirm(`${question}\n\nYour edits to the plan, data or version B will be lost. (Share link keeps a copy.)`);

// ─── Examples, format, share ────────────────────────────────────────────────────────────────────

const picker = $<HTMLSelectElement>('example');
for (const x of examples) picker.append(new Option(x.label, x.id));
picker.append(new Option('(from a shared link)', 'shared'));
/** The picker's value for what is loaded: a change is undone there when the reader keeps their edits. */
let shown = '';
picker.addEventListener('change', () => {
  const x = examples.find((e) => e.id === picker.value);
  if (!x) return;
  if (!mayDiscard(`Open the example “${x.label}”?`)) {
    picker.value = shown;
    return;
  }
  load({ v: 1, example: x.id, plan: x.plan, tables: x.tables });
});

/** Shows a session; `edited` when it holds edits already (saved work), so replacing it asks first. */
function load(state: Shared, wasEdited = false): void {
  picker.value = state.example && examples.some((x) => x.id === state.example) ? state.example : 'shared';
  shown = picker.value;
  data.load(state.tables);
  model.setValue(state.plan);
  compare.setText(state.compare ?? state.plan);
  if (state.selected) {
    statements.select(state.selected.payee, state.selected.period);
    whatIf.follow(state.selected.payee, state.selected.period);
  }
  loadedAs = wasEdited ? undefined : fingerprint(work());
  scheduleRun();
}

$('format').addEventListener('click', () => void editor.getAction('editor.action.formatDocument')?.run());

$('share').addEventListener('click', async () => {
  const url = `${location.href.replace(/#.*$/, '')}${await encodeShare(work())}`;
  const input = $<HTMLInputElement>('share-url');
  input.value = url;
  $('share-box').hidden = false;
  input.select();
  try {
    await navigator.clipboard.writeText(url);
    say(`Link copied (${Math.round(url.length / 1024)} KB): it holds the plan and all the data.`);
  } catch {
    say('Copy the link from the box above.');
  }
});
$('share-close').addEventListener('click', () => ($('share-box').hidden = true));

// ─── Start ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Opens a share link's session. A link that cannot be read says why and loads nothing; a link that
 * opens leaves the URL, so a reload restores the work made from it rather than the link again.
 */
function openLink(link: Read, instead: string): void {
  if (!link.ok) {
    notices.set('link', `This share link cannot be read: ${link.error.reason}. Nothing from it was loaded; ${instead}.`);
    return;
  }
  notices.set('link', undefined);
  history.replaceState(null, '', location.pathname + location.search);
  if (fingerprint(link.session) === fingerprint(work()) || mayDiscard('Open the shared link?')) load(link.session);
  else notices.set('link', 'The shared link was not opened, so your edits are kept. Open the link again to see it.');
}

/** Shows the saved work, else the first example; then the share link in the URL, if any. */
async function start(): Promise<void> {
  const saved = loadWork(store);
  const link = await decodeShare(location.hash);
  const first = examples[0];
  if (saved?.ok) load(saved.session, saved.edited);
  else {
    if (saved) notices.set('restore', `The work saved in this browser cannot be read (${saved.error.reason}), so it was not restored.`);
    if (first && !link?.ok) load({ v: 1, example: first.id, plan: first.plan, tables: first.tables });
  }
  if (link) openLink(link, saved?.ok ? 'your saved work is shown instead' : `the example “${first?.label ?? ''}” is shown instead`);
}
window.addEventListener('hashchange', () => void decodeShare(location.hash).then((link) => link && openLink(link, 'the page is unchanged')));
void start();
