// `kustomize build`: reads a kustomization and everything it points at, runs generators and
// transformers level by level in kustomize's order, then (once, at the top) adds generator hashes,
// rewrites name references, resolves vars and sorts the result.

import { posix } from 'node:path';
import type { JsonObject, JsonValue, Resource, ResourceOrigin } from './resource.ts';
import { describeId, isJsonObject } from './resource.ts';
import type { FileSystem } from './file-system.ts';
import { HttpError, Loader, evalSymlinkFailure, isRemoteTarget } from './loader.ts';
import { cloneSpec, parseRepoSpec } from './remote/repo-spec.ts';
import { FetchingRemoteLoader, RemoteDisabledError, type RemoteFetcher, type RemoteLoader } from './remote/remote-loader.ts';
import { KustomizeError, errorMessage, wrapError } from './errors.ts';
import { loadKustomization } from './kustomization.ts';
import { resourcesFromText } from './resource-files.ts';
import { currentId, idsEqual, matchesAnyId } from './resource-id.ts';
import { defaultTransformerConfig, emptyTransformerConfig, mergeTransformerConfig, transformerConfigFromJson, type TransformerConfig } from './config/transformer-config.ts';
import { parseYamlDocuments } from './yaml/reader.ts';
import { transformerConfigFromCrdDefinitions } from './config/crd-config.ts';
import { generateResources } from './generators/generate.ts';
import { absorbGenerated } from './generators/absorb.ts';
import { fixNameReferences } from './transformers/name-reference.ts';
import { addHashSuffixes } from './transformers/hash-suffix.ts';
import { legacySort, type LegacySortOrder } from './sort.ts';
import { runBuiltinTransformers, runConfiguredTransformer, tracked } from './transformer-steps.ts';
import { runVars } from './helper-steps.ts';
import { addBuildMetadata, type BuildMetadata } from './build-metadata.ts';
import type { MergeSchema } from './patch/merge-schema.ts';
import { mergeSchemaWithOpenApi } from './patch/builtin-schema.ts';
import type { KustomizeVersion, StepSettings } from './version.ts';

interface Accumulator {
  resources: Resource[];
  config: TransformerConfig;
  vars: JsonValue[];
}

export interface BuildOptions {
  /** Keep resources annotated config.kubernetes.io/local-config: "true" (kustomize drops them). */
  includeLocalConfigs?: boolean;
  /** The kustomize release to follow where releases differ (default v5.5.0). */
  kustomizeVersion?: KustomizeVersion;
  /** Where remote bases and http(s) files come from; without it they fail the build (Flux's --no-remote-bases). */
  remote?: RemoteLoader;
}

function emptyAccumulator(): Accumulator {
  return { resources: [], config: emptyTransformerConfig(), vars: [] };
}

function appendResource(acc: Accumulator, res: Resource): void {
  const id = currentId(res);
  if (acc.resources.some((r) => idsEqual(currentId(r), id))) {
    throw new KustomizeError(`may not add resource with an already registered id: ${describeId(id)}`);
  }
  acc.resources.push(res);
}

/** Vars from every level end up in one list; a name may appear only once (kustomize's MergeVars). */
function mergeVars(acc: Accumulator, vars: JsonValue[]): void {
  for (const v of vars) {
    const name = isJsonObject(v) ? v.name : undefined;
    if (acc.vars.some((o) => isJsonObject(o) && o.name === name)) throw new KustomizeError(`var '${String(name)}' already encountered`);
    acc.vars.push(v);
  }
}

function listField(k: JsonObject, field: string): JsonValue[] {
  const v = k[field];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new KustomizeError(`the kustomization field '${field}' must be a list`);
  return v;
}

class Builder {
  readonly fs: FileSystem;
  readonly options: BuildOptions;
  /** buildMetadata of the top kustomization applies to every level. */
  buildMetadata: BuildMetadata = {};
  /** The merge schema from an `openapi:` field: the top kustomization's, else the first level that sets one. */
  schema: MergeSchema | undefined;

