/**
 * The TextMate grammar for payplan (`source.payplan`), generated from the lexer's keyword list
 * (`keywords` in @payplan/syntax) and the word lists the Monarch grammar shares (monarch.ts). VS Code
 * reads it from editors/vscode/syntaxes/payplan.tmLanguage.json; so do Sublime Text, TextMate, Zed,
 * Shiki and GitHub's Linguist, which is how plans get highlighted in code review. `pnpm grammar`
 * writes the file; test/grammar/textmate.test.ts checks that the file is this function's output.
 */
import { keywords } from '@payplan/syntax';
import { columnTypes, settingWords } from './monarch.js';

/** A word of the plan, not part of a longer name (names may hold any letter). */
const word = (words: readonly string[]) => `(?<![\\p{L}\\p{N}_])(?:${[...words].sort((a, b) => b.length - a.length || a.localeCompare(b)).join('|')})(?![\\p{L}\\p{N}_])`;
const name = '[\\p{L}_][\\p{L}\\p{N}_]*';
const number = '(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?';

export function textMateGrammar(): object {
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'payplan',
    scopeName: 'source.payplan',
    fileTypes: ['payplan', 'examples'],
    patterns: [
      { include: '#comment' },
      { include: '#string' },
      { include: '#declaration' },
      { include: '#literal' },
      { include: '#word' },
      { include: '#operator' },
    ],
    repository: {
      comment: { name: 'comment.line.number-sign.payplan', match: '#.*$' },
      string: {
        name: 'string.quoted.double.payplan',
        begin: '"',
        end: '"|$',
        patterns: [{ name: 'constant.character.escape.payplan', match: '\\\\.' }],
      },
      declaration: {
        patterns: [
          { match: `${word(['const', 'let', 'base', 'table', 'rates', 'split', 'pool'])}\\s+(${name})`, captures: { 0: { name: 'keyword.other.payplan' }, 1: { name: 'entity.name.payplan' } } },
          { match: `(?<![\\p{L}\\p{N}_])(for)\\s+(each)\\s+(${name})`, captures: { 1: { name: 'keyword.other.payplan' }, 2: { name: 'keyword.other.payplan' }, 3: { name: 'variable.parameter.payplan' } } },
        ],
      },
      literal: {
        patterns: [
          { name: 'constant.numeric.date.payplan', match: '\\d{4}-\\d{2}-\\d{2}(?!\\d)' },
          { name: 'constant.numeric.period.payplan', match: '\\d{4}-(?:Q[1-4]|H[12]|\\d{2})(?![\\w-])' },
          { name: 'constant.numeric.percent.payplan', match: `${number}%` },
          { name: 'constant.numeric.payplan', match: number },
        ],
      },
      word: {
        patterns: [
          { name: 'keyword.other.payplan', match: word(keywords) },
          { name: 'storage.type.payplan', match: word(columnTypes.filter((w) => !keywords.includes(w))) },
          { name: 'constant.language.payplan', match: word(settingWords.filter((w) => !keywords.includes(w) && !columnTypes.includes(w))) },
          { name: 'support.function.payplan', match: word(['min', 'max', 'abs', 'excess']) },
        ],
      },
      operator: { name: 'keyword.operator.payplan', match: '\\.\\.|[=<>!≤≥≠+\\-−*×/÷]+' },
    },
  };
}
