// --set parsing, from the behaviour Helm documents for `helm install --set` (docs: "The Format and
// Limitations of --set") and its strvals parser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GoNumber } from '../gotemplate/values.ts';
import { parseSetInto, parseSetJsonInto, StrvalsError } from './strvals.ts';

function set(s: string, asString = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  parseSetInto(s, out, asString);
  return out;
}

const int64Of = (v: unknown) => (v instanceof GoNumber && v.type === 'int64' ? v.value : undefined);

test('names and values split on commas, dots nest', () => {
  const v = set('name=value,outer.inner=x');
  assert.equal(v.name, 'value');
  assert.deepEqual(v.outer, { inner: 'x' });
});

test('plain integers are int64, leading zeros and floats stay strings, true/false/null are typed', () => {
  const v = set('a=5,b=007,c=1.5,d=TRUE,e=null,f=0');
  assert.equal(int64Of(v.a), 5n);
  assert.equal(v.b, '007');
  assert.equal(v.c, '1.5');
  assert.equal(v.d, true);
  assert.equal(v.e, null);
  assert.equal(int64Of(v.f), 0n);
});

test('--set-string keeps everything a string', () => {
  assert.deepEqual(set('a=5,b=true', true), { a: '5', b: 'true' });
});

test('curly braces make lists, indexes address list elements and fill gaps with null', () => {
  const v = set('list={a,b,c},idx[2]=z,servers[0].port=80');
  assert.deepEqual(v.list, ['a', 'b', 'c']);
  assert.deepEqual(v.idx, [null, null, 'z']);
  assert.equal(int64Of((v.servers as Array<Record<string, unknown>>)[0]!.port), 80n);
});

test('backslash escapes commas and dots', () => {
  const v = set('name=value1\\,value2,nodeSelector.kubernetes\\.io/role=master');
  assert.equal(v.name, 'value1,value2');
  assert.deepEqual(v.nodeSelector, { 'kubernetes.io/role': 'master' });
});

test('a key without value is an error, an empty value is the empty string', () => {
  assert.throws(() => set('a'), StrvalsError);
  assert.equal(set('a=').a, '');
});

test('--set-json decodes JSON values (numbers as float64)', () => {
  const out: Record<string, unknown> = {};
  parseSetJsonInto('a={"b":[1,2]},c=1.5,d=', out);
  assert.deepEqual(out, { a: { b: [1, 2] }, c: 1.5, d: null });
});