  constructor(fs: FileSystem, options: BuildOptions) {
    this.fs = fs;
    this.options = options;
  }

  get settings(): StepSettings {
    return { schema: this.schema, version: this.options.kustomizeVersion ?? 'v5.5.0' };
  }

  useOpenApi(loader: Loader, k: JsonObject): void {
    if (this.schema || !isJsonObject(k.openapi)) return;
    const path = k.openapi.path;
    if (typeof path === 'string' && path !== '') this.schema = mergeSchemaWithOpenApi(loader.load(path), path);
  }

  accumulateTarget(loader: Loader, k: JsonObject, fileName: string, acc: Accumulator, originDir: string): Accumulator {
    this.useOpenApi(loader, k);
    try {
      this.accumulateResources(loader, listField(k, 'resources').map(String), acc, originDir);
    } catch (err) {
      throw wrapError('accumulating resources', err);
    }
    // A failure names the kustomization file it comes from (and, inside, the field).
    const file = posix.join(loader.root, fileName);
    const within = (field: string, run: () => void) => {
      try {
        run();
      } catch (err) {
        throw wrapError(field === '' ? file : `${file}: ${field}`, err);
      }
    };
    within('configurations', () => {
      // The level's own configuration: its files first, the built-in tables merged into them (so a
      // file's spec for a field shadows the built-in one), then added to what the resources brought.
      const paths = listField(k, 'configurations').map(String);
      let level = emptyTransformerConfig();
      for (const path of paths) {
        for (const doc of parseYamlDocuments(loader.loadText(path), path, { yamlVersion: '1.1' })) level = mergeTransformerConfig(level, transformerConfigFromJson(doc, path));
      }
      level = paths.length > 0 ? mergeTransformerConfig(level, defaultTransformerConfig()) : defaultTransformerConfig();
      acc.config = mergeTransformerConfig(acc.config, level);
    });
    within('crds', () => {
      for (const path of listField(k, 'crds').map(String)) {
        const defs = parseYamlDocuments(loader.loadText(path), path)[0] ?? null;
        acc.config = mergeTransformerConfig(acc.config, transformerConfigFromCrdDefinitions(defs, path));
      }
    });
    this.runGenerators(loader, k, acc, originDir, fileName, within);
    // Components come after the level's own generators (so they can merge into them), before its transformers.
    try {
      for (const path of listField(k, 'components').map(String)) this.accumulateComponent(loader, path, acc, originDir);
    } catch (err) {
      throw wrapError('accumulating components', err);
    }
    const list = this.buildMetadata.list ?? [];
    const recorder =
      list.includes('transformerAnnotations') || list.includes('originAnnotations')
        ? { configuredIn: posix.join(originDir, fileName), transformations: list.includes('transformerAnnotations'), ...checkoutOrigin(loader) }
        : undefined;
    within('', () => runBuiltinTransformers(acc.resources, k, loader, acc.config, this.settings, recorder));
    within('transformers', () => {
      for (const { config, origin } of this.pluginConfigs(loader, listField(k, 'transformers'), originDir, fileName)) {
        checkPluginRole(config, 'transformer');
        const pluginRecorder = recorder ? { ...recorder, configuredIn: origin } : undefined;
        tracked(acc.resources, pluginRecorder, configuredBy(config), () => runConfiguredTransformer(acc.resources, config, loader, this.settings, (generated) => this.absorb(acc, generated)));
      }
    });
    if (listField(k, 'validators').length > 0) throw new KustomizeError(`${file}: validators are not supported (no plugins run in a Flux build)`);
    mergeVars(acc, listField(k, 'vars'));
    if (!this.options.includeLocalConfigs) {
      acc.resources = acc.resources.filter((r) => {
        const ann = isJsonObject(r.object.metadata) ? r.object.metadata.annotations : undefined;
        return !(isJsonObject(ann) && ann['config.kubernetes.io/local-config'] === 'true');
      });
    }
    return acc;
  }

