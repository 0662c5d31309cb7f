// Our envsubst against Flux's own (github.com/fluxcd/pkg/envsubst, built from Go modules as an
// oracle): hand-written expressions plus seeded random strings of the characters the grammar cares about.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureGoTool } from '../../src/dev/go-build.ts';
import { substitute } from '../../src/engines/envsubst/index.ts';

interface Case {
  text: string;
  vars: Record<string, string>;
  strict: boolean;
}

const varSets: Record<string, string>[] = [
  {},
  { APP: 'podinfo', PATH_VAR: 'a/b/c.tar.gz', EMPTY: '', MIXED: 'Hello World', UNI: 'héllo-wörld', NUM: '42' },
];

const expressions = [
  'plain text', '${APP}', 'x-${APP}-y', '$APP', '$${APP}', '$$APP', '$$$${APP}', '${APP:=fallback}', '${MISSING:=fallback}',
  '${MISSING:-fallback}', '${MISSING-fallback}', '${MISSING=fallback}', '${EMPTY:-fallback}', '${EMPTY-fallback}',
  '${APP:+alt}', '${MISSING:+alt}', '${MISSING:?msg}', '${#APP}', '${#UNI}', '${APP^}', '${APP^^}', '${MIXED,}', '${MIXED,,}',
  '${UNI^^}', '${APP:2}', '${APP:2:3}', '${APP:-3}', '${APP: -3}', '${APP:10}', '${APP:1:100}', '${UNI:1:3}',
  '${PATH_VAR#*/}', '${PATH_VAR##*/}', '${PATH_VAR%.*}', '${PATH_VAR%%.*}', '${PATH_VAR#a}', '${PATH_VAR%[.]gz}',
  '${PATH_VAR/\\//_}', '${PATH_VAR//\\//_}', '${PATH_VAR/#a/A}', '${PATH_VAR/%gz/zip}', '${PATH_VAR//b}', '${APP/o/0}',
  '${APP//o/0}', '${APP//}', '${MISSING}', 'a ${MISSING} b', '${MISSING:=${APP}}', '${MISSING:=pre-${APP}-post}',
  '${MISSING:=${OTHER:=deep}}', '${APP', '${}', '${ APP}', '${APP }', '${APP-}', '${APP:}', '${1ABC}', '${a-b}', '${APP#}',
  'image: ${IMAGE:=nginx}:${TAG:=1.25}', 'key: "${APP}"\nother: ${NUM}\n', 'multi ${APP} and ${NUM} and ${EMPTY}',
  '\\${APP}', '${APP\\}', 'a\\/b ${APP}', '${PATH_VAR/\\\\/x}', '}', '{${APP}}', '$', 'end$', '${APP}$', '${NUM:0:1}',
  '${PATH_VAR#[ab]}', '${PATH_VAR##[!x]*}', '${PATH_VAR%?}', '${PATH_VAR%%?.*}', '${MIXED/ /_}', '${UNI/ö/o}',
];

function randomCases(seed: number, count: number): string[] {
  const alphabet = ['$', '{', '}', ':', '-', '=', '?', '+', '#', '%', '/', '\\', '^', ',', 'A', 'P', 'APP', 'NUM', 'x', '1', '_', '*', ' ', '\n'];
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648), state);
  return Array.from({ length: count }, () => Array.from({ length: 2 + (next() % 14) }, () => alphabet[next() % alphabet.length]).join(''));
}

test('envsubst output and errors match Flux envsubst', async () => {
  const oracle = await ensureGoTool(fileURLToPath(new URL('../../tools/oracles/envsubst/', import.meta.url)), '.', 'envsubst-oracle', (l) => console.log(`# ${l}`));
  const texts = [...expressions, ...randomCases(7, 600)];
  // Patterns that make Go's matcher panic (an unterminated class) are outside the contract.
  const usable = texts.filter((t) => !/\[[^\]]*$/.test(t));
  const cases: Case[] = usable.flatMap((text) => varSets.flatMap((vars) => [false, true].map((strict) => ({ text, vars, strict }))));
  const expected = JSON.parse(execFileSync(oracle, { input: JSON.stringify(cases), maxBuffer: 64 << 20 }).toString()) as { out: string; err?: string }[];

  const mismatches: string[] = [];
  cases.forEach((c, i) => {
    const want = expected[i]!;
    let got: { out: string; err?: string };
    try {
      got = { out: substitute(c.text, c.vars, { strict: c.strict }) };
    } catch (err) {
      got = { out: '', err: (err as Error).message };
    }
    const same = want.err ? got.err === want.err : got.err === undefined && got.out === want.out;
    if (!same) mismatches.push(`${JSON.stringify(c)}\n    flux: ${JSON.stringify(want)}\n    ours: ${JSON.stringify(got)}`);
  });
  console.log(`# envsubst differential: ${cases.length - mismatches.length}/${cases.length} identical`);
  assert.deepEqual(mismatches.slice(0, 10), []);
});
