/**
 * The one catalogue of diagnostic codes. Codes are stable: a code, once shipped, keeps its meaning,
 * and each has an entry in grammar/diagnostics.md (a test checks that every code is
 * documented). Grouped by the stage that reports them:
 *   P — parse (the text is not a plan)        N — names (unknown, duplicate, ambiguous)
 *   T — types and units                       S — plan structure (tiers, headers, rules)
 *   D — data (input files)                    R — evaluation (a value only known at run time)
 *   L — lints: warnings about a plan that checks, but probably does not say what its author meant
 */
export const codes = {
  P001: 'unexpected token',
  P002: 'unexpected character',
  P003: 'unterminated string',
  P004: 'bad number',
  P005: 'bad indentation',
  P006: 'expression nested too deeply',

  N001: 'unknown name',
  N002: 'name declared twice',
  N003: 'ambiguous column name',
  N004: 'unknown table',
  N005: 'unknown column',
  N006: 'name not available here',

  T001: 'cannot combine these units',
  T002: 'condition is not true/false',
  T003: 'wrong type of value',
  T004: 'comparison of different units',
  T005: 'rate expected',
  T008: 'date arithmetic that has no meaning',

  S001: 'missing plan header',
  S002: 'header given twice',
  S003: 'tier bands do not join up',
  S004: 'tier mode not stated',
  S005: 'bad table declaration',
  S006: 'component name used twice',
  S007: 'bad rounding rule',
  S008: 'cyclic definition',
  S009: 'table cannot be attributed to payees',
  S010: 'rate table without a fallback',
  S011: 'values can never be in order',
  S012: 'bad step bonus',
  S013: 'bad limit',
  S014: 'credit shares do not add up',
  S015: 'split parts do not add up to 100%',
  S016: 'a fraction paid as money',
  S017: 'definitions chained too deeply',
  S030: 'previous period without its history',
  S034: 'bad group',
  S035: 'bad keyed table or lookup',
  S036: 'bad contest or ranking',

  D001: 'cannot read data file',
  D002: 'missing column',
  D003: 'unknown column',
  D004: 'bad value in a cell',
  D005: 'duplicate key',
  D006: 'unknown payee',
  D007: 'date outside the plan',
  D008: 'empty file',
  D009: 'missing data table',
  D010: 'bad period',
  D011: 'missing required value',
  D012: 'unknown data table',
  D013: 'hierarchy goes round in a circle',
  D014: 'credit shares do not add up in a row',
  D015: 'value outside its declared range',
  D016: 'payment history outside the run',
  D017: 'payment history hides rows never paid',
  D018: 'no data for a payee the data names',
  D019: 'number too long',
  D020: 'control character in an id',
  D021: 'data too large to load',
  D024: 'history of a value inside the run',
  D025: 'no row with this key',

  R001: 'tier thresholds out of order',
  R002: 'division by zero',
  R003: 'missing per-payee value',
  R004: 'a date moved by a part of a day or month',
  R005: 'a group amount differs between its members',

  L001: 'declaration never used',
  L002: 'rate above 100%',
  L003: 'payout falls as the result rises',
  L004: 'band or step can never change the payout',
  L005: 'component can never pay',
  L006: 'payee the plan can never pay',
  L007: 'period value paid as a year-to-date entitlement',
} as const;

export type Code = keyof typeof codes;
