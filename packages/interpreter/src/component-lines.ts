/**
 * One statement line per rule of the plan, computed for a context: the figures come from the plan's
 * values, the wording from the runtime's line builders (shared with compiled modules). One function
 * per kind of rule; each evaluates its expressions in the order compiled modules do.
 */
import type { IrComponent } from '@payplan/checker';
import {
  allocate, allocationLine, allocationWeightText, bandLabel, contestLine, bandPayText, bonusLine, commissionLine, PlanError, perRowLine, poolLine, salaryLine, stepBonusLine, TierOrderError, valueText, ZERO, type BandInput,
  type ComputedLine, type Ctx, type Dec, type PoolSpec, type RuleInfo,
} from '@payplan/runtime';
import { listRows, sumRows } from './row-rules.js';
import { sourceRef, type PlanValues } from './plan-values.js';

type Of<K extends IrComponent['kind']> = Extract<IrComponent, { kind: K }>;

/** What each rule says of itself, and each band's label and pay text, worked out once rather than for every statement. */
export class ComponentLines {
  private readonly infoOf: ReadonlyMap<IrComponent, RuleInfo>;
  private readonly bandTexts: ReadonlyMap<Of<'commission'>['bands'][number], { label: string; payText: string }>;

  constructor(private readonly pv: PlanValues) {
    const ir = pv.ir;
    this.infoOf = new Map(ir.components.map((c) => [c, { component: c.name, rule: c.source.text, source: sourceRef(ir.file, c.source) }]));
    this.bandTexts = new Map(ir.components.flatMap((c) => (c.kind === 'commission' ? c.bands : [])).map((b) => [b, { label: bandLabel(b.source.text), payText: bandPayText(b.source.text) }]));
  }

  line(ctx: Ctx, c: IrComponent): ComputedLine {
    const info = this.infoOf.get(c)!;
    switch (c.kind) {
      case 'commission':
        return this.commission(ctx, c, info);
      case 'bonus':
        return this.bonus(ctx, c, info);
      case 'per_row':
        return this.perRow(ctx, c, info);
      case 'step_bonus':
        return this.stepBonus(ctx, c, info);
      case 'salary':
        return this.salary(ctx, c, info);
      case 'pool':
        return this.pool(ctx, c, info);
      case 'allocation':
        return this.allocation(ctx, c, info);
      case 'contest': {
        const r = this.pv.ranking(ctx, `contest:${c.name}`, c.group, c.measure, c.where);
        const f = this.pv.frame(ctx);
        return contestLine(info, r, ctx.payee, c.places.map((p) => this.pv.num(p.pay, f)), c.measureName, c.measure.unit, this.pv.usedValues(ctx, c.uses));
      }
    }
  }

  private commission(ctx: Ctx, c: Of<'commission'>, info: RuleInfo): ComputedLine {
    const { pv } = this;
    const f = pv.frame(ctx);
    const amount = pv.num(c.base, f);
    const bands = c.bands.map((b): BandInput => {
      const { label, payText } = this.bandTexts.get(b)!;
      const pay = (excess: Dec) => pv.num(b.pay, pv.frame(ctx, undefined, excess));
      const band: { -readonly [K in keyof BandInput]: BandInput[K] } = { label, payText, payIsRate: b.payIsRate, pay };
      if (b.lower) band.lower = pv.num(b.lower, f);
      if (b.upper) band.upper = pv.num(b.upper, f);
      if (b.lowerOpen) band.lowerOpen = true;
      if (b.upperClosed) band.upperClosed = true;
      return band;
    });
    // What the bands are on, when it is not the money paid on: `by` a measure, or a base in another unit.
    const measure = c.by ? { value: pv.num(c.by.measure, f), name: c.by.name, unit: c.by.measure.unit } : c.base.unit !== 'money' ? { value: amount, name: c.baseName, unit: c.base.unit } : undefined;
    try {
      return commissionLine(info, c.mode, amount, c.baseName, bands, pv.usedValues(ctx, c.uses), pv.rowsOf(ctx, c.uses), measure);
    } catch (err) {
      if (err instanceof TierOrderError) throw new PlanError('R001', `tier thresholds are out of order: ${err.message}; check this payee's targets in the data`, c.base.span);
      throw err;
    }
  }

