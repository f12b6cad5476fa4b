/** Problems: every diagnostic of the last run, rendered exactly as the CLI prints it. */
import type { Problem } from '@payplan/language-service';
import { fill, h } from './dom';

/** A broken file can produce thousands; the first ones are the useful ones. */
const SHOWN = 200;

export function renderProblems(root: HTMLElement, problems: readonly Problem[], jump: (p: Problem) => void): void {
  if (!problems.length) {
    fill(root, h('p', { class: 'empty ok' }, 'No problems: the plan checks and its data loads.'));
    return;
  }
  fill(root,
    h('p', { class: 'muted' }, 'As `payplan run` prints them. Click one to go to it.'),
    ...problems.slice(0, SHOWN).map((p) => h('div', { class: `problem ${p.severity}`, 'data-code': p.code, onclick: () => jump(p) }, h('pre', {}, p.rendered))),
    problems.length > SHOWN ? h('p', { class: 'muted' }, `… and ${problems.length - SHOWN} more.`) : null,
  );
}