  accumulateResources(loader: Loader, paths: string[], acc: Accumulator, originDir: string): void {
    for (const path of paths) {
      const abs = loader.resolve(path);
      const kind = loader.fs.stat(abs);
      if (kind === undefined && isRemoteTarget(path)) {
        this.accumulateRemote(loader, path, acc, originDir);
        continue;
      }
      if (kind === 'file') {
        let text: string;
        try {
          text = loader.loadText(path);
        } catch (err) {
          throw new KustomizeError(`accumulation err='accumulating resources from '${path}': ${errorMessage(err)}'`, { cause: err });
        }
        const origin = { path: posix.join(originDir, path), ...checkoutOrigin(loader) };
        for (const res of resourcesFromText(text, abs, origin.path)) {
          res.origin = { ...origin };
          try {
            appendResource(acc, res);
          } catch (err) {
            throw wrapError(`merging resources from '${path}'`, err);
          }
        }
        continue;
      }
      if (kind === undefined) {
        const missing = evalSymlinkFailure(loader.fs, abs);
        throw new KustomizeError(`accumulation err='accumulating resources from '${path}': ${missing}': must build at directory: not a valid directory: ${missing}`);
      }
      // kustomize tried the folder as a file first, and reports that too.
      const fileError = `accumulating resources from '${path}': '${abs}' must resolve to a file`;
      try {
        this.accumulateBase(loader.child(path), acc, posix.join(originDir, path));
      } catch (err) {
        throw wrapError(`accumulation err='${fileError}'`, err);
      }
    }
  }

  /** Builds a base's kustomization and adds what it produced. */
  accumulateBase(child: Loader, acc: Accumulator, originDir: string): void {
    const { k, fileName } = loadKustomization(child);
    if (k.kind === 'Component') throw new KustomizeError(`expected kind != 'Component' for path '${child.root}'`);
    let sub: Accumulator;
    try {
      sub = this.accumulateTarget(child, k, fileName, emptyAccumulator(), originDir);
    } catch (err) {
      throw wrapError(`recursed accumulation of path '${child.root}'`, err);
    }
    for (const res of sub.resources) appendResource(acc, res);
    acc.config = mergeTransformerConfig(acc.config, sub.config);
    mergeVars(acc, sub.vars);
  }

  /**
   * kustomize's order for a remote entry: load it as a file (an http(s) GET; other URLs fail as a local
   * path), and when that fails, as a kustomization root (a git checkout). Both failures are reported.
   */
  accumulateRemote(loader: Loader, path: string, acc: Accumulator, originDir: string): void {
    let fileError: KustomizeError;
    try {
      const text = loader.loadText(path);
      const origin = repositoryOrigin(path) ?? { path: posix.join(originDir, path) };
      for (const res of resourcesFromText(text, path, origin.path)) appendResource(acc, { ...res, origin: { ...origin } });
      return;
    } catch (err) {
      if (err instanceof RemoteDisabledError) throw err;
      fileError = new KustomizeError(`accumulating resources from '${path}': ${errorMessage(err)}`, { cause: err });
      if (err instanceof HttpError) throw fileError;
    }
    try {
      this.accumulateBase(loader.child(path), acc, repositoryOrigin(path)?.path ?? posix.join(originDir, path));
    } catch (err) {
      if (err instanceof RemoteDisabledError) throw err;
      throw wrapError(`accumulation err='${fileError.message}'`, err);
    }
  }

  accumulateComponent(loader: Loader, path: string, acc: Accumulator, originDir: string): void {
    let child: Loader;
    try {
      child = loader.child(path);
    } catch (err) {
      if (err instanceof RemoteDisabledError) throw err;
      // kustomize quotes the loader's message (Go's %q).
      throw new KustomizeError(`loader.New ${JSON.stringify(errorMessage(err))}`, { cause: err });
    }
    const { k, fileName } = loadKustomization(child);
    if (k.kind !== 'Component') throw new KustomizeError(`expected kind 'Component' for path '${child.root}' but got '${String(k.kind)}'`);
    this.accumulateTarget(child, k, fileName, acc, repositoryOrigin(path)?.path ?? posix.join(originDir, path));
  }

