// Proves the TypeScript types and the CRD schemas describe the same objects. The types are derived
// from the schemas (Static<>), and the examples in test/support/flux-examples.ts are typed with them,
// so the compiler rejects any field the types lack. Here we check the other direction at runtime: the
// examples validate against the CRD schemas, and together they set every field the schemas declare.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { fluxExamples } from '../../test/support/flux-examples.ts';
import { allKinds } from './index.ts';
import { openAPISchemaOf } from './crd.ts';
import { valuePaths, walkSchema } from './schema-walk.ts';

function validator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('int64', true);
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  return ajv;
}

const examples = fluxExamples('flux-system');

test('every kind has examples', () => {
  assert.deepEqual(
    examples.map((e) => e.definition.info.kind),
    allKinds().map((k) => k.info.kind),
  );
});

for (const { definition, examples: objects } of examples) {
  const kind = definition.info.kind;

  test(`${kind}: every example validates against the CRD schema`, () => {
    const validate = validator().compile(openAPISchemaOf(definition));
    for (const obj of objects) {
      assert.equal(obj.apiVersion, definition.info.apiVersion);
      assert.equal(obj.kind, kind);
      const ok = validate(obj);
      assert.ok(ok, `${kind}/${obj.metadata.name}: ${JSON.stringify(validate.errors, null, 2)}`);
    }
  });

  test(`${kind}: the examples set every field of the schema (so every field is reachable in the type)`, () => {
    const set = new Set<string>();
    for (const obj of objects) valuePaths(obj, '', set);
    const missing = [...walkSchema(openAPISchemaOf(definition))].map((n) => n.path).filter((p) => p !== '' && !set.has(p));
    assert.deepEqual(missing, [], `${kind}: schema fields no example sets`);
  });
}

test('schemas reject what upstream rejects: bad enum, bad pattern, missing required field', () => {
  const git = examples.find((e) => e.definition.info.kind === 'GitRepository')!;
  const validate = validator().compile(openAPISchemaOf(git.definition));
  const base = git.examples[0]!;
  const variants: [string, (spec: Record<string, unknown>) => void][] = [
    ['provider', (s) => (s.provider = 'gitlab')],
    ['url', (s) => (s.url = 'git@github.com:org/repo.git')],
    ['interval', (s) => delete s.interval],
    ['timeout', (s) => (s.timeout = '1h')],
  ];
  for (const [field, mutate] of variants) {
    const obj = structuredClone(base);
    mutate(obj.spec as Record<string, unknown>);
    assert.equal(validate(obj), false, `expected spec.${field} to be rejected`);
    assert.ok(
      validate.errors!.some((e) => e.instancePath === `/spec/${field}` || e.params && 'missingProperty' in e.params && e.params.missingProperty === field),
      `errors name spec.${field}: ${JSON.stringify(validate.errors)}`,
    );
  }
});
