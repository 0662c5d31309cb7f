// The values.schema.json cache: one compile per schema text, bounded, and a cached validator still judges
// each render's values on their own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compiledSchema } from './compiled-schema.ts';
import { validateAgainstSingleSchema } from './schema.ts';

// unevaluatedProperties is outside what schema-validate.ts models, so these go to Ajv.
const closed = (name: string) => JSON.stringify({ type: 'object', properties: { [name]: { type: 'integer' } }, unevaluatedProperties: false });

test('the same schema text compiles once, with Ajv only when asked', () => {
  const a = compiledSchema(closed('cacheOnce'));
  const b = compiledSchema(closed('cacheOnce'));
  assert.equal(a, b);
  assert.ok('ajv' in a && 'ajv' in b);
  assert.equal(a.ajv(), b.ajv());
});

test('a cached validator gives each values its own verdict', () => {
  const bytes = new TextEncoder().encode(closed('port'));
  assert.equal(validateAgainstSingleSchema({ port: 80 }, bytes), undefined);
  assert.match(validateAgainstSingleSchema({ port: 80, extra: true }, bytes) ?? '', /unevaluated properties/);
  assert.match(validateAgainstSingleSchema({ port: 'x' }, bytes) ?? '', /must be integer/);
  assert.equal(validateAgainstSingleSchema({ port: 443 }, bytes), undefined);
});

test('text that is not JSON keeps its parse error on every use', () => {
  const bytes = new TextEncoder().encode('{"type": ');
  const first = validateAgainstSingleSchema({}, bytes);
  assert.match(first ?? '', /JSON/);
  assert.equal(validateAgainstSingleSchema({}, bytes), first);
});

test('the cache keeps only recent schemas', () => {
  const oldest = compiledSchema(closed('evicted'));
  for (let i = 0; i < 100; i++) compiledSchema(closed(`filler${i}`));
  assert.notEqual(compiledSchema(closed('evicted')), oldest);
});
