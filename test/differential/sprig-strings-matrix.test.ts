// Differential test of Sprig's string functions over a spread of inputs (case conversions,
// Unicode, separators, paths, whitespace): our output must equal Go Sprig's byte for byte.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TemplateSet } from '../../src/engines/gotemplate/index.ts';
import { sprigFuncs } from '../../src/engines/sprig/index.ts';
import { asOracleText, runOracle } from './gotemplate-oracle.ts';
import type { OracleCase } from './gotemplate-oracle.ts';

const INPUTS = [
  '', ' ', 'x', 'hello world', 'Hello World', 'HTTPServer', 'myHTTPServer2go', 'snake_case_here', 'kebab-case-here',
  '  padded\t\n', 'ÉCOLE élève', '123abc', 'abc123def456', 'a.b/c..d', '/a/b/../c/', 'go-lang_is COOL', 'ALLCAPS',
  'camelCaseString', 'PascalCase', 'mixed-UP_case Words', 'tab\tsep', '日本語テキスト', 'emoji 😀 ok', 'a--b__c  d',
  '_leading', 'trailing_', '--', 'x1y2z3', 'v1.2.3', '1.5', 'UPPER lower Title', 'ABCdef GHIjkl', 'a1B2c3D4',
  'file.tar.gz', '.hidden', 'dir/', 'Ünïcödé Wörds', 'i18n l10n', 'XMLHttpRequest', 'foo.bar-baz_qux quux',
  "it's \"quoted\"", 'line1\nline2\nline3', 'The quick brown fox jumps over the lazy dog',
];

const FUNCS = [
  'trim', 'upper', 'lower', 'title', 'untitle', 'nospace', 'initials', 'swapcase', 'snakecase', 'camelcase', 'kebabcase',
  'quote', 'squote', 'b64enc', 'b32enc', 'sha1sum', 'adler32sum', 'base', 'dir', 'ext', 'clean', 'isAbs', 'toString',
  'regexQuoteMeta', 'trunc 5', 'trunc -3', 'abbrev 6', 'abbrevboth 2 8', 'wrap 6', 'wrapWith 5 "+"', 'indent 2', 'nindent 1',
  'splitList " "', 'toStrings', 'replace "o" "0"', 'trimAll " _-"', 'trimPrefix "a"', 'trimSuffix "_"', 'repeat 2',
  'contains "o"', 'hasPrefix "H"', 'substr 0 2', 'splitn "." 2', 'split "-"', 'cat "x"', 'regexFindAll "[a-z]+" @ -1',
  'regexReplaceAll "([a-z])([A-Z])" @ "${1}_${2}"', 'regexSplit "[._-]+" @ -1', 'len', 'b64dec', 'sortAlpha', 'list',
  'regexFind "[A-Z][a-z]+" @', 'regexMatch "^[a-z ]+$" @', 'plural "one" @ 1',
];

const cases: OracleCase[] = FUNCS.map((fn) => ({
  name: `sprig-strings-matrix/${fn}`,
  // '@' marks where the input goes; otherwise it is the last argument.
  template: `{{ range .inputs }}{{ ${fn.includes('@') ? fn.replace('@', '.') : `${fn} .`} }}|{{ end }}`,
  data: { inputs: INPUTS },
}));

const expected = runOracle(cases);
let identical = 0;

for (const [i, c] of cases.entries()) {
  test(c.name, () => {
    const want = expected[i]!;
    assert.equal(want.error, undefined, `the oracle failed: ${want.error}`);
    const got = asOracleText(new TemplateSet().funcs(sprigFuncs()).parse(c.name, c.template).execute(c.name, c.data)).split('|');
    const diffs = INPUTS.map((input, j) => [input, got[j], want.output.split('|')[j]] as const).filter(([, g, w]) => g !== w);
    assert.deepEqual(diffs, []);
    identical++;
  });
}

test.after(() => console.log(`sprig string matrix: ${identical}/${cases.length} functions identical on ${INPUTS.length} inputs`));
