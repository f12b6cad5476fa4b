/**
 * L005: rules that can never pay, whatever the data: a condition that can never hold
 * (contradiction.ts), pay of 0 in every band or step, a salary or pool of 0, a cap at 0.
 */
import type { Label, Span } from '@payplan/diagnostics';
import type { IrComponent, IrExpr } from '../ir.js';
import { impossible } from './contradiction.js';
import { form, type Cx } from './context.js';
import { provablyZero } from './linear.js';

export function neverPays(cx: Cx, c: IrComponent): void {
  const zero = (e: IrExpr): boolean => {
    const f = form(cx, e);
    return !!f && provablyZero(f);
  };
  const say = (reason: string, span: Span, extra: { labels?: Label[] } = {}) =>
    cx.warn('L005', span, `\`${c.name}\` can never pay: ${reason}`, {
      owner: c.source.span,
      // A label under the very span the caret marks says nothing more.
      labels: (extra.labels ?? []).filter((l) => l.span.start !== span.start || l.span.end !== span.end),
      hint: 'if it is kept on purpose, end its line with `# never-pays: intended`',
    });
  switch (c.kind) {
    case 'commission':
      if (c.bands.every((b) => zero(b.pay))) say(c.mode === 'flat' ? 'it pays 0' : 'every band pays 0', c.source.span);
      break;
    case 'bonus': {
      const never = impossible(cx, c.when);
      if (never) say('its condition can never hold', c.when.span, never);
      else if (zero(c.pay)) say('it pays 0', c.pay.span);
      break;
    }
    case 'per_row': {
      const cond: IrExpr | undefined = c.where && c.when ? { kind: 'logic', op: 'and', left: c.where, right: c.when, unit: 'boolean', span: c.when.span } : (c.when ?? c.where);
      const never = cond && impossible(cx, cond);
      if (never) say('no row can meet its condition', c.when?.span ?? c.source.span, never);
      else if (zero(c.pay)) say('it pays 0 on every row', c.pay.span);
      break;
    }
    case 'step_bonus':
      if (c.steps.every((s) => zero(s.pay))) say('every step pays 0', c.source.span);
      break;
    case 'salary':
      if (zero(c.amount)) say('the salary is 0', c.amount.span);
      break;
    case 'allocation':
      if (zero(c.amount)) say('the amount shared is 0', c.amount.span);
      break;
    case 'contest':
      if (c.places.every((p) => zero(p.pay))) say('every place pays 0', c.source.span);
      break;
    case 'pool':
      if (zero(c.amount)) say('the pool is 0', c.amount.span);
      else if (zero(c.weight)) say('every member\'s weight is 0', c.weight.span);
      break;
  }
  for (const limit of cx.ir.limits) {
    if (limit.bound === 'cap' && limit.target === c.name && zero(limit.value)) say('it is capped at 0', limit.source.span);
  }
}
