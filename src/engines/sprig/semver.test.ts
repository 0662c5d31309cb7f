// Masterminds/semver v3 constraint semantics (facts from its constraints_test.go).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newVersion, semverCompare } from './semver.ts';

test('constraint operators, wildcards, ranges and prerelease rules', () => {
  const cases: [string, string, boolean][] = [
    ['>=1.2.3', '1.2.3', true], ['>1.2.3', '1.2.3', false], ['<1.2.3', '1.2.2', true],
    ['1.2.x', '1.2.9', true], ['1.2.x', '1.3.0', false], ['*', '0.0.1', true],
    ['~1.2.3', '1.2.9', true], ['~1.2.3', '1.3.0', false], ['~1', '1.9.0', true],
    ['^1.2.3', '1.9.9', true], ['^1.2.3', '2.0.0', false], ['^0.2.3', '0.2.9', true], ['^0.2.3', '0.3.0', false], ['^0.0.3', '0.0.4', false],
    ['1.1 - 2', '2.0.9', true], ['1.1 - 2', '3.0.0', false],
    ['>=1.0, <2.0', '1.5.0', true], ['>=1.0 <2.0', '2.0.0', false], ['<1 || >=3', '3.1.0', true],
    ['>=1.2.3', '1.2.4-beta', false], ['>=1.2.3-0', '1.2.4-beta', true], ['!=1.2.3', '1.2.4', true],
  ];
  for (const [c, v, want] of cases) assert.equal(semverCompare(c, v), want, `${c} vs ${v}`);
});

test('versions parse loosely and print canonically; errors use Masterminds texts', () => {
  assert.equal(newVersion('v1.2').String(), '1.2.0');
  assert.equal(newVersion('1.2.3-rc.1+b5').Prerelease(), 'rc.1');
  assert.throws(() => newVersion('1.2.3.4'), /invalid semantic version/);
  assert.throws(() => newVersion('1.2.3-01'), /version segment starts with 0/);
  assert.throws(() => semverCompare('bogus', '1.0.0'), /improper constraint: "bogus"/);
});
