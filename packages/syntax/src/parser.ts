/**
 * The plan grammar as a pure Chevrotain CstParser: rules only, no actions. cst-to-ast.ts turns the
 * concrete syntax tree into the AST. Error recovery is on, so one run reports every independent
 * syntax error; newlines end rules, which gives recovery a natural point to resume from.
 */
import { CstParser, type CstNode, type DSLMethodOpts, type IOrAlt, type IToken } from 'chevrotain';
import {
  allTokens, Colon, Comma, DateLit, Dot, DotDot, Equals, Greater, GreaterEq, Identifier, K, Less, LessEq, LParen, Minus,
  Newline, NotEq, NumberLit, PercentLit, PeriodLit, Plus, RParen, Slash, Star, StringLit,
} from './tokens.js';

export class PlanParser extends CstParser {
  /**
   * Every OR's alternatives, built on the rule's first run and reused (Chevrotain's performance
   * guide: "caching arrays of alternatives"). A fresh array of closures on every call costs more
   * than the choice itself, and far more under tsx, which wraps each `ALT` closure to keep its name.
   */
  private readonly alts: Record<string, IOrAlt<unknown>[]> = {};

  /**
   * `validate` runs Chevrotain's grammar checks (ambiguities, left recursion, …): a third of the time
   * it takes to build the parser, for a grammar that changes only with this file, so parser.test.ts
   * runs them and everyday use skips them. Node locations are offsets only: spans are offsets, and
   * tokens keep their lines and columns.
   */
  constructor({ validate = false }: { validate?: boolean } = {}) {
    super(allTokens, { recoveryEnabled: true, nodeLocationTracking: 'onlyOffset', maxLookahead: 3, skipValidations: !validate });
    this.performSelfAnalysis();
  }

  plan = this.RULE('plan', () => {
    this.OPTION(() => this.SUBRULE(this.planHeader));
    this.MANY(() => this.SUBRULE(this.declaration));
  });

  planHeader = this.RULE('planHeader', () => {
    this.CONSUME(K.plan);
    this.CONSUME(StringLit);
    this.CONSUME(Newline);
    this.MANY(() => this.SUBRULE(this.headerItem));
  });

