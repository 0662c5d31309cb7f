import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseConstraint, satisfies, maxSatisfying, parseVersion, compareVersions, validateMetadata, validatePrerelease, InvalidConstraintError, InvalidVersionError } from './index.ts';

const ok = (c: string, v: string) => satisfies(parseVersion(v), parseConstraint(c));

void describe('semver versions', () => {
  void it('parses loosely like Masterminds NewVersion', () => {
    assert.deepEqual({ ...parseVersion('v1.2') }, { major: 1n, minor: 2n, patch: 0n, prerelease: '', metadata: '', original: 'v1.2' });
    assert.equal(parseVersion('1.2.3-beta.1+build.5').prerelease, 'beta.1');
    assert.throws(() => parseVersion('1.2.3.4'), InvalidVersionError);
    assert.throws(() => parseVersion('latest'), InvalidVersionError);
    assert.throws(() => parseVersion('1.2.3-01'), { message: 'version segment starts with 0' });
  });
  void it('keeps uint64 parts and Masterminds error texts', () => {
    assert.equal(parseVersion('18446744073709551615.9007199254740993.0').minor, 9007199254740993n);
    assert.throws(() => parseVersion('18446744073709551616'), { message: 'error parsing version segment: strconv.ParseUint: parsing "18446744073709551616": value out of range' });
    assert.throws(() => parseVersion(`1.0.0-${'a'.repeat(300)}`), { message: 'version string is too long (max 256 bytes)' });
    assert.throws(() => validatePrerelease('a..b'), { message: 'invalid prerelease string' });
    assert.throws(() => validateMetadata('a+b'), { message: 'invalid metadata string' });
    assert.throws(() => parseConstraint('>= 1.0 foo'), { message: 'improper constraint: ">= 1.0 foo"' });
    assert.throws(() => parseConstraint(Array.from({ length: 33 }, () => '1').join('||')), { message: 'too many constraint groups (max 32)' });
  });
  void it('compares numeric pre-release identifiers as uint64, and larger ones as text', () => {
    const cmp = (a: string, b: string) => compareVersions(parseVersion(a), parseVersion(b));
    assert.equal(cmp('1.0.0-9007199254740993', '1.0.0-9007199254740992'), 1);
    assert.equal(cmp('1.0.0-18446744073709551616', '1.0.0-2'), 1);
    assert.equal(cmp('1.0.0-18446744073709551616', '1.0.0-a'), -1);
  });
  void it('orders by semver precedence', () => {
    const sorted = ['1.0.0', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-beta', '1.0.0-alpha.beta', '1.0.0-rc.1', '1.0.0-beta.11', '1.0.0-beta.2']
      .map(parseVersion)
      .sort(compareVersions)
      .map((v) => v.original);
    assert.deepEqual(sorted, ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0']);
  });
});

void describe('semver constraints (Masterminds semantics)', () => {
  const cases: [string, string, boolean][] = [
    ['>=1.0.0 <2.0.0', '1.5.0', true],
    ['>=1.0.0, <2.0.0', '2.0.0', false],
    ['1.2', '1.2.9', true], // bare partial = tilde
    ['1.2', '1.3.0', false],
    ['=1.2.3', '1.2.3', true],
    ['1.2.x', '1.2.4', true],
    ['>11', '11.1.0', false], // differs from npm: every 11.x is excluded
    ['>11', '12.0.0', true],
    ['>11.1', '11.1.5', false],
    ['>11.1', '11.2.0', true],
    ['<=1.2', '1.2.9', true],
    ['<=1.2', '1.3.0', false],
    ['~1.2.3', '1.2.9', true],
    ['~1.2.3', '1.3.0', false],
    ['~1', '1.9.0', true],
    ['^1.2.3', '1.9.9', true],
    ['^1.2.3', '2.0.0', false],
    ['^0.2.3', '0.2.9', true],
    ['^0.2.3', '0.3.0', false],
    ['^0.0.3', '0.0.4', false],
    ['^0', '0.9.0', true],
    ['*', '4.5.6', true],
    ['*', '1.0.0-rc.1', false], // pre-releases need a pre-release in the constraint
    ['>=1.0.0-0', '1.0.0-rc.1', true],
    ['^1.x-0', '1.3.0-beta', true],
    ['>=1.0.0 <=2.0.0-rc.9', '1.5.0-beta', true], // one pre-release in the AND group opens it to pre-releases
    ['>=1.0.0 <=2.0.0 || >=3.0.0-0', '1.5.0-beta', false],
    ['1.2 - 1.4.5', '1.4.5', true],
    ['1.2 - 1.4.5', '1.4.6', false],
    ['<1 || >=3', '3.1.0', true],
    ['<1 || >=3', '2.0.0', false],
    ['!=1.2.3', '1.2.3', false],
    ['!=1.x', '1.5.0', false],
    ['!=1.x', '2.0.0', true],
  ];
  for (const [c, v, want] of cases) {
    void it(`${v} ${want ? 'satisfies' : 'does not satisfy'} '${c}'`, () => assert.equal(ok(c, v), want));
  }
  void it('rejects malformed constraints', () => {
    for (const bad of ['', '>=1.0.0<2', 'foo', '>= 1.0.0 bar', '1.2.3.4']) {
      assert.throws(() => parseConstraint(bad), InvalidConstraintError, bad);
    }
  });
  void it('picks the highest satisfying candidate and skips non-versions', () => {
    const tags = ['v1.0.0', 'v1.4.0', 'latest', 'v2.0.0', 'v1.10.1', 'v1.11.0-rc.1'];
    assert.equal(maxSatisfying(tags, parseConstraint('1.x'))?.candidate, 'v1.10.1');
    assert.equal(maxSatisfying(tags, parseConstraint('>=3'))?.candidate, undefined);
  });
});
