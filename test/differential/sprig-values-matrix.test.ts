// Differential test of Sprig's conversions and math over values of every kind (cast semantics:
// strings with base prefixes, floats truncated, nil as 0), plus reflection and emptiness.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TemplateSet } from '../../src/engines/gotemplate/index.ts';
import { sprigFuncs } from '../../src/engines/sprig/index.ts';
import { runOracle } from './gotemplate-oracle.ts';
import type { OracleCase } from './gotemplate-oracle.ts';

const VALUES = [
  '0', '1', '-1', '2.5', '-2.5', '"3"', '"3.7"', '"8.00"', '"abc"', '""', 'true', 'false', '.nil', '1e6', '.big', '"0x10"',
  '"010"', '"-7"', '" 5"', '.list', '.map', '.port', '.neg', '(int64 9)', '(list)', '(dict)', '"1e3"', '"+4"', '"1_000"',
];

const EXPRS = [
  'add @ 1', 'add1 @', 'sub @ 1', 'mul @ 3', 'div 100 (add1 (add1 @))', 'mod 7 (add1 (add1 @))', 'max @ 0', 'min @ 0',
  'addf @ 1', 'subf @ 0.5', 'mulf @ 2', 'divf @ 4', 'add1f @', 'maxf @ 0', 'minf @ 0', 'ceil @', 'floor @', 'round @ 1',
  'int @', 'int64 @', 'float64 @', 'toString @', 'toDecimal @', 'typeOf @', 'kindOf @', 'empty @', 'default "D" @',
  'ternary "T" "F" (empty @)', 'toJson @', 'toPrettyJson @', 'toRawJson @', 'quote @', 'squote @', 'cat @ @',
  'printf "%v|%d|%s|%.1f" @ @ @ @', 'list @ @', 'dict "k" @', 'toStrings @', 'compact (list @ 1)', 'uniq (list @ @)',
  'has @ (list 1 "3" 2.5)', 'deepEqual @ @', 'coalesce @ "c"', 'seq (mod (int @) 7)', 'until (mod (int @) 7)', 'atoi (toString @)',
];

const data = { nil: null, big: 12345678.9, list: [1, 'a'], map: { a: 1 }, port: 8080, neg: -3.5 };

const cases: OracleCase[] = EXPRS.map((expr) => ({
  name: `sprig-values-matrix/${expr}`,
  template: VALUES.map((v) => `{{ ${expr.replaceAll('@', v)} }}`).join('|'),
  data,
}));

const expected = runOracle(cases);
let identical = 0;

for (const [i, c] of cases.entries()) {
  test(c.name, () => {
    const want = expected[i]!;
    let got: string;
    try {
      got = new TemplateSet().funcs(sprigFuncs()).parse(c.name, c.template).execute(c.name, c.data);
    } catch (e) {
      assert.equal((e as Error).message, want.error);
      identical++;
      return;
    }
    assert.equal(want.error, undefined, 'Go failed where we did not');
    const g = got.split('|');
    const w = want.output.split('|');
    const diffs = VALUES.map((v, j) => [v, g[j], w[j]] as const).filter(([, a, b]) => a !== b);
    assert.deepEqual(diffs, []);
    identical++;
  });
}

test.after(() => console.log(`sprig values matrix: ${identical}/${cases.length} expressions identical on ${VALUES.length} values`));
