// Regenerates src/engines/kustomize/patch/schema-data.json: the merge keys and patch strategies of
// every built-in kind, as strategic merge patches in kustomize use them.
//
//   node scripts/generate-smp-schema.ts                 # from the OpenAPI kustomize v5.5.0 compiles in
//   node scripts/generate-smp-schema.ts --swagger FILE  # from any swagger 2.0 document, e.g.
//        $(go env GOMODCACHE)/k8s.io/kubernetes@v1.36.3/api/openapi-spec/swagger.json
//   node scripts/generate-smp-schema.ts --compare FILE  # only list where FILE merges differently
//
// kustomize does not ask the cluster: kyaml embeds the OpenAPI of Kubernetes v1.21.2, so kinds and
// fields added later merge as if unknown. The default source is therefore that embedded document,
// printed by scripts/smp-schema-dump (a few lines of Go importing kyaml v0.18.1, kustomize v5.5.0's).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compactSwagger, type MergeSchemaData, type SchemaNode } from '../src/engines/kustomize/patch/merge-schema.ts';

const here = dirname(fileURLToPath(import.meta.url));
const output = join(here, '../src/engines/kustomize/patch/schema-data.json');

function kyamlSwagger(): string {
  return execFileSync('go', ['run', '.'], { cwd: join(here, 'smp-schema-dump'), encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** Every list field reachable from a kind, with its strategy and keys: "apps/v1 Deployment spec.template.spec.containers" → "merge name". */
function listStrategies(data: MergeSchemaData): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (node: SchemaNode | 0 | undefined, path: string, depth: number, seen: Set<string>): void => {
    if (node === undefined || node === 0 || depth > 12) return;
    if (node.r !== undefined) {
      if (seen.has(node.r)) return;
      visit(data.definitions[node.r], path, depth, new Set([...seen, node.r]));
      return;
    }
    if (node.s !== undefined) out.set(path, `${node.s} ${(node.k ?? []).join(',')}`);
    for (const [key, child] of Object.entries(node.p ?? {})) visit(child, path === '' ? key : `${path}.${key}`, depth + 1, seen);
    visit(node.a, `${path}.*`, depth + 1, seen);
    visit(node.i, `${path}[]`, depth + 1, seen);
  };
  for (const [kind, def] of Object.entries(data.kinds)) visit({ r: def }, kind, 0, new Set());
  return out;
}

const args = process.argv.slice(2);
const swaggerAt = args.indexOf('--swagger');
const compareAt = args.indexOf('--compare');
const source = swaggerAt >= 0 ? readFileSync(args[swaggerAt + 1] ?? '', 'utf8') : kyamlSwagger();
const data = compactSwagger(JSON.parse(source) as Parameters<typeof compactSwagger>[0]);

if (compareAt >= 0) {
  const other = compactSwagger(JSON.parse(readFileSync(args[compareAt + 1] ?? '', 'utf8')) as Parameters<typeof compactSwagger>[0]);
  const ours = listStrategies(data);
  const theirs = listStrategies(other);
  const kindsOnlyThere = Object.keys(other.kinds).filter((k) => data.kinds[k] === undefined);
  console.log(`kinds unknown to kustomize's schema (their lists are replaced, not merged): ${kindsOnlyThere.length}`);
  for (const k of kindsOnlyThere) console.log(`  ${k}`);
  console.log('list fields of kinds known to both that merge differently (kustomize | other):');
  const kindOf = (path: string): string => path.slice(0, path.indexOf('.', path.indexOf(' ')) >>> 0);
  const common = (path: string): boolean => data.kinds[kindOf(path)] !== undefined && other.kinds[kindOf(path)] !== undefined;
  for (const [path, strategy] of theirs) {
    if (common(path) && ours.get(path) !== strategy) console.log(`  ${path}: ${ours.get(path) ?? '(replace)'} | ${strategy}`);
  }
  for (const [path, strategy] of ours) if (common(path) && !theirs.has(path)) console.log(`  ${path}: ${strategy} | (replace)`);
} else {
  writeFileSync(output, `${JSON.stringify(data)}\n`);
  console.log(`wrote ${output}: ${Object.keys(data.kinds).length} kinds, ${Object.keys(data.definitions).length} definitions`);
}