  headerItem = this.RULE('headerItem', () => {
    this.OR(this.alts.headerItem ??= [
      { ALT: () => { this.CONSUME(K.currency); this.CONSUME(Identifier, { LABEL: 'code' }); } },
      {
        ALT: () => {
          this.CONSUME(K.settle);
          this.CONSUME2(Identifier, { LABEL: 'frequency' });
          this.OPTION3(() => { this.CONSUME(K.from); this.CONSUME2(DateLit, { LABEL: 'anchor' }); });
          this.OPTION2(() => this.CONSUME5(Identifier, { LABEL: 'basis' }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.round);
          this.CONSUME3(Identifier, { LABEL: 'mode' });
          this.CONSUME(K.to);
          this.CONSUME(NumberLit, { LABEL: 'step' });
          this.OPTION(() => { this.CONSUME(K.per); this.CONSUME4(Identifier, { LABEL: 'point' }); });
        },
      },
      { ALT: () => { this.CONSUME(K.year); this.CONSUME2(NumberLit, { LABEL: 'year' }); } },
      { ALT: () => { this.CONSUME(K.effective); this.CONSUME(DateLit, { LABEL: 'date' }); } },
      { ALT: () => { this.CONSUME(K.fiscal_year); this.CONSUME2(K.from); this.CONSUME6(Identifier, { LABEL: 'month' }); } },
    ]);
    this.CONSUME(Newline);
  });

  declaration = this.RULE('declaration', () => {
    this.OR(this.alts.declaration ??= [
      { ALT: () => this.SUBRULE(this.tableDecl) },
      { ALT: () => this.SUBRULE(this.constDecl) },
      { ALT: () => this.SUBRULE(this.letDecl) },
      { ALT: () => this.SUBRULE(this.baseDecl) },
      { ALT: () => this.SUBRULE(this.commissionDecl) },
      { ALT: () => this.SUBRULE(this.bonusDecl) },
      { ALT: () => this.SUBRULE(this.forEachDecl) },
      { ALT: () => this.SUBRULE(this.stepBonusDecl) },
      { ALT: () => this.SUBRULE(this.salaryDecl) },
      { ALT: () => this.SUBRULE(this.ratesDecl) },
      { ALT: () => this.SUBRULE(this.capDecl) },
      { ALT: () => this.SUBRULE(this.ladderDecl) },
      { ALT: () => this.SUBRULE(this.creditDecl) },
      { ALT: () => this.SUBRULE(this.teamDecl) },
      { ALT: () => this.SUBRULE(this.clawbackDecl) },
      { ALT: () => this.SUBRULE(this.drawDecl) },
      { ALT: () => this.SUBRULE(this.poolDecl) },
      { ALT: () => this.SUBRULE(this.groupDecl) },
      { ALT: () => this.SUBRULE(this.allocateDecl) },
      { ALT: () => this.SUBRULE(this.contestDecl) },
      { ALT: () => this.SUBRULE(this.exampleDecl) },
      { ALT: () => this.SUBRULE(this.activeDecl) },
      { ALT: () => this.SUBRULE(this.historyDecl) },
      { ALT: () => this.SUBRULE(this.reportDecl) },
    ]);
  });

  tableDecl = this.RULE('tableDecl', () => {
    this.CONSUME(K.table);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.MANY(() => { this.CONSUME(K.per); this.CONSUME2(Identifier, { LABEL: 'per' }); });
    this.OPTION(() => { this.CONSUME(K.by); this.CONSUME3(Identifier, { LABEL: 'by' }); });
    this.OPTION2(() => { this.CONSUME(K.on); this.CONSUME4(Identifier, { LABEL: 'on' }); });
    this.CONSUME(Newline);
    this.MANY2(() => this.SUBRULE(this.columnDecl));
  });

  columnDecl = this.RULE('columnDecl', () => {
    this.CONSUME(Identifier, { LABEL: 'name' });
    // `count` is both a column type and the aggregate keyword.
    this.OR(this.alts.columnType ??= [
      { ALT: () => this.CONSUME2(Identifier, { LABEL: 'type' }) },
      { ALT: () => this.CONSUME(K.count, { LABEL: 'type' }) },
    ]);
    this.MANY(() => this.CONSUME3(Identifier, { LABEL: 'modifier' }));
    this.OPTION(() => {
      this.OR2(this.alts.boundOp ??= [
        { ALT: () => this.CONSUME(Greater, { LABEL: 'boundOp' }) },
        { ALT: () => this.CONSUME(GreaterEq, { LABEL: 'boundOp' }) },
        { ALT: () => this.CONSUME(Less, { LABEL: 'boundOp' }) },
        { ALT: () => this.CONSUME(LessEq, { LABEL: 'boundOp' }) },
      ]);
      this.OPTION2(() => this.CONSUME(Minus, { LABEL: 'boundSign' }));
      this.OR3(this.alts.bound ??= [{ ALT: () => this.CONSUME(NumberLit, { LABEL: 'bound' }) }, { ALT: () => this.CONSUME(PercentLit, { LABEL: 'bound' }) }]);
    });
    this.CONSUME(Newline);
  });

  constDecl = this.RULE('constDecl', () => {
    this.CONSUME(K.const);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.CONSUME(Equals);
    this.SUBRULE(this.expression, { LABEL: 'value' });
    this.CONSUME(Newline);
  });

  letDecl = this.RULE('letDecl', () => {
    this.CONSUME(K.let);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.CONSUME(Equals);
    this.SUBRULE(this.expression, { LABEL: 'value' });
    this.CONSUME(Newline);
  });

  baseDecl = this.RULE('baseDecl', () => {
    this.CONSUME(K.base);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.CONSUME(Equals);
    this.SUBRULE(this.aggregate);
    this.CONSUME(Newline);
  });

  aggregate = this.RULE('aggregate', () => {
    this.OR(this.alts.aggregate ??= [
      {
        ALT: () => {
          this.CONSUME(K.sum);
          this.CONSUME(K.of);
          this.SUBRULE(this.expression, { LABEL: 'value' });
          this.CONSUME(K.over);
          this.CONSUME(Identifier, { LABEL: 'table' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.count);
          this.CONSUME2(K.of);
          this.CONSUME2(Identifier, { LABEL: 'table' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.rank);
          this.CONSUME3(K.of);
          this.SUBRULE3(this.expression, { LABEL: 'value' });
          this.CONSUME2(K.over);
          this.CONSUME3(Identifier, { LABEL: 'table' });
        },
      },
    ]);
    this.OPTION(() => { this.CONSUME(K.where); this.SUBRULE2(this.expression, { LABEL: 'where' }); });
  });

  commissionDecl = this.RULE('commissionDecl', () => {
    this.CONSUME(K.commission);
    this.OPTION(() => this.CONSUME(Identifier, { LABEL: 'name' }));
    this.OPTION5(() => this.SUBRULE5(this.componentPeriod, { LABEL: 'per' }));
    this.CONSUME(K.on);
    this.SUBRULE(this.expression, { LABEL: 'base' });
    this.OR(this.alts.commissionBody ??= [
      {
        ALT: () => {
          this.CONSUME(K.pay);
          this.SUBRULE2(this.expression, { LABEL: 'pay' });
          this.CONSUME(Newline);
        },
      },
      { ALT: () => this.SUBRULE(this.tiers, { LABEL: 'tiers' }) },
    ]);
  });

  /** `[by MEASURE] whole|marginal` and the bands below it: a commission's, or a per-row rule's. */
  tiers = this.RULE('tiers', () => {
    this.OPTION(() => { this.CONSUME(K.by); this.SUBRULE(this.expression, { LABEL: 'by' }); });
    this.OPTION2(() => this.OR(this.alts.commissionMode ??= [{ ALT: () => this.CONSUME(K.whole, { LABEL: 'mode' }) }, { ALT: () => this.CONSUME(K.marginal, { LABEL: 'mode' }) }]));
    this.CONSUME(Newline);
    // Inside `for each`, the next row rule (`fee pay …`, `fee when …`, `fee on …`) ends the bands.
    this.MANY({ GATE: this.bandFollows, DEF: () => this.SUBRULE(this.band) });
  });

  /** `below B` or `up to B` after a lower end; `up` is a word only when `to` follows it. */
  private readonly upperEndFollows = (): boolean => this.LA(1).tokenType === K.below || (this.LA(1).image === 'up' && this.LA(2).tokenType === K.to);

  private readonly bandFollows = (): boolean => !(this.LA(1).tokenType === Identifier && [K.pay, K.when, K.on].includes(this.LA(2).tokenType));

  /**
   * `below X`, `up to X`, `from X`, `above X`, a lower end followed by an upper end
   * (`above A up to B`), or `A .. B` (`from A below B`): the range of a commission or salary band.
   */
  bandRange = this.RULE('bandRange', () => {
    this.OR(this.alts.bandRange ??= [
      { ALT: () => { this.CONSUME(K.below); this.SUBRULE(this.expression, { LABEL: 'upper' }); } },
      { GATE: this.upperEndFollows, ALT: () => { this.CONSUME(Identifier, { LABEL: 'upTo' }); this.CONSUME(K.to); this.SUBRULE5(this.expression, { LABEL: 'upper' }); } },
      {
        ALT: () => {
          this.OR2(this.alts.lowerEnd ??= [{ ALT: () => this.CONSUME(K.from, { LABEL: 'lowerEnd' }) }, { ALT: () => this.CONSUME(K.above, { LABEL: 'lowerEnd' }) }]);
          this.SUBRULE2(this.expression, { LABEL: 'lower' });
          this.OPTION({
            GATE: this.upperEndFollows,
            DEF: () =>
              this.OR3(this.alts.upperEnd ??= [
              { ALT: () => { this.CONSUME2(K.below, { LABEL: 'upperEnd' }); this.SUBRULE6(this.expression, { LABEL: 'upper' }); } },
              { GATE: this.upperEndFollows, ALT: () => { this.CONSUME2(Identifier, { LABEL: 'upperEnd' }); this.CONSUME2(K.to); this.SUBRULE7(this.expression, { LABEL: 'upper' }); } },
            ]),
          });
        },
      },
      {
        ALT: () => {
          this.SUBRULE3(this.expression, { LABEL: 'lower' });
          this.CONSUME(DotDot);
          this.SUBRULE4(this.expression, { LABEL: 'upper' });
        },
      },
    ]);
  });

  band = this.RULE('band', () => {
    this.SUBRULE(this.bandRange, { LABEL: 'range' });
    this.CONSUME(K.pay);
    this.SUBRULE(this.expression, { LABEL: 'pay' });
    this.CONSUME(Newline);
  });

  /** `per year`: a component measured and paid over a longer period than the plan settles. */
  componentPeriod = this.RULE('componentPeriod', () => {
    this.CONSUME(K.per);
    this.OR(this.alts.componentPeriod ??= [{ ALT: () => this.CONSUME(K.year, { LABEL: 'word' }) }, { ALT: () => this.CONSUME(Identifier, { LABEL: 'word' }) }]);
  });

  bonusDecl = this.RULE('bonusDecl', () => {
    this.CONSUME(K.bonus);
    this.OPTION(() => this.CONSUME(Identifier, { LABEL: 'name' }));
    this.OPTION5(() => this.SUBRULE5(this.componentPeriod, { LABEL: 'per' }));
    // Without `when`, a fixed amount: `bonus fixed pay 35`.
    this.OPTION2(() => { this.CONSUME(K.when); this.SUBRULE(this.expression, { LABEL: 'when' }); });
    this.CONSUME(K.pay);
    this.SUBRULE2(this.expression, { LABEL: 'pay' });
    this.CONSUME(Newline);
  });

  /**
   * `report NAME = EXPR [round MODE to STEP]`: a value shown on the statement and never paid; or
   * `report` before a rule, whose line is computed and shown but not paid (an intermediate amount).
   */
  reportDecl = this.RULE('reportDecl', () => {
    this.CONSUME(K.report);
    this.OR(this.alts.report ??= [
      {
        ALT: () => {
          this.CONSUME(Identifier, { LABEL: 'name' });
          this.CONSUME(Equals);
          this.SUBRULE(this.expression, { LABEL: 'value' });
          this.OPTION(() => {
            this.CONSUME(K.round);
            this.CONSUME2(Identifier, { LABEL: 'mode' });
            this.CONSUME(K.to);
            this.CONSUME(NumberLit, { LABEL: 'step' });
          });
          this.CONSUME(Newline);
        },
      },
      { ALT: () => this.SUBRULE(this.commissionDecl, { LABEL: 'rule' }) },
      { ALT: () => this.SUBRULE(this.bonusDecl, { LABEL: 'rule' }) },
      { ALT: () => this.SUBRULE(this.stepBonusDecl, { LABEL: 'rule' }) },
      { ALT: () => this.SUBRULE(this.salaryDecl, { LABEL: 'rule' }) },
    ]);
  });

  forEachDecl = this.RULE('forEachDecl', () => {
    this.CONSUME(K.for);
    this.CONSUME(K.each);
    this.CONSUME(Identifier, { LABEL: 'row' });
    this.CONSUME(K.in);
    this.CONSUME2(Identifier, { LABEL: 'table' });
    this.OPTION(() => { this.CONSUME(K.where); this.SUBRULE(this.expression, { LABEL: 'where' }); });
    this.CONSUME(Newline);
    this.MANY(() => this.SUBRULE(this.rowRule));
  });

  rowRule = this.RULE('rowRule', () => {
    this.OR(this.alts.rowRule ??= [
      {
        ALT: () => {
          this.CONSUME(K.require);
          this.SUBRULE(this.expression, { LABEL: 'condition' });
          this.CONSUME(K.else);
          this.OPTION(() => this.CONSUME(K.exclude));
          this.CONSUME(StringLit, { LABEL: 'message' });
          this.CONSUME2(Newline);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Identifier, { LABEL: 'name' });
          this.OPTION2(() => { this.CONSUME(K.when); this.SUBRULE2(this.expression, { LABEL: 'when' }); });
          this.CONSUME(K.pay);
          this.SUBRULE3(this.expression, { LABEL: 'pay' });
          this.CONSUME(Newline);
        },
      },
      // `deal_commission on amount marginal` and its bands: tiers applied to each row.
      {
        ALT: () => {
          this.CONSUME2(Identifier, { LABEL: 'name' });
          this.CONSUME(K.on);
          this.SUBRULE4(this.expression, { LABEL: 'base' });
          this.SUBRULE(this.tiers, { LABEL: 'tiers' });
        },
      },
      // `let deal.markup = …`: a value of the row, named with the row's name like a column.
      {
        ALT: () => {
          this.CONSUME(K.let);
          this.CONSUME3(Identifier, { LABEL: 'row' });
          this.CONSUME(Dot);
          this.CONSUME4(Identifier, { LABEL: 'name' });
          this.CONSUME(Equals);
          this.SUBRULE5(this.expression, { LABEL: 'value' });
          this.CONSUME3(Newline);
        },
      },
    ]);
  });

  stepBonusDecl = this.RULE('stepBonusDecl', () => {
    this.CONSUME(K.step);
    this.CONSUME(K.bonus);
    this.OPTION(() => this.CONSUME(Identifier, { LABEL: 'name' }));
    this.OPTION5(() => this.SUBRULE5(this.componentPeriod, { LABEL: 'per' }));
    this.CONSUME(K.on);
    this.SUBRULE(this.expression, { LABEL: 'base' });
    this.OPTION2(() => this.OR(this.alts.stepMode ??= [{ ALT: () => this.CONSUME(K.highest, { LABEL: 'mode' }) }, { ALT: () => this.CONSUME(K.every, { LABEL: 'mode' }) }]));
    this.CONSUME(Newline);
    this.MANY(() => this.SUBRULE(this.step));
  });

  step = this.RULE('step', () => {
    this.CONSUME(K.at);
    this.SUBRULE(this.expression, { LABEL: 'at' });
    this.CONSUME(K.pay);
    this.SUBRULE2(this.expression, { LABEL: 'pay' });
    this.CONSUME(Newline);
  });

  salaryDecl = this.RULE('salaryDecl', () => {
    this.CONSUME(K.salary);
    this.OPTION(() => this.CONSUME(Identifier, { LABEL: 'name' }));
    this.CONSUME(K.of);
    this.SUBRULE(this.expression, { LABEL: 'amount' });
    // Without `floats with`, a fixed salary: `salary of 2,000`.
    this.OPTION2(() => {
      this.CONSUME(K.floats);
      this.CONSUME(K.with);
      this.SUBRULE2(this.expression, { LABEL: 'with' });
    });
    this.CONSUME(Newline);
    this.MANY(() => this.SUBRULE(this.salaryBand));
  });

  salaryBand = this.RULE('salaryBand', () => {
    this.SUBRULE(this.bandRange, { LABEL: 'range' });
    this.CONSUME(K.by);
    this.SUBRULE(this.expression, { LABEL: 'by' });
    this.CONSUME(Newline);
  });

  /** `rates NAME by KEY` (with an `else`), or `split NAME by KEY` (parts that add up to 100%). */
  ratesDecl = this.RULE('ratesDecl', () => {
    this.OR3(this.alts.ratesKind ??= [{ ALT: () => this.CONSUME(K.rates, { LABEL: 'kind' }) }, { ALT: () => this.CONSUME(K.split, { LABEL: 'kind' }) }]);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.CONSUME(K.by);
    this.CONSUME2(Identifier, { LABEL: 'key' });
    this.MANY(() => { this.CONSUME(Comma); this.CONSUME3(Identifier, { LABEL: 'key' }); });
    this.CONSUME(Newline);
    this.MANY2(() => this.SUBRULE(this.rateEntry));
    this.OPTION(() => {
      this.CONSUME(K.else);
      this.SUBRULE(this.expression, { LABEL: 'fallback' });
      this.CONSUME2(Newline);
    });
  });

  rateEntry = this.RULE('rateEntry', () => {
    this.SUBRULE(this.rateKey, { LABEL: 'key' });
    this.MANY(() => { this.CONSUME(Comma); this.SUBRULE2(this.rateKey, { LABEL: 'key' }); });
    this.SUBRULE(this.expression, { LABEL: 'value' });
    this.CONSUME(Newline);
  });

  rateKey = this.RULE('rateKey', () => {
    this.OR(this.alts.rateKey ??= [
      { ALT: () => this.SUBRULE(this.keyRange, { LABEL: 'range' }) },
      { ALT: () => this.CONSUME(StringLit) },
      { ALT: () => this.CONSUME(K.true) },
      { ALT: () => this.CONSUME(K.false) },
    ]);
  });

  /** A range of numeric keys in a rate table, written as a band's range with literal ends: `from 1 up to 6`. */
  keyRange = this.RULE('keyRange', () => {
    this.OR(this.alts.keyRange ??= [
      { ALT: () => { this.CONSUME(K.below); this.SUBRULE(this.keyNumber, { LABEL: 'upper' }); } },
      { GATE: this.upperEndFollows, ALT: () => { this.CONSUME(Identifier, { LABEL: 'upTo' }); this.CONSUME(K.to); this.SUBRULE2(this.keyNumber, { LABEL: 'upper' }); } },
      {
        ALT: () => {
          this.OR2(this.alts.keyLowerEnd ??= [{ ALT: () => this.CONSUME(K.from, { LABEL: 'lowerEnd' }) }, { ALT: () => this.CONSUME(K.above, { LABEL: 'lowerEnd' }) }]);
          this.SUBRULE3(this.keyNumber, { LABEL: 'lower' });
          this.OPTION({
            GATE: this.upperEndFollows,
            DEF: () =>
              this.OR3(this.alts.keyUpperEnd ??= [
              { ALT: () => { this.CONSUME2(K.below, { LABEL: 'upperEnd' }); this.SUBRULE4(this.keyNumber, { LABEL: 'upper' }); } },
              { GATE: this.upperEndFollows, ALT: () => { this.CONSUME2(Identifier, { LABEL: 'upperEnd' }); this.CONSUME2(K.to); this.SUBRULE5(this.keyNumber, { LABEL: 'upper' }); } },
            ]),
          });
        },
      },
      {
        // A number, or `A .. B`: one alternative, so the parser needs no lookahead past the number.
        ALT: () => {
          this.SUBRULE6(this.keyNumber, { LABEL: 'lower' });
          this.OPTION2(() => { this.CONSUME(DotDot); this.SUBRULE7(this.keyNumber, { LABEL: 'upper' }); });
        },
      },
    ]);
  });

  /** A key range's end: a number or a percentage, with an optional minus sign. */
  keyNumber = this.RULE('keyNumber', () => {
    this.OPTION(() => this.CONSUME(Minus));
    this.OR(this.alts.keyNumber ??= [{ ALT: () => this.CONSUME(NumberLit) }, { ALT: () => this.CONSUME(PercentLit) }]);
  });

  capDecl = this.RULE('capDecl', () => {
    this.OR(this.alts.capBound ??= [{ ALT: () => this.CONSUME(K.cap, { LABEL: 'bound' }) }, { ALT: () => this.CONSUME(K.floor, { LABEL: 'bound' }) }]);
    // A line's name, including the default names `commission`, `bonus` and `salary`.
    this.OR2(this.alts.capTarget ??= [
      { ALT: () => this.CONSUME(Identifier, { LABEL: 'target' }) },
      { ALT: () => this.CONSUME(K.commission, { LABEL: 'target' }) },
      { ALT: () => this.CONSUME(K.bonus, { LABEL: 'target' }) },
      { ALT: () => this.CONSUME(K.salary, { LABEL: 'target' }) },
    ]);
    this.CONSUME(K.at);
    this.SUBRULE(this.expression, { LABEL: 'value' });
    this.CONSUME(Newline);
  });

  ladderDecl = this.RULE('ladderDecl', () => {
    this.CONSUME(K.ladder);
    this.SUBRULE(this.additive, { LABEL: 'item' });
    this.AT_LEAST_ONE(() => {
      this.OR(this.alts.ladderOp ??= [{ ALT: () => this.CONSUME(Less, { LABEL: 'op' }) }, { ALT: () => this.CONSUME(LessEq, { LABEL: 'op' }) }]);
      this.SUBRULE2(this.additive, { LABEL: 'item' });
    });
    this.CONSUME(Newline);
  });

  creditDecl = this.RULE('creditDecl', () => {
    this.CONSUME(K.credit);
    this.CONSUME(Identifier, { LABEL: 'table' });
    this.CONSUME(Newline);
    this.MANY(() => this.SUBRULE(this.creditRule));
  });

  creditRule = this.RULE('creditRule', () => {
    this.CONSUME(K.to);
    this.CONSUME(Identifier, { LABEL: 'to' });
    this.OR(this.alts.creditShare ??= [{ ALT: () => this.CONSUME(K.rest) }, { ALT: () => this.SUBRULE(this.expression, { LABEL: 'share' }) }]);
    this.OPTION(() => { this.CONSUME(K.when); this.SUBRULE2(this.expression, { LABEL: 'when' }); });
    this.CONSUME(Newline);
  });

  teamDecl = this.RULE('teamDecl', () => {
    this.CONSUME(K.team);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.CONSUME(K.by);
    this.CONSUME2(Identifier, { LABEL: 'table' });
    this.CONSUME(Dot);
    this.CONSUME3(Identifier, { LABEL: 'column' });
    this.CONSUME4(Identifier, { LABEL: 'depth' });
    this.CONSUME(Newline);
  });

  clawbackDecl = this.RULE('clawbackDecl', () => {
    this.CONSUME(K.clawback);
    this.CONSUME(Identifier, { LABEL: 'row' });
    this.CONSUME(K.in);
    this.CONSUME2(Identifier, { LABEL: 'table' });
    this.CONSUME(K.when);
    this.CONSUME3(Identifier, { LABEL: 'column' });
    this.CONSUME(K.within);
    this.CONSUME(NumberLit, { LABEL: 'days' });
    this.CONSUME(K.days);
    this.CONSUME(Newline);
  });

  drawDecl = this.RULE('drawDecl', () => {
    this.CONSUME(K.draw);
    this.OPTION(() => this.CONSUME(Identifier, { LABEL: 'name' }));
    this.CONSUME(K.of);
    this.SUBRULE(this.expression, { LABEL: 'amount' });
    this.OR(this.alts.drawMode ??= [{ ALT: () => this.CONSUME(K.recoverable, { LABEL: 'mode' }) }, { ALT: () => this.CONSUME(K.nonrecoverable, { LABEL: 'mode' }) }]);
    this.CONSUME(Newline);
  });

  poolDecl = this.RULE('poolDecl', () => {
    this.CONSUME(K.pool);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.CONSUME(K.of);
    this.SUBRULE(this.expression, { LABEL: 'amount' });
    this.CONSUME(K.over);
    this.CONSUME2(Identifier, { LABEL: 'team' });
    // `over downline of "mia"`: the pool of one named leader's team.
    this.OPTION(() => {
      this.CONSUME2(K.of);
      this.CONSUME(StringLit, { LABEL: 'leader' });
    });
    this.CONSUME(K.by);
    this.SUBRULE2(this.expression, { LABEL: 'weight' });
    this.CONSUME(Newline);
  });

  /** `group region by regions.region`: the payees sharing a per-payee value; `group company`: every payee. */
  groupDecl = this.RULE('groupDecl', () => {
    this.CONSUME(K.group);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.OPTION(() => {
      this.CONSUME(K.by);
      this.CONSUME2(Identifier, { LABEL: 'table' });
      this.CONSUME(Dot);
      this.CONSUME3(Identifier, { LABEL: 'column' });
    });
    this.CONSUME(Newline);
  });

  /** `allocate region_pool of 1% of region_margin over region by margin`: an amount of a group shared out to the cent. */
  allocateDecl = this.RULE('allocateDecl', () => {
    this.CONSUME(K.allocate);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.CONSUME(K.of);
    this.SUBRULE(this.expression, { LABEL: 'amount' });
    this.CONSUME(K.over);
    this.CONSUME2(Identifier, { LABEL: 'group' });
    this.CONSUME(K.by);
    this.SUBRULE2(this.expression, { LABEL: 'weight' });
    this.CONSUME(Newline);
  });

  /** `contest best_seller on revenue over company [where …]` followed by `place 1 pay 3,000` lines. */
  contestDecl = this.RULE('contestDecl', () => {
    this.CONSUME(K.contest);
    this.CONSUME(Identifier, { LABEL: 'name' });
    this.CONSUME(K.on);
    this.SUBRULE(this.expression, { LABEL: 'measure' });
    this.CONSUME(K.over);
    this.CONSUME2(Identifier, { LABEL: 'group' });
    this.OPTION(() => { this.CONSUME(K.where); this.SUBRULE2(this.expression, { LABEL: 'where' }); });
    this.CONSUME(Newline);
    this.MANY(() => this.SUBRULE(this.placeLine));
  });

  placeLine = this.RULE('placeLine', () => {
    this.CONSUME(K.place);
    this.CONSUME(NumberLit, { LABEL: 'place' });
    this.CONSUME(K.pay);
    this.SUBRULE(this.expression, { LABEL: 'pay' });
    this.CONSUME(Newline);
  });

  historyDecl = this.RULE('historyDecl', () => {
    this.CONSUME(K.history);
    this.OPTION(() => { this.CONSUME(K.of); this.CONSUME3(Identifier, { LABEL: 'value' }); });
    this.CONSUME(K.from);
    this.CONSUME(Identifier, { LABEL: 'table' });
    this.CONSUME(Dot);
    this.CONSUME2(Identifier, { LABEL: 'column' });
    this.CONSUME(Newline);
  });

  activeDecl = this.RULE('activeDecl', () => {
    this.CONSUME(K.active);
    this.CONSUME(K.from);
    this.CONSUME(Identifier, { LABEL: 'table' });
    this.CONSUME(Dot);
    this.CONSUME2(Identifier, { LABEL: 'from' });
    this.CONSUME(K.to);
    this.CONSUME3(Identifier, { LABEL: 'table' });
    this.CONSUME2(Dot);
    this.CONSUME4(Identifier, { LABEL: 'to' });
    this.CONSUME(Newline);
  });

  exampleDecl = this.RULE('exampleDecl', () => {
    this.CONSUME(K.example);
    this.CONSUME(StringLit, { LABEL: 'name' });
    this.CONSUME(Newline);
    this.MANY(() => this.OR(this.alts.exampleLine ??= [{ ALT: () => this.SUBRULE(this.exampleRow) }, { ALT: () => this.SUBRULE(this.exampleExpect) }]));
  });

  exampleRow = this.RULE('exampleRow', () => {
    this.CONSUME(Identifier, { LABEL: 'table' });
    this.CONSUME(Colon);
    this.AT_LEAST_ONE(() => {
      this.CONSUME2(Identifier, { LABEL: 'column' });
      this.CONSUME(Equals);
      this.SUBRULE(this.exampleValue, { LABEL: 'value' });
    });
    this.CONSUME(Newline);
  });

  exampleExpect = this.RULE('exampleExpect', () => {
    this.CONSUME(K.expect);
    this.SUBRULE(this.exampleValue, { LABEL: 'payee' });
    this.SUBRULE2(this.exampleValue, { LABEL: 'period' });
    this.OR(this.alts.expectLine ??= [
      { ALT: () => this.CONSUME(Identifier, { LABEL: 'line' }) },
      { ALT: () => this.CONSUME(K.commission, { LABEL: 'line' }) },
      { ALT: () => this.CONSUME(K.bonus, { LABEL: 'line' }) },
      { ALT: () => this.CONSUME(K.salary, { LABEL: 'line' }) },
      { ALT: () => this.CONSUME(K.draw, { LABEL: 'line' }) },
    ]);
    this.CONSUME(Equals);
    this.SUBRULE3(this.exampleValue, { LABEL: 'amount' });
    this.CONSUME(Newline);
  });

  exampleValue = this.RULE('exampleValue', () => {
    this.OR(this.alts.exampleValue ??= [
      { ALT: () => { this.OPTION(() => this.CONSUME(Minus)); this.CONSUME(NumberLit); } },
      { ALT: () => this.CONSUME(PercentLit) },
      { ALT: () => this.CONSUME(DateLit) },
      { ALT: () => this.CONSUME(PeriodLit) },
      { ALT: () => this.CONSUME(StringLit) },
      { ALT: () => this.CONSUME(Identifier) },
      { ALT: () => this.CONSUME(K.true) },
      { ALT: () => this.CONSUME(K.false) },
    ]);
  });

  // ─── Expressions, loosest binding first ───────────────────────────────────────────────────────

  /**
   * `if C then A else B` is the loosest form: each branch is a whole expression, so
   * `if a then x else if b then y else z` chains, and an `if` inside an operator needs parentheses.
   */
  expression = this.RULE('expression', () => {
    this.OR(this.alts.expression ??= [
      {
        ALT: () => {
          this.CONSUME(K.if);
          this.SUBRULE(this.expression, { LABEL: 'condition' });
          this.CONSUME(K.then);
          this.SUBRULE2(this.expression, { LABEL: 'then' });
          this.CONSUME(K.else);
          this.SUBRULE3(this.expression, { LABEL: 'else' });
        },
      },
      {
        ALT: () => {
          this.SUBRULE(this.andExpr, { LABEL: 'operand' });
          this.MANY(() => { this.CONSUME(K.or); this.SUBRULE2(this.andExpr, { LABEL: 'operand' }); });
        },
      },
    ]);
  });

  andExpr = this.RULE('andExpr', () => {
    this.SUBRULE(this.notExpr, { LABEL: 'operand' });
    this.MANY(() => { this.CONSUME(K.and); this.SUBRULE2(this.notExpr, { LABEL: 'operand' }); });
  });

  notExpr = this.RULE('notExpr', () => {
    this.OR(this.alts.notExpr ??= [
      { ALT: () => { this.CONSUME(K.not); this.SUBRULE(this.notExpr, { LABEL: 'negated' }); } },
      { ALT: () => this.SUBRULE(this.comparison, { LABEL: 'operand' }) },
    ]);
  });

  comparison = this.RULE('comparison', () => {
    this.SUBRULE(this.additive, { LABEL: 'left' });
    this.OPTION(() =>
      this.OR(this.alts.comparison ??= [
        {
          ALT: () => {
            this.OR2(this.alts.compareOp ??= [
              { ALT: () => this.CONSUME(Equals, { LABEL: 'op' }) },
              { ALT: () => this.CONSUME(NotEq, { LABEL: 'op' }) },
              { ALT: () => this.CONSUME(LessEq, { LABEL: 'op' }) },
              { ALT: () => this.CONSUME(GreaterEq, { LABEL: 'op' }) },
              { ALT: () => this.CONSUME(Less, { LABEL: 'op' }) },
              { ALT: () => this.CONSUME(Greater, { LABEL: 'op' }) },
            ]);
            this.SUBRULE2(this.additive, { LABEL: 'right' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.is);
            this.OPTION2(() => this.CONSUME(K.not, { LABEL: 'isNot' }));
            this.CONSUME(K.set);
          },
        },
      ]),
    );
  });

  additive = this.RULE('additive', () => {
    this.SUBRULE(this.multiplicative, { LABEL: 'operand' });
    this.MANY(() => {
      this.OR(this.alts.additiveOp ??= [{ ALT: () => this.CONSUME(Plus, { LABEL: 'op' }) }, { ALT: () => this.CONSUME(Minus, { LABEL: 'op' }) }]);
      this.SUBRULE2(this.multiplicative, { LABEL: 'operand' });
    });
  });

  multiplicative = this.RULE('multiplicative', () => {
    this.SUBRULE(this.ofExpr, { LABEL: 'operand' });
    this.MANY(() => {
      this.OR(this.alts.multiplicativeOp ??= [{ ALT: () => this.CONSUME(Star, { LABEL: 'op' }) }, { ALT: () => this.CONSUME(Slash, { LABEL: 'op' }) }]);
      this.SUBRULE2(this.ofExpr, { LABEL: 'operand' });
    });
  });

  /** `5% of T`: binds tighter than `*`, so `rp of diff * qty` is `(rp of diff) * qty`. */
  ofExpr = this.RULE('ofExpr', () => {
    this.SUBRULE(this.unary, { LABEL: 'rate' });
    this.OPTION(() => { this.CONSUME(K.of); this.SUBRULE2(this.unary, { LABEL: 'amount' }); });
  });

  unary = this.RULE('unary', () => {
    this.OR(this.alts.unary ??= [
      { ALT: () => { this.CONSUME(Minus); this.SUBRULE(this.unary, { LABEL: 'negated' }); } },
      { ALT: () => { this.CONSUME(Plus); this.SUBRULE2(this.unary, { LABEL: 'negated' }); } },
      { ALT: () => this.SUBRULE(this.primary, { LABEL: 'operand' }) },
    ]);
  });

  /** `50,000 CNY`: a number followed by a three-letter currency code is money. Built once, like `alts`. */
  private readonly currency: DSLMethodOpts<IToken> = {
    GATE: () => /^[A-Z]{3}$/.test(this.LA(1).image),
    DEF: () => this.CONSUME3(Identifier, { LABEL: 'currency' }),
  };

  primary = this.RULE('primary', () => {
    this.OR(this.alts.primary ??= [
      { ALT: () => this.CONSUME(PercentLit) },
      {
        ALT: () => {
          this.CONSUME(NumberLit);
          this.OPTION3(this.currency);
        },
      },
      { ALT: () => this.CONSUME(DateLit) },
      { ALT: () => this.CONSUME(StringLit) },
      { ALT: () => this.CONSUME(K.true) },
      { ALT: () => this.CONSUME(K.false) },
      // A statement line read as a value, by its default name (`50% of commission`).
      { ALT: () => this.CONSUME(K.commission, { LABEL: 'line' }) },
      { ALT: () => this.CONSUME(K.bonus, { LABEL: 'line' }) },
      { ALT: () => this.CONSUME(K.salary, { LABEL: 'line' }) },
      {
        ALT: () => {
          this.CONSUME(LParen);
          this.SUBRULE(this.expression, { LABEL: 'inner' });
          this.CONSUME(RParen);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Identifier, { LABEL: 'name' });
          this.OPTION(() =>
            this.OR2(this.alts.nameSuffix ??= [
              { ALT: () => { this.CONSUME(Dot); this.CONSUME2(Identifier, { LABEL: 'member' }); } },
              {
                ALT: () => {
                  this.CONSUME2(LParen, { LABEL: 'call' });
                  this.SUBRULE2(this.expression, { LABEL: 'arg' });
                  this.MANY(() => { this.CONSUME(Comma); this.SUBRULE3(this.expression, { LABEL: 'arg' }); });
                  this.CONSUME2(RParen);
                },
              },
            ]),
          );
        },
      },
      {
        // `round(x, 0.01)` and `floor(x)`: functions named by words that are also keywords.
        ALT: () => {
          this.OR3(this.alts.keywordFunction ??= [{ ALT: () => this.CONSUME(K.round, { LABEL: 'keywordFn' }) }, { ALT: () => this.CONSUME(K.floor, { LABEL: 'keywordFn' }) }]);
          this.CONSUME3(LParen, { LABEL: 'call' });
          this.SUBRULE4(this.expression, { LABEL: 'arg' });
          this.MANY2(() => { this.CONSUME2(Comma); this.SUBRULE5(this.expression, { LABEL: 'arg' }); });
          this.CONSUME3(RParen);
        },
      },
    ]);
  });
}

/** One shared parser instance: Chevrotain parsers are built once and reused by resetting `input`. */
let shared: PlanParser | undefined;
export function planParser(): PlanParser {
  return (shared ??= new PlanParser());
}

export function parseTokens(tokens: IToken[]): { cst: CstNode; parser: PlanParser } {
  const parser = planParser();
  parser.input = tokens;
  const cst = parser.plan();
  return { cst, parser };
}