  absorb(acc: Accumulator, generated: Resource, origin?: ResourceOrigin): void {
    if (!generated.origin && origin !== undefined) generated.origin = origin;
    const id = currentId(generated);
    const idx = acc.resources.findIndex((r) => matchesAnyId(r, id));
    const existing = idx >= 0 ? acc.resources[idx] : undefined;
    const merged = absorbGenerated(existing, generated, describeId(id));
    if (idx >= 0) acc.resources[idx] = merged;
    else acc.resources.push(merged);
  }

  runGenerators(loader: Loader, k: JsonObject, acc: Accumulator, originDir: string, fileName: string, within: (field: string, run: () => void) => void): void {
    const kustomizationPath = posix.join(originDir, fileName);
    within('configMapGenerator/secretGenerator', () => {
      for (const generated of generateResources(k, loader)) {
        const kind = generated.object.kind === 'Secret' ? 'SecretGenerator' : 'ConfigMapGenerator';
        this.absorb(acc, generated, { configuredIn: kustomizationPath, configuredBy: { apiVersion: 'builtin', kind } });
      }
    });
    within('generators', () => {
      for (const { config, origin } of this.pluginConfigs(loader, listField(k, 'generators'), originDir, fileName)) {
        checkPluginRole(config, 'generator');
        // What a generator plugin makes comes from its configuration (file or inline entry).
        const from: ResourceOrigin = { configuredIn: origin, configuredBy: configuredBy(config) };
        runConfiguredTransformer(acc.resources, config, loader, this.settings, (generated) => this.absorb(acc, generated, from));
      }
    });
  }

  /** The plugin configurations of a transformers/generators list: inline YAML text, files, or kustomization directories. */
  pluginConfigs(loader: Loader, entries: JsonValue[], originDir: string, fileName: string): Array<{ config: JsonObject; origin: string }> {
    const configs: Array<{ config: JsonObject; origin: string }> = [];
    const inlineOrigin = posix.join(originDir, fileName);
    for (const entry of entries) {
      const text = String(entry);
      if (text.includes('\n') || text.trimStart().startsWith('apiVersion:')) {
        for (const doc of parseYamlDocuments(text, 'inline plugin configuration')) if (isJsonObject(doc)) configs.push({ config: doc, origin: inlineOrigin });
        continue;
      }
      const acc = emptyAccumulator();
      this.accumulateResources(loader, [text], acc, originDir);
      configs.push(...acc.resources.map((r) => ({ config: r.object, origin: r.origin?.path ?? inlineOrigin })));
    }
    return configs;
  }
}

/**
 * kustomize's origin for an entry that names a git repository (an http(s) file URL may too): the path
 * inside the repository, cut from its placeholder "/notCloned/<path>", so the repository's top is
 * "notCloned"; and the repository and ref.
 */
function repositoryOrigin(entry: string): ResourceOrigin & { path: string } | undefined {
  const spec = parseRepoSpec(entry);
  if ('error' in spec) return undefined;
  return { path: spec.kustRootPath || 'notCloned', repo: cloneSpec(spec), ref: spec.ref || undefined };
}

/** The repository and ref of the checkout a loader reads from, for the origins of its resources. */
function checkoutOrigin(loader: Loader): Pick<ResourceOrigin, 'repo' | 'ref'> {
  const spec = loader.containingCheckout?.spec;
  return spec ? { repo: cloneSpec(spec), ref: spec.ref || undefined } : {};
}

const GENERATOR_KINDS = new Set(['ConfigMapGenerator', 'SecretGenerator', 'IAMPolicyGenerator', 'HelmChartInflationGenerator']);

/** kustomize loads a builtin generator only from `generators:` and a builtin transformer only from `transformers:`. */
function checkPluginRole(config: JsonObject, role: 'generator' | 'transformer'): void {
  const kind = String(config.kind ?? '');
  if (config.apiVersion !== 'builtin' || GENERATOR_KINDS.has(kind) === (role === 'generator')) return;
  const md = isJsonObject(config.metadata) ? config.metadata : {};
  throw new KustomizeError(`plugin ${kind}.builtin.[noGrp]/${String(md.name ?? '')}.${String(md.namespace || '[noNs]')} not a ${role}`);
}

