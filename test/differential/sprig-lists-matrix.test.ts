// Differential test of Sprig's list and dict functions over lists and maps of every shape
// (empty, nil, mixed kinds, typed []string/[]int, nested), compared with Go Sprig.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TemplateSet } from '../../src/engines/gotemplate/index.ts';
import { sprigFuncs } from '../../src/engines/sprig/index.ts';
import { runOracle } from './gotemplate-oracle.ts';
import type { OracleCase } from './gotemplate-oracle.ts';

const LISTS = [
  '(list)', '(list 1)', '(list 3 1 2 1)', '(list "b" "a" "b" "")', '.mixed', '(splitList "," "x,y,x")', '(until 4)',
  '(list (dict "a" 1) (dict "a" 1) (list 1))', '(list .nil 0 false "" (list) (dict))', '.strings', '.nums',
];

const EXPRS = [
  'first @', 'last @', 'rest @', 'initial @', 'reverse @', 'uniq @', 'compact @', 'sortAlpha @', 'join "," @',
  'has 1 @', 'has "b" @', 'without @ 1 "b"', 'slice @ 0', 'chunk 2 @', 'concat @ (list 9)', 'append @ "z"',
  'prepend @ "z"', 'len @', 'typeOf @', 'toStrings @', 'toJson @', 'empty @', 'list @', 'printf "%v %d %s" @ @ @',
  'index (append @ 0) 0', 'dict "l" @', 'mustFirst @', 'toPrettyJson (dict "l" @)',
];

const DICT_EXPRS = [
  'pick .m "a" "z"', 'omit .m "a"', 'keys .m | sortAlpha', 'values (pick .m "a")', 'pluck "a" .m .n', 'hasKey .m "a"',
  'get .m "b"', 'merge (dict "a" 0 "x" (dict)) .m', 'mergeOverwrite (deepCopy .m) .n', 'merge (deepCopy .n) .m',
  'dig "c" "d" "no" .m', 'dig "a" "no" .m', 'toJson .m', 'toPrettyJson .n', 'set (deepCopy .m) "new" 1', 'unset (deepCopy .m) "a"',
  'deepEqual .m (deepCopy .m)', 'deepEqual .m .n', 'empty .m', 'typeOf .m', 'len .m', 'printf "%v|%+v|%#v" .m .m .m',
];

const data = {
  nil: null, mixed: [1, 'a', null, 2.5, true, { k: 'v' }], strings: ['b', 'a'], nums: [2, 1, 2],
  m: { a: 1, b: '', c: { d: 'deep', e: [1, 2] }, f: null }, n: { a: 2, b: 'filled', c: { d: 'other', x: true }, g: [] },
};

const cases: OracleCase[] = [
  ...EXPRS.map((expr) => ({ name: `sprig-lists-matrix/${expr}`, template: LISTS.map((l) => `{{ ${expr.replaceAll('@', l)} }}`).join('|'), data })),
  ...DICT_EXPRS.map((expr) => ({ name: `sprig-dicts-matrix/${expr}`, template: `{{ ${expr} }}`, data })),
];

const expected = runOracle(cases);
let identical = 0;

for (const [i, c] of cases.entries()) {
  test(c.name, () => {
    const want = expected[i]!;
    let got: string;
    try {
      got = new TemplateSet().funcs(sprigFuncs()).parse(c.name, c.template).execute(c.name, structuredClone(c.data));
    } catch (e) {
      assert.equal((e as Error).message, want.error);
      identical++;
      return;
    }
    assert.equal(want.error, undefined, 'Go failed where we did not');
    assert.equal(got, want.output);
    identical++;
  });
}

test.after(() => console.log(`sprig lists/dicts matrix: ${identical}/${cases.length} expressions identical`));
