// Helm's dependency processing before rendering (chartutil/dependencies.go): aliases, `tags` and
// `condition` switching subcharts off, then import-values copying subchart values into the parent.
import { setKey } from '../sprig/index.ts';
import { chartName, isCompatibleRange, type Chart, type Dependency } from './chart.ts';
import { coalesceTables, coalesceValues, deepCopy, isTable, mergeValues, type HelmFlavor, type Values } from './coalesce.ts';

/** ProcessDependenciesWithMerge, as `helm install`/`template` call it. Mutates the chart. */
export function processDependencies(chart: Chart, vals: Values, flavor: HelmFlavor = 'v3'): void {
  processDependencyEnabled(chart, vals, '', flavor);
  processDependencyImportValues(chart, true, flavor);
}

function tableAt(v: Values, path: string): Values | undefined {
  let t: unknown = v;
  for (const part of path.split('.')) {
    if (!isTable(t) || !Object.hasOwn(t, part)) return undefined;
    t = t[part];
  }
  return isTable(t) ? t : undefined;
}

/** Values.PathValue: a non-table value at a dotted path. */
export function pathValue(v: Values, path: string): { found: boolean; value?: unknown } {
  const parts = path.split('.');
  const key = parts.pop()!;
  const table = parts.length === 0 ? v : tableAt(v, parts.join('.'));
  if (!table || !Object.hasOwn(table, key) || isTable(table[key])) return { found: false };
  return { found: true, value: table[key] };
}

function processDependencyConditions(reqs: Dependency[], cvals: Values, cpath: string): void {
  for (const r of reqs) {
    for (const c of r.Condition.trim().split(',')) {
      if (c.length === 0) continue;
      const pv = pathValue(cvals, cpath + c);
      if (pv.found && typeof pv.value === 'boolean') {
        r.Enabled = pv.value;
        break;
      }
    }
  }
}

function processDependencyTags(reqs: Dependency[], cvals: Values): void {
  const vt = cvals.tags;
  if (!isTable(vt)) return;
  for (const r of reqs) {
    let hasTrue = false;
    let hasFalse = false;
    for (const k of r.Tags) {
      const b = vt[k];
      if (typeof b === 'boolean') {
        if (b) hasTrue = true;
        else hasFalse = true;
      }
    }
    if (!hasTrue && hasFalse) r.Enabled = false;
    else r.Enabled = true;
  }
}

function aliasDependency(charts: Chart[], dep: Dependency, flavor: HelmFlavor): Chart | undefined {
  for (const c of charts) {
    if (chartName(c) !== dep.Name || !isCompatibleRange(dep.Version, c.metadata.Version)) continue;
    const md = { ...c.metadata };
    if (dep.Alias !== '') md.Name = dep.Alias;
    const out: Chart = { ...c, metadata: md };
    if (flavor === 'v4') {
      // v4 copies the subchart's own dependencies too, re-parented under the alias.
      md.Dependencies = c.metadata.Dependencies.map((d) => ({ ...d }));
      out.dependencies = c.dependencies.map((d) => ({ ...d, parent: out }));
    }
    return out;
  }
  return undefined;
}

function processDependencyEnabled(c: Chart, v: Values, path: string, flavor: HelmFlavor): void {
  if (c.metadata.Dependencies.length === 0) return;
  const chartDependencies: Chart[] = [];
  for (const existing of c.dependencies) {
    const declared = c.metadata.Dependencies.some((req) => chartName(existing) === req.Name && isCompatibleRange(req.Version, existing.metadata.Version));
    if (!declared) chartDependencies.push(existing);
  }
  for (const req of c.metadata.Dependencies) {
    const dep = aliasDependency(c.dependencies, req, flavor);
    if (dep) chartDependencies.push(dep);
    if (req.Alias !== '') req.Name = req.Alias;
  }
  c.dependencies = chartDependencies;
  for (const lr of c.metadata.Dependencies) lr.Enabled = true;
  const cvals = coalesceValues(c, v, flavor);
  processDependencyTags(c.metadata.Dependencies, cvals);
  processDependencyConditions(c.metadata.Dependencies, cvals, path);
  const disabled = new Set(c.metadata.Dependencies.filter((r) => !r.Enabled).map((r) => r.Name));
  const kept = c.dependencies.filter((n) => !disabled.has(n.metadata.Name));
  const keptMetadata = c.metadata.Dependencies.filter((n) => !disabled.has(n.Name));
  for (const t of kept) processDependencyEnabled(t, cvals, `${path}${t.metadata.Name}.`, flavor);
  c.metadata.Dependencies = keptMetadata;
  c.dependencies = kept;
}

/**
 * An import-values entry after processing. Helm stores it as map[string]string, which its own type
 * switch (map[string]interface{} or string) no longer matches: a chart whose dependency metadata is
 * processed twice (v3 shares it between aliases of one subchart) imports nothing the second time.
 */
class ProcessedImport extends Map<string, string> {
  static goTypeName = 'map[string]string';
  constructor(child: string, parent: string) {
    super([['child', child], ['parent', parent]]);
  }
}

function pathToMap(path: string, data: Values): Values {
  if (path === '.') return data;
  let cur: Values = data;
  const parts = path.split('.');
  for (let i = parts.length - 1; i >= 0; i--) cur = { [parts[i]!]: cur };
  return cur;
}

function processImportValues(c: Chart, merge: boolean, flavor: HelmFlavor): void {
  if (c.metadata.Dependencies.length === 0) return;
  let cvals = merge ? mergeValues(c, null, flavor) : coalesceValues(c, null, flavor);
  let b: Values = {};
  for (const r of c.metadata.Dependencies) {
    const outiv: unknown[] = [];
    for (const riv of r.ImportValues) {
      let child: string;
      let parent: string;
      if (isTable(riv)) {
        child = goSprint(riv.child);
        parent = goSprint(riv.parent);
      } else if (typeof riv === 'string') {
        child = `exports.${riv}`;
        parent = '.';
      } else continue;
      outiv.push(new ProcessedImport(child, parent));
      const vv = tableAt(cvals, `${r.Name}.${child}`);
      if (!vv) continue;
      const imported = parent === '.' && typeof riv === 'string' ? vv : pathToMap(parent, vv);
      b = coalesceTables(b, imported, '', merge)!;
    }
    r.ImportValues = outiv;
  }
  if (merge) {
    cvals = deepCopy(cvals);
    c.values = coalesceTables(cvals, b, '', true)!;
  } else {
    c.values = coalesceTables(trimNil(cvals), b, '', false)!;
  }
}

function goSprint(v: unknown): string {
  if (v === undefined || v === null) return '<nil>';
  return String(v);
}

function trimNil(vals: Values): Values {
  const out = deepCopy(vals);
  for (const [k, v] of Object.entries(out)) {
    if (v === null) delete out[k];
    else if (isTable(v)) setKey(out, k, trimNil(v));
  }
  return out;
}

function processDependencyImportValues(c: Chart, merge: boolean, flavor: HelmFlavor): void {
  for (const d of c.dependencies) processDependencyImportValues(d, merge, flavor);
  processImportValues(c, merge, flavor);
}
