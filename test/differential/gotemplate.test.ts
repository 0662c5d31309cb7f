// Differential test: every corpus case must render byte-identically (or fail with the identical
// error message) in our engine and in real Go text/template + Sprig.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TemplateSet } from '../../src/engines/gotemplate/index.ts';
import type { MissingKey } from '../../src/engines/gotemplate/index.ts';
import { sprigFuncs } from '../../src/engines/sprig/index.ts';
import { loadCorpus } from './gotemplate-corpus.ts';
import { asOracleText, oracleFunctionNames, runOracle } from './gotemplate-oracle.ts';
import type { OracleCase, OracleResult } from './gotemplate-oracle.ts';

function renderOurs(c: OracleCase): OracleResult {
  const set = new TemplateSet({ missingKey: (c.missingKey || 'default') as MissingKey }).funcs(sprigFuncs());
  try {
    set.parse(c.name, c.template);
  } catch (e) {
    return { output: '', error: (e as Error).message, phase: 'parse' };
  }
  try {
    return { output: asOracleText(set.execute(c.name, c.data)) };
  } catch (e) {
    return { output: '', error: asOracleText((e as Error).message), phase: 'exec' };
  }
}

const cases = loadCorpus();
const expected = runOracle(cases);
let identical = 0;

for (const [i, c] of cases.entries()) {
  test(c.name, () => {
    const want = expected[i]!;
    const got = renderOurs(c);
    if (want.error !== undefined) {
      assert.equal(got.error, want.error, `expected a ${want.phase} error`);
    } else {
      assert.equal(got.error, undefined, 'unexpected error');
      assert.equal(got.output, want.output);
    }
    identical++;
  });
}

test('the Sprig function map has exactly the functions of Go Sprig as Helm uses it', () => {
  assert.deepEqual(Object.keys(sprigFuncs()).sort(), oracleFunctionNames());
});

test.after(() => {
  console.log(`gotemplate differential: ${identical}/${cases.length} cases identical to Go text/template + Sprig`);
});
