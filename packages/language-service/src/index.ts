/** @payplan/language-service: editor features over the language core, as pure functions of text. */
export { analyze, type Analysis, type PlanSymbol, type SymbolKind, type Symbols } from './analyze.js';
export { complete, type CompletionItem, type CompletionKind, type Completions } from './completion.js';
export { hover, valueOf, type Hover, type HoverOptions } from './hover.js';
export { definition, type Definition } from './definition.js';
export { format, type Formatting, type TextEdit } from './format.js';
export { markers, markerMessage, headline, type Marker, type RelatedInformation } from './markers.js';
export { rangeOf, offsetAt, type Range } from './positions.js';
export { parseCsv, gridFromCsv, writeCsv, placeOf, type Grid, type CsvLayout, type GridPlace } from './csv.js';
export { runSession, sessionRunner, dataColumns, dataFile, type SessionRunner, type Session, type SessionTable, type SessionResult, type CellIssue, type Problem } from './session.js';
export { whatIf, valueCandidates, parseValue, substitute, niceCeiling, type WhatIfRequest, type WhatIfResult, type WhatIfPoint, type WhatIfValue } from './what-if.js';
export { compare, type Comparison, type ComparisonRow, type VersionSummary } from './compare.js';
export { resolveAt, type Resolved } from './resolve.js';
export type { RunResult, Statement, StatementLine, TableSchema, NamedValue, RowRef } from '@payplan/runtime';
