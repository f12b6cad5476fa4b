/**
 * The Monarch grammar for payplan: syntax highlighting in Monaco (the playground) and anything else
 * that reads Monarch. Plain data with no editor import, so it can be tested in node. The keyword list
 * must match the lexer's (`keywords` in @payplan/syntax); a test checks that it does.
 *
 * Token names follow Monaco's theme scopes: `keyword`, `type` (column types), `constant` (setting
 * words such as `quarterly`), `variable.name` (a name being declared), `number`, `number.percent`,
 * `number.date`, `string`, `comment`, `operator`, `predefined` (min, max, abs, ceil, the date functions; `excess`, `period_start`, `period_end`; `round` and `floor` are keywords).
 */

export const keywords = [
  'plan', 'currency', 'settle', 'round', 'to', 'per', 'year', 'table', 'by', 'on', 'const', 'let',
  'base', 'sum', 'count', 'of', 'over', 'where', 'commission', 'whole', 'marginal', 'below', 'from',
  'pay', 'bonus', 'when', 'for', 'each', 'in', 'require', 'else', 'exclude', 'and', 'or', 'not', 'is',
  'set', 'true', 'false', 'step', 'highest', 'every', 'at', 'salary', 'floats', 'with', 'rates', 'cap', 'floor',
  'ladder', 'credit', 'rest', 'team', 'clawback', 'within', 'days', 'draw', 'recoverable', 'nonrecoverable',
  'split', 'pool', 'example', 'expect', 'active', 'effective', 'history', 'if', 'then', 'report', 'above', 'fiscal_year', 'group', 'allocate', 'rank', 'contest', 'place',
];

export const columnTypes = ['text', 'payee', 'date', 'count', 'decimal', 'money', 'percent', 'boolean', 'period'];

export const settingWords = [
  'monthly', 'quarterly', 'half_yearly', 'yearly', 'annually', 'half_up', 'half_even', 'down', 'up', 'line', 'total',
  'key', 'optional', 'payee', 'period', 'payout',
];

/** Words that start a declaration and are followed by the name they declare. */
const declaring = /(const|let|base|table|rates|split|pool|group|allocate|contest)(\s+)([\p{L}_][\p{L}\p{N}_]*)/u;

export const language = {
  defaultToken: '',
  tokenPostfix: '.payplan',
  unicode: true,
  keywords,
  columnTypes,
  settingWords,
  predefined: ['min', 'max', 'abs', 'ceil', 'excess', 'days_between', 'months_between', 'years_between', 'add_days', 'add_months', 'within_months', 'period_of', 'month_of', 'quarter_of', 'year_of', 'period_start', 'period_end', 'previous'],
  operators: ['=', '!=', '≠', '<', '<=', '≤', '>', '>=', '≥', '+', '-', '−', '*', '×', '/', '÷', '..'],
  symbols: /[=<>!≤≥≠+\-−*×/÷.]+/,
  tokenizer: {
    root: [
      [/#.*$/, 'comment'],
      [declaring, ['keyword', 'white', 'variable.name']],
      [/(for)(\s+)(each)(\s+)([\p{L}_][\p{L}\p{N}_]*)/u, ['keyword', 'white', 'keyword', 'white', 'variable.name']],
      [/\d{4}-\d{2}-\d{2}(?!\d)/, 'number.date'],
      [/(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%/, 'number.percent'],
      [/(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/, 'number'],
      [/"/, { token: 'string.quote', next: '@string' }],
      [
        /[\p{L}_][\p{L}\p{N}_]*/u,
        {
          cases: {
            '@keywords': 'keyword',
            '@columnTypes': 'type',
            '@settingWords': 'constant',
            '@predefined': 'predefined',
            '@default': 'identifier',
          },
        },
      ],
      [/[()]/, '@brackets'],
      [/,/, 'delimiter'],
      [/@symbols/, { cases: { '@operators': 'operator', '@default': '' } }],
      [/\s+/, 'white'],
    ],
    string: [
      [/[^\\"]+/, 'string'],
      [/\\./, 'string.escape'],
      [/"/, { token: 'string.quote', next: '@pop' }],
      [/$/, { token: '', next: '@pop' }],
    ],
  },
};

/** Comment toggling and bracket pairs for the editor. */
export const configuration = {
  comments: { lineComment: '#' },
  brackets: [['(', ')']] as [string, string][],
  autoClosingPairs: [
    { open: '(', close: ')' },
    { open: '"', close: '"', notIn: ['string', 'comment'] },
  ],
  surroundingPairs: [
    { open: '(', close: ')' },
    { open: '"', close: '"' },
  ],
  wordPattern: /[\p{L}_][\p{L}\p{N}_]*|-?\d[\d,]*(\.\d+)?%?/u,
};

/** Colours for the tokens above, for a light theme. */
export const themeRules = [
  { token: 'keyword', foreground: '7c3aed', fontStyle: 'bold' },
  { token: 'type', foreground: '0f766e' },
  { token: 'constant', foreground: 'b45309' },
  { token: 'variable.name', foreground: '1d4ed8', fontStyle: 'bold' },
  { token: 'predefined', foreground: '0e7490' },
  { token: 'number', foreground: '15803d' },
  { token: 'number.percent', foreground: '15803d' },
  { token: 'number.date', foreground: '15803d' },
  { token: 'string', foreground: 'be123c' },
  { token: 'string.quote', foreground: 'be123c' },
  { token: 'string.escape', foreground: '9f1239' },
  { token: 'comment', foreground: '6b7280', fontStyle: 'italic' },
  { token: 'operator', foreground: '334155' },
];
