// The apiserver only accepts structural schemas (and prunes, defaults and validates with them). These
// checks mirror its rules so a schema mistake fails here, in milliseconds, rather than at install time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { allCrds, allKinds } from './index.ts';
import type { JSONSchemaProps } from './crd.ts';
import { walkSchema } from './schema-walk.ts';

const allowedTypes = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);
const forbiddenKeywords = ['$ref', 'definitions', 'patternProperties', 'dependencies', 'const', 'allOf', 'oneOf', 'not', 'anyOf', 'nullable'];

/** Problems that would make the apiserver reject the schema as non-structural. */
function structuralProblems(root: JSONSchemaProps): string[] {
  const problems: string[] = [];
  for (const { path, schema } of walkSchema(root)) {
    const at = path || '<root>';
    const freeForm = schema['x-kubernetes-preserve-unknown-fields'] === true;
    if (schema.type === undefined && !freeForm) problems.push(`${at}: no type`);
    if (schema.type !== undefined && !allowedTypes.has(schema.type)) problems.push(`${at}: unknown type ${schema.type}`);
    for (const k of forbiddenKeywords) if (k in schema) problems.push(`${at}: uses ${k}`);
    if (schema.type === 'array' && !schema.items) problems.push(`${at}: array without items`);
    if (schema.properties && schema.additionalProperties !== undefined) problems.push(`${at}: both properties and additionalProperties`);
    if (schema.additionalProperties === false) problems.push(`${at}: additionalProperties: false`);
    if (schema.type === 'object' && !schema.properties && !schema.additionalProperties && !freeForm && path !== 'metadata') {
      problems.push(`${at}: object that would be pruned to {}`);
    }
    for (const name of schema.required ?? []) {
      if (!schema.properties?.[name]) problems.push(`${at}: requires undeclared field ${name}`);
    }
    if (schema.enum && schema.type && !schema.enum.every((v) => typeof v === (schema.type === 'integer' ? 'number' : schema.type))) {
      problems.push(`${at}: enum values of the wrong type`);
    }
  }
  return problems;
}

for (const crd of allCrds()) {
  const name = crd.metadata.name as string;
  const version = crd.spec.versions[0]!;
  const schema = version.schema.openAPIV3Schema;

  test(`${name}: schema is structural`, () => {
    assert.deepEqual(structuralProblems(schema), []);
    // metadata may only be declared as a bare object; the apiserver owns its schema.
    assert.deepEqual(schema.properties?.metadata, { type: 'object' });
  });

  test(`${name}: defaults are valid for the field they default`, () => {
    const ajv = new Ajv({ strict: false });
    ajv.addFormat('int64', true);
    ajv.addFormat('date-time', true);
    for (const { path, schema: node } of walkSchema(schema)) {
      if (node.default === undefined) continue;
      const validate = ajv.compile(node);
      assert.ok(validate(structuredClone(node.default)), `${path}: default ${JSON.stringify(node.default)}: ${JSON.stringify(validate.errors)}`);
    }
  });

  test(`${name}: printer columns point at declared fields`, () => {
    const paths = new Set([...walkSchema(schema)].map((n) => n.path));
    for (const column of version.additionalPrinterColumns) {
      if (column.jsonPath.startsWith('.metadata.')) continue;
      const field = column.jsonPath.slice(1).replace(/\[\?\(@\.type=="Ready"\)\]\.(\w+)$/, '[].$1');
      assert.ok(paths.has(field), `${column.name}: ${column.jsonPath} is not a field of the schema`);
    }
    assert.deepEqual(
      version.additionalPrinterColumns.filter((c) => ['Age', 'Ready', 'Status'].includes(c.name)).map((c) => c.name).sort(),
      crd.spec.names.kind === 'Provider' || crd.spec.names.kind === 'Alert' ? ['Age'] : ['Age', 'Ready', 'Status'],
    );
  });

  test(`${name}: status subresource exactly when the kind has a status`, () => {
    assert.equal(Boolean(version.subresources?.status), Boolean(schema.properties?.status));
    if (schema.properties?.status && crd.spec.names.kind !== 'ExternalArtifact') {
      assert.deepEqual(schema.properties.status.default, { observedGeneration: -1 });
    }
  });
}

test('CRD names, short names and categories match upstream and do not collide', () => {
  const crds = allCrds();
  assert.equal(crds.length, allKinds().length);
  for (const crd of crds) {
    assert.equal(crd.metadata.name, `${crd.spec.names.plural}.${crd.spec.group}`);
    assert.ok(crd.spec.names.categories?.includes('all') && crd.spec.names.categories.includes('fluxcd'), `${crd.metadata.name} categories`);
  }
  const shortNames = crds.flatMap((c) => c.spec.names.shortNames ?? []);
  assert.equal(new Set(shortNames).size, shortNames.length);
  const byKind = Object.fromEntries(crds.map((c) => [c.spec.names.kind, c.spec.names.shortNames ?? []]));
  assert.deepEqual(byKind, {
    GitRepository: ['gitrepo'],
    OCIRepository: ['ocirepo'],
    HelmRepository: ['helmrepo'],
    HelmChart: ['hc'],
    Bucket: [],
    ExternalArtifact: ['ea'],
    Kustomization: ['ks'],
    HelmRelease: ['hr'],
    Provider: [],
    Alert: [],
    Receiver: [],
    ImageRepository: ['imgrepo', 'imagerepo'],
    ImagePolicy: ['imgpol', 'imagepol'],
    ImageUpdateAutomation: ['iua', 'imgupd', 'imgauto'],
  });
});

test('the structural check itself catches non-structural schemas', () => {
  assert.deepEqual(structuralProblems({ type: 'object', properties: { a: {}, b: { type: 'array' }, c: { type: 'object' } } }), [
    'a: no type',
    'b: array without items',
    'c: object that would be pruned to {}',
  ]);
});
