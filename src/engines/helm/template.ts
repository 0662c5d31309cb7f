// `helm template` in-process: the same steps as Helm's install action in client-only dry-run mode
// (installable check, declared dependencies present, release name, dependency switching and
// import-values, capabilities, values coalescing and schema validation, rendering, NOTES removal,
// manifest sorting) and the same stdout: CRDs (with --include-crds), manifests, then hooks.
import { chartFullPath, isCompatibleRange, type Chart } from './chart.ts';
import { defaultCapabilities } from './capabilities.ts';
import { coalesceValues, type HelmFlavor, type Values } from './coalesce.ts';
import { processDependencies } from './dependencies.ts';
import type { LookupFunction } from './functions.ts';
import { goPathMatch } from './helmignore.ts';
import { sortManifests, splitManifests, type Hook, type Manifest } from './manifests.ts';
import { renderChartTemplates } from './render.ts';
import { validateValuesAgainstSchemas } from './schema.ts';

export interface TemplateOptions {
  releaseName: string;
  namespace?: string;
  kubeVersion?: string;
  apiVersions?: string[];
  includeCrds?: boolean;
  isUpgrade?: boolean;
  skipTests?: boolean;
  skipSchemaValidation?: boolean;
  /** The Helm version .Capabilities.HelmVersion reports. */
  helmVersion?: string;
  /** Follow Helm v3 (default) or v4 where they differ (null defaults, document splitting, aliases). */
  flavor?: HelmFlavor;
  lookup?: LookupFunction;
}

export interface RenderedRelease {
  crds: Array<{ filename: string; content: string }>;
  manifests: Manifest[];
  hooks: Hook[];
  notes: string;
}

export class TemplateCommandError extends Error {
  /** A log line helm writes to stderr before the error (Helm 4 logs some failures as it returns them). */
  readonly log?: string;
  constructor(message: string, log?: string) {
    super(message);
    this.log = log;
  }
}

const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function validateReleaseName(name: string, flavor: HelmFlavor): void {
  if (name !== '' && name.length <= 53 && RELEASE_NAME.test(name)) return;
  const problem = `release name "${name}": invalid release name, must match regex ${RELEASE_NAME.source} and the length must not be longer than 53`;
  if (flavor === 'v3') throw new TemplateCommandError(problem);
  // slog's text format; JSON string quoting agrees with Go's strconv.Quote for this ASCII text.
  throw new TemplateCommandError(`release name check failed: ${problem}`, `level=ERROR msg="release name check failed" error=${JSON.stringify(problem)}`);
}

function checkInstallable(chart: Chart): void {
  const t = chart.metadata.Type;
  if (t !== '' && t !== 'application') throw new TemplateCommandError(`${t} charts are not installable`);
}

function checkDependencies(chart: Chart, flavor: HelmFlavor): void {
  const present = new Set(chart.dependencies.map((d) => d.metadata.Name));
  const missing = chart.metadata.Dependencies.filter((d) => !present.has(d.Name)).map((d) => d.Name);
  if (missing.length === 0) return;
  const advice = flavor === 'v4'
    ? "an error occurred while checking for chart dependencies. You may need to run 'helm dependency build' to fetch missing dependencies"
    : 'An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies';
  throw new TemplateCommandError(`${advice}: found in Chart.yaml, but missing in charts/ directory: ${missing.join(', ')}`);
}

function crdObjects(chart: Chart): Array<{ filename: string; content: string }> {
  const out: Array<{ filename: string; content: string }> = [];
  for (const f of chart.files) {
    if (f.name.startsWith('crds/') && /\.(ya?ml|json)$/i.test(f.name)) {
      out.push({ filename: `${chartFullPath(chart)}/${f.name}`, content: Buffer.from(f.data).toString('utf8') });
    }
  }
  for (const dep of chart.dependencies) out.push(...crdObjects(dep));
  return out;
}

