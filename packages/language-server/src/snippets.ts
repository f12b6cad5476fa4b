/**
 * Snippets for the shapes of rules, offered where a declaration may start (a word at the start of a
 * line): tab stops for the names and figures an author fills in. Each expands to a plan fragment
 * that parses (test/language-server/lsp.test.ts checks the expansions with placeholders filled).
 */
export interface Snippet {
  readonly label: string;
  readonly detail: string;
  readonly documentation: string;
  readonly body: string;
}

export const snippets: readonly Snippet[] = [
  {
    label: 'table',
    detail: 'a transaction table',
    documentation: 'One row per deal (or order, or invoice): a key, the payee it belongs to, the date that decides its period and its amounts.',
    body: 'table ${1:deals}\n  ${2:id}      text key\n  ${3:rep}     payee\n  ${4:closed}  date\n  ${5:amount}  money\n',
  },
  {
    label: 'table per payee per period',
    detail: 'a table of targets',
    documentation: 'One row per payee and settlement period, such as quotas.',
    body: 'table ${1:quotas} per payee per period\n  ${2:quota}  money\n',
  },
  {
    label: 'base',
    detail: 'a base summed over a table',
    documentation: 'The figure commission is paid on, summed over the rows of a transaction table.',
    body: 'base ${1:sales} = sum of ${2:amount} over ${3:deals}\n',
  },
  {
    label: 'commission ladder',
    detail: 'commission in bands',
    documentation: '`marginal`: each band\'s rate applies to the part of the base inside it; `whole`: the reached band\'s rate applies to the whole base.',
    body: 'commission on ${1:sales} ${2|marginal,whole|}\n  below ${3:quota}  pay ${4:5%}\n  from ${3:quota}   pay ${5:8%}\n',
  },
  {
    label: 'bonus when',
    detail: 'a bonus on a condition',
    documentation: 'A fixed amount paid when a condition holds in the period.',
    body: 'bonus when ${1:sales} >= ${2:120%} of ${3:quota} pay ${4:1,000}\n',
  },
  {
    label: 'for each',
    detail: 'rules per row',
    documentation: 'Rules evaluated on every row of a table: requirements and per-row payments.',
    body: 'for each ${1:deal} in ${2:deals}\n  require ${3:amount} > 0 else "${4:an order without an amount}"\n',
  },
  {
    label: 'example',
    detail: 'a worked example `payplan test` checks',
    documentation: 'Rows and the figures they must produce; `payplan test` runs every example.',
    body: 'example "${1:a rep above quota}"\n  ${2:quotas}: payee=${3:ana} period=${4:2026-Q1} ${5:quota}=${6:100,000}\n  expect ${3:ana} ${4:2026-Q1} payout = ${7:0.00}\n',
  },
];
