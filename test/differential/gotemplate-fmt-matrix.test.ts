// Differential test of Go's fmt through printf: every verb × flag × width/precision on values
// of every kind, rendered by our engine and by Go, compared byte for byte.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TemplateSet } from '../../src/engines/gotemplate/index.ts';
import { sprigFuncs } from '../../src/engines/sprig/index.ts';
import { runOracle } from './gotemplate-oracle.ts';
import type { OracleCase } from './gotemplate-oracle.ts';

const VERBS = ['v', 'd', 's', 'q', 'x', 'X', 'o', 'b', 'e', 'E', 'f', 'g', 'G', 't', 'c', 'U', 'T'];
const FLAGS = ['', '+', '-', '#', ' ', '0', '+0', '-#'];
const SIZES = ['', '6', '.2', '8.3', '.0'];
const VALUES: [string, string][] = [
  ['int-0', '0'], ['int-1', '1'], ['int-neg', '-42'], ['int-255', '255'], ['int-big', '9223372036854775807'],
  ['float-pi', '3.14159'], ['float-neg', '-2.5'], ['float-huge', '1e21'], ['float-tiny', '1e-7'], ['float-int', '.port'],
  ['float-big', '.big'], ['float-half', '0.125'], ['string', '"abc"'], ['unicode', '"é✓"'], ['empty', '""'],
  ['bool', 'true'], ['nil', '.nothing'], ['list', '.list'], ['nums', '.nums'], ['map', '.map'], ['mixed', '.mixed'],
  ['int64', '(int64 7)'], ['strings', '(splitList "," "a,b")'], ['bytes-like', '(until 3)'],
];

const data = {
  port: 8080, big: 12345678, nothing: null, list: ['a', 'b'], nums: [3, 1.5], map: { k: 'v', n: 2 },
  mixed: [1, 'x', null, true],
};

const cases: OracleCase[] = VALUES.map(([name, expr]) => ({
  name: `fmt-matrix/${name}`,
  template: VERBS.flatMap((v) => FLAGS.flatMap((f) => SIZES.map((s) => `{{ printf "%${f}${s}${v}" ${expr} }}`))).join('|'),
  data,
}));

const expected = runOracle(cases);

for (const [i, c] of cases.entries()) {
  test(c.name, () => {
    const set = new TemplateSet().funcs(sprigFuncs()).parse(c.name, c.template);
    const got = set.execute(c.name, c.data).split('|');
    const want = expected[i]!.output.split('|');
    const formats = VERBS.flatMap((v) => FLAGS.flatMap((f) => SIZES.map((s) => `%${f}${s}${v}`)));
    const diffs = formats.map((fmt, j) => [fmt, got[j], want[j]] as const).filter(([, g, w]) => g !== w);
    assert.deepEqual(diffs, [], `${diffs.length} of ${formats.length} formats differ`);
  });
}