/** The plugin a configuration names, as origin and transformation records spell it. */
function configuredBy(config: JsonObject): ResourceOrigin['configuredBy'] {
  const md = isJsonObject(config.metadata) ? config.metadata : {};
  return { apiVersion: String(config.apiVersion ?? ''), kind: String(config.kind ?? ''), name: typeof md.name === 'string' ? md.name : undefined };
}

/** kustomize reads labels and annotations as maps, so a null one disappears from the output. */
function dropNullMetadataMaps(obj: JsonObject): void {
  const md = obj.metadata;
  if (!isJsonObject(md)) return;
  if (md.labels === null) delete md.labels;
  if (md.annotations === null) delete md.annotations;
}

function sortOrderOf(k: JsonObject): { fifo: boolean; legacy?: LegacySortOrder } {
  const so = k.sortOptions;
  if (!isJsonObject(so)) return { fifo: false };
  if (so.order === 'fifo') {
    if (so.legacySortOptions !== undefined) throw new KustomizeError('sortOptions: legacySortOptions may only be set when order is legacy');
    return { fifo: true };
  }
  if (so.order !== 'legacy') throw new KustomizeError(`sortOptions: unknown order '${String(so.order)}', expected legacy or fifo`);
  const lso = so.legacySortOptions;
  if (isJsonObject(lso)) {
    const list = (v: JsonValue | undefined) => (Array.isArray(v) ? v.map(String) : []);
    return { fifo: false, legacy: { orderFirst: list(lso.orderFirst), orderLast: list(lso.orderLast) } };
  }
  return { fifo: false };
}

/** Builds the kustomization in `dir` and returns the resources `kustomize build` would print, in order. */
export function buildKustomization(fs: FileSystem, dir: string, options: BuildOptions = {}): Resource[] {
  const absDir = posix.resolve(dir);
  if (fs.stat(absDir) !== 'dir') throw new KustomizeError(`must build at directory: not a valid directory: '${absDir}'`);
  const loader = new Loader(fs, fs.realPath(absDir), { remote: options.remote });
  const { k, fileName } = loadKustomization(loader);
  const builder = new Builder(fs, options);
  builder.buildMetadata = { list: listField(k, 'buildMetadata').map(String) };
  const acc = builder.accumulateTarget(loader, k, fileName, emptyAccumulator(), '');
  addHashSuffixes(acc.resources);
  fixNameReferences(acc.resources, acc.config.nameReference);
  runVars(acc.resources, acc.vars, acc.config.varReference);
  const order = sortOrderOf(k);
  const sorted = order.fifo ? acc.resources : legacySort(acc.resources, order.legacy);
  addBuildMetadata(sorted, builder.buildMetadata, options.kustomizeVersion ?? 'v5.5.0');
  for (const r of sorted) dropNullMetadataMaps(r.object);
  return sorted;
}

/**
 * buildKustomization that follows remote bases: each time the build needs a checkout or an http(s)
 * file it has not got, it is fetched (asynchronously) and the build starts again; the build is
 * deterministic, so it stops at the same place until everything is there. Checkouts are removed
 * afterwards.
 */
export async function buildKustomizationWithRemotes(fs: FileSystem, dir: string, fetcher: RemoteFetcher, options: Omit<BuildOptions, 'remote'> = {}): Promise<Resource[]> {
  const remote = new FetchingRemoteLoader(fetcher);
  try {
    for (;;) {
      let outcome: { ok: true; resources: Resource[] } | { ok: false; error: unknown };
      try {
        outcome = { ok: true, resources: buildKustomization(fs, dir, { ...options, remote }) };
      } catch (error) {
        outcome = { ok: false, error };
      }
      // Also after a success: a build that went on past a miss may have taken another path.
      if (await remote.fetchPending()) continue;
      if (outcome.ok) return outcome.resources;
      throw outcome.error;
    }
  } finally {
    await remote.releaseAll();
  }
}
