// Our Masterminds-compatible semver engine against Masterminds/semver v3.5.0 itself (the version Helm
// v3.21 selects, built from Go modules as an oracle): which constraints and versions parse, with the
// same error texts, and every satisfies answer, for hand-picked cases plus seeded random constraints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureGoTool } from '../../src/dev/go-build.ts';
import { parseConstraint, parseVersion, satisfies, tryParseVersion } from '../../src/engines/semver/index.ts';

const versions = [
  '0.0.0', '0.0.1', '0.0.4', '0.1.0', '0.2.3', '0.2.9', '0.3.0', '1.0.0', '1.0.0-alpha', '1.0.0-rc.1', '1.0.1', '1.2.0', '1.2.3',
  '1.2.3-beta', '1.2.3-beta.2', '1.2.4', '1.2.9', '1.3.0', '1.3.0-0', '1.4.5', '1.4.6', '1.9.9', '1.10.1', '2.0.0', '2.0.0-rc.1',
  '2.1.0', '3.0.0', '3.1.4', '4.5.6', '11.0.0', '11.1.0', '11.2.0', '12.0.0', 'v1.2.3', 'v2', '1.2', '1', 'v0.1', '1.2.3+build.1',
  '1.2.3-01', '1.2.3.4', 'latest', '01.2.3', '1.02.3', 'v1.2.3-rc.1+meta', '1.2.3-', '',
];

const handConstraints = [
  '*', 'x', '>=1.0.0 <2.0.0', '>=1.0.0, <2.0.0', '>= 1.0.0 , < 2.0.0', '1.2', '1.2.x', '1.x', '1', '=1.2.3', '1.2.3', 'v1.2.3',
  '>11', '>11.1', '>1.2.3', '<1.2', '<=1.2', '<=1', '<=1.2.3', '>=1.2', '~1.2.3', '~1.2', '~1', '~>1.2', '~0', '~*', '^1.2.3',
  '^1.2', '^1', '^0.2.3', '^0.2', '^0.0.3', '^0.0', '^0', '^*', '^1.x-0', '>=1.0.0-0', '>=1.2.3-beta', '1.2 - 1.4.5',
  '1.2.3 - 2.3.4', '<1 || >=3', '^1 || ^2 || ^3', '!=1.2.3', '!=1.x', '!=1.2.x', '=>1.0.0', '=<1.0.0', '>= 1.2, < 3.0.0 || >= 4.2.3',
  '', 'foo', '>=1.0.0<2', '1.2.3.4', '>= 1.0.0 bar', '~1.2.3-beta', '^1.2.3-beta', '>1.2.3-beta', '<2.0.0-0', '1.2.3-beta.2',
  '1.x-0', '*-0', '>=0.0.0-0', '2.x || 1.2.x', '||', '1 ||', '>=1 <=1.2 || 3', 'X.x', '>=01.0.0', ',1.0.0', '1.0.0,', '^ 1.2',
];

function randomConstraints(seed: number, count: number): string[] {
  const ops = ['', '=', '!=', '>', '<', '>=', '<=', '~', '~>', '^', '=>', '=<'];
  const parts = ['0', '1', '2', '3', '11', 'x', '*', 'X'];
  const pres = ['', '', '', '-0', '-beta', '-rc.1'];
  let state = seed;
  const next = (n: number) => ((state = (state * 1103515245 + 12345) % 2147483648), state % n);
  const version = () => {
    const n = 1 + next(3);
    const v = Array.from({ length: n }, () => parts[next(parts.length)]).join('.');
    return `${next(4) === 0 ? 'v' : ''}${v}${pres[next(pres.length)]}`;
  };
  const comparison = () => `${ops[next(ops.length)]}${next(3) === 0 ? ' ' : ''}${version()}`;
  return Array.from({ length: count }, () => {
    const ors = Array.from({ length: 1 + next(2) }, () =>
      next(6) === 0 ? `${version()} - ${version()}` : Array.from({ length: 1 + next(3) }, comparison).join(next(2) ? ', ' : ' '),
    );
    return ors.join(' || ');
  });
}

interface OracleResult {
  constraintError?: string;
  satisfies: (boolean | null)[];
  /** First result only: per version, Masterminds' parse error ('' when it parses). */
  versionErrors?: string[];
}

const errorText = (parse: () => unknown): string => {
  try {
    parse();
    return '';
  } catch (err) {
    return (err as Error).message;
  }
};

test('satisfies, constraint parsing and version parsing agree with Masterminds/semver v3', async () => {
  const oracle = await ensureGoTool(fileURLToPath(new URL('../../tools/oracles/semver/', import.meta.url)), '.', 'semver-oracle');
  const constraints = [...handConstraints, ...randomConstraints(42, 3000)];
  const cases = constraints.map((constraint) => ({ constraint, versions }));
  const results = JSON.parse(execFileSync(oracle, { input: JSON.stringify(cases), maxBuffer: 64 * 1024 * 1024 }).toString()) as OracleResult[];
  const mismatches: string[] = [];
  for (const [i, { constraint }] of cases.entries()) {
    const want = results[i]!;
    let parsed;
    try {
      parsed = parseConstraint(constraint);
    } catch (err) {
      const message = (err as Error).message;
      if (!want.constraintError) mismatches.push(`'${constraint}': we refuse it (${message}), Masterminds accepts it`);
      else if (message !== want.constraintError) mismatches.push(`'${constraint}': we say "${message}", Masterminds "${want.constraintError}"`);
      continue;
    }
    if (want.constraintError) {
      mismatches.push(`'${constraint}': we accept it, Masterminds refuses it (${want.constraintError})`);
      continue;
    }
    for (const [j, text] of versions.entries()) {
      const version = tryParseVersion(text);
      const expected = want.satisfies[j] ?? null;
      const actual = version ? satisfies(version, parsed) : null;
      if (actual !== expected) mismatches.push(`'${text}' against '${constraint}': ours ${actual}, Masterminds ${expected}`);
    }
  }
  for (const [j, text] of versions.entries()) {
    const ours = errorText(() => parseVersion(text));
    if (ours !== results[0]!.versionErrors![j]) mismatches.push(`version '${text}': we say "${ours}", Masterminds "${results[0]!.versionErrors![j]}"`);
  }
  assert.deepEqual(mismatches.slice(0, 40), [], `${mismatches.length} mismatches`);
});