/** Renders a release the way `helm template` does. Mutates the chart (dependency processing). */
export function renderRelease(chart: Chart, userValues: Values, options: TemplateOptions): RenderedRelease {
  // Helm v4 reads only chart API versions v1 and v2 (v3 charts are behind a feature gate).
  if (options.flavor === 'v4' && !['v1', 'v2'].includes(chart.metadata.APIVersion)) throw new TemplateCommandError('invalid chart apiVersion');
  const flavor = options.flavor ?? 'v3';
  checkInstallable(chart);
  checkDependencies(chart, flavor);
  validateReleaseName(options.releaseName, flavor);
  processDependencies(chart, userValues, flavor);
  const capabilities = defaultCapabilities({ ...options, helmVersion: options.helmVersion ?? (flavor === 'v4' ? 'v4.2.4' : 'v3.21.4') });
  const isUpgrade = options.isUpgrade ?? false;
  const release = {
    Name: options.releaseName,
    Namespace: options.namespace ?? 'default',
    IsUpgrade: isUpgrade,
    IsInstall: !isUpgrade,
    Revision: 1n,
    Service: 'Helm',
  };
  const values = coalesceValues(chart, userValues, flavor);
  if (!options.skipSchemaValidation) validateValuesAgainstSchemas(chart, values);
  if (chart.metadata.KubeVersion !== '' && !isCompatibleRange(chart.metadata.KubeVersion, capabilities.KubeVersion.String())) {
    throw new TemplateCommandError(`chart requires kubeVersion: ${chart.metadata.KubeVersion} which is incompatible with Kubernetes ${capabilities.KubeVersion.String()}`);
  }
  const files = renderChartTemplates(chart, { values, release, capabilities, flavor }, { lookup: options.lookup });
  const notes: string[] = [];
  const rootNotes = `${chart.metadata.Name}/templates/NOTES.txt`;
  for (const [name, content] of [...files]) {
    if (!name.endsWith('NOTES.txt')) continue;
    if (name === rootNotes) notes.push(content);
    files.delete(name);
  }
  const { hooks, manifests } = sortManifests(files, flavor);
  return { crds: options.includeCrds ? crdObjects(chart) : [], manifests, hooks, notes: notes.join('\n') };
}

const isTestHook = (h: Hook) => h.events.includes('test') || h.events.includes('test-success');

export interface OutputOptions {
  skipTests?: boolean;
  /** --no-hooks: leave hooks out. */
  noHooks?: boolean;
  /** --show-only: only documents whose source template matches one of these filepath.Match patterns. */
  showOnly?: string[];
  flavor?: HelmFlavor;
}

/** The stdout of `helm template` for a rendered release. */
export function formatTemplateOutput(rel: RenderedRelease, options: OutputOptions = {}): string {
  let manifest = '';
  for (const crd of rel.crds) manifest += `---\n# Source: ${crd.filename}\n${crd.content}\n`;
  for (const m of rel.manifests) manifest += `---\n# Source: ${m.name}\n${m.content}\n`;
  let out = `${manifest.trim()}\n`;
  for (const h of options.noHooks ? [] : rel.hooks) {
    if (options.skipTests && isTestHook(h)) continue;
    out += `---\n# Source: ${h.path}\n${h.manifest}\n`;
  }
  return options.showOnly && options.showOnly.length > 0 ? selectTemplates(out, options.showOnly, options.flavor) : out;
}

/**
 * --show-only: the output split into documents again, and for each pattern in turn the documents whose
 * `# Source:` path below the chart folder matches it; a pattern matching nothing is an error.
 */
function selectTemplates(output: string, patterns: string[], flavor: HelmFlavor = 'v3'): string {
  const docs = splitManifests(output, flavor);
  let out = '';
  for (const pattern of patterns) {
    let found = false;
    for (const doc of docs) {
      const source = /# Source: [^/\n]+\/(.+)/.exec(doc);
      if (!source || goPathMatch(pattern, source[1]!) !== true) continue;
      out += `---\n${doc}\n`;
      found = true;
    }
    if (!found) throw new TemplateCommandError(`could not find template ${pattern} in chart`);
  }
  return out;
}