  private bonus(ctx: Ctx, c: Of<'bonus'>, info: RuleInfo): ComputedLine {
    const { pv } = this;
    const f = pv.frame(ctx);
    const held = pv.run(c.when, f) === true;
    return bonusLine(info, held, held ? pv.num(c.pay, f) : undefined, pv.usedValues(ctx, c.uses), pv.rowsOf(ctx, c.uses));
  }

  private perRow(ctx: Ctx, c: Of<'per_row'>, info: RuleInfo): ComputedLine {
    const { pv } = this;
    const rule = pv.rules.perRow.get(c.name)!;
    const { total, count } = sumRows(rule, ctx, pv.frame(ctx));
    return perRowLine(info, total, count, () => listRows(pv.ir, rule, ctx, pv.frame(ctx)), pv.usedValues(ctx, c.uses));
  }

  private stepBonus(ctx: Ctx, c: Of<'step_bonus'>, info: RuleInfo): ComputedLine {
    const { pv } = this;
    const f = pv.frame(ctx);
    const measure = pv.num(c.on, f);
    const steps = c.steps.map((st) => ({ at: pv.num(st.at, f), pay: pv.num(st.pay, f), label: bandLabel(st.source.text) }));
    return stepBonusLine(info, c.mode, measure, `${c.onName} ${valueText(measure, c.on.unit)}`, steps, pv.usedValues(ctx, c.uses), pv.rowsOf(ctx, c.uses));
  }

  private salary(ctx: Ctx, c: Of<'salary'>, info: RuleInfo): ComputedLine {
    const { pv } = this;
    const f = pv.frame(ctx);
    const measure = c.measure && pv.num(c.measure, f);
    const bands = c.bands.map((b) => {
      const lower = b.lower && pv.num(b.lower, f);
      const upper = b.upper && pv.num(b.upper, f);
      return { ...(lower && { lower }), ...(upper && { upper }), ...(b.lowerOpen && { lowerOpen: true }), ...(b.upperClosed && { upperClosed: true }), by: pv.num(b.by, f), label: b.source.text.replace(/\s+by\s.*$/, '') };
    });
    const measureText = c.measure ? `${c.measureName} ${valueText(measure, c.measure.unit)}` : '';
    return salaryLine(info, pv.num(c.amount, f), measure, measureText, bands, pv.usedValues(ctx, c.uses));
  }

  /** A member's part of their group's amount: the group is shared once, in its first member's context. */
  private allocation(ctx: Ctx, c: Of<'allocation'>, info: RuleInfo): ComputedLine {
    const { pv } = this;
    const members = ctx.members(c.group);
    const shared = members[0]!.memo(`allocation:${c.name}`, () =>
      allocate(c.group, members.map((m) => ({ payee: m.payee, amount: pv.num(c.amount, pv.frame(m)), weight: pv.num(c.weight, pv.frame(m)) })), pv.ir.rounding, c.amount.span),
    );
    return allocationLine(info, shared, ctx.payee, allocationWeightText(c.source.text), c.weight.unit, pv.usedValues(ctx, c.uses));
  }

  /** A member's part of each pool of the leaders whose team they are in. */
  private pool(ctx: Ctx, c: Of<'pool'>, info: RuleInfo): ComputedLine {
    const { pv } = this;
    const pool = poolSpec(pv, c);
    const leaders = ctx.leaders(c.team).filter((l) => c.leader === undefined || l.payee === c.leader);
    const parts = leaders.map((leader) => ({
      leader: leader.payee,
      pool: pool.amount(leader),
      weight: pool.weight(ctx),
      teamWeight: leader.members(c.team).reduce((sum, m) => sum.plus(pool.weight(m)), ZERO),
    }));
    return poolLine(info, parts, pv.usedValues(ctx, c.uses));
  }
}

/** A pool's amount (once per leader) and weight (once per member), as its line and the engine's unpaid-pool report read them. */
export function poolSpec(pv: PlanValues, c: Of<'pool'>): PoolSpec {
  return {
    name: c.name,
    team: c.team,
    ...(c.leader !== undefined && { leader: c.leader }),
    amount: (leader) => leader.memo(`pool:${c.name}`, () => pv.num(c.amount, pv.frame(leader))),
    weight: (m) => m.memo(`weight:${c.name}`, () => pv.num(c.weight, pv.frame(m))),
    rule: c.source.text,
    source: sourceRef(pv.ir.file, c.source),
  };
}
