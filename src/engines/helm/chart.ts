// The in-memory chart, as Helm's pkg/chart models it: metadata from Chart.yaml (typed as Helm types it,
// so a number in a string field becomes its Go text), values, schema, templates, other files and the
// subcharts. Field names follow Go's, because templates read them (`.Chart.AppVersion`).
import { parseConstraint, satisfies, tryParseVersion } from '../semver/index.ts';
import { setKey } from '../sprig/index.ts';
import { decodeGoYamlV2, formatFloat32, toJsonModel, type GoYamlValue } from './go-yaml-decode.ts';

export interface ChartFile { name: string; data: Uint8Array }

export interface Maintainer { Name: string; Email: string; URL: string }

export interface Dependency {
  Name: string;
  Version: string;
  Repository: string;
  Condition: string;
  Tags: string[];
  Enabled: boolean;
  ImportValues: unknown[];
  Alias: string;
}

export interface ChartMetadata {
  Name: string;
  Home: string;
  Sources: string[];
  Version: string;
  Description: string;
  Keywords: string[];
  Maintainers: Maintainer[];
  Icon: string;
  APIVersion: string;
  Condition: string;
  Tags: string;
  AppVersion: string;
  Deprecated: boolean;
  Annotations: Record<string, string>;
  KubeVersion: string;
  Dependencies: Dependency[];
  Type: string;
}

export interface Chart {
  metadata: ChartMetadata;
  /** values.yaml, already in Helm's JSON model (numbers are float64). */
  values: Record<string, unknown>;
  schema?: Uint8Array;
  templates: ChartFile[];
  files: ChartFile[];
  dependencies: Chart[];
  parent?: Chart;
}

export class ChartLoadError extends Error {}

export function chartName(c: Chart): string {
  return c.metadata.Name;
}

/** ChartFullPath: `parent/charts/child`, the prefix of template names and `# Source:` lines. */
export function chartFullPath(c: Chart): string {
  return c.parent ? `${chartFullPath(c.parent)}/charts/${c.metadata.Name}` : c.metadata.Name;
}

export function isLibraryChart(c: Chart): boolean {
  return c.metadata.Type.toLowerCase() === 'library';
}

// ---- Chart.yaml decoding into Go's typed struct (through sigs.k8s.io/yaml) ----

function asString(v: GoYamlValue | undefined, field: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return formatFloat32(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  throw new ChartLoadError(`cannot load Chart.yaml: error unmarshaling JSON: json: cannot unmarshal ${Array.isArray(v) ? 'array' : 'object'} into Go struct field Metadata.${field} of type string`);
}

function asStringList(v: GoYamlValue | undefined, field: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new ChartLoadError(`cannot load Chart.yaml: error unmarshaling JSON: json: cannot unmarshal into Go struct field Metadata.${field} of type []string`);
  return v.map((x) => asString(x, field));
}

function asObject(v: GoYamlValue | undefined): Record<string, GoYamlValue> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {};
}

function asBool(v: GoYamlValue | undefined): boolean {
  return v === true;
}

function parseDependency(raw: GoYamlValue): Dependency {
  const d = asObject(raw);
  const importValues = d['import-values'];
  return {
    Name: asString(d.name, 'name'),
    Version: asString(d.version, 'version'),
    Repository: asString(d.repository, 'repository'),
    Condition: asString(d.condition, 'condition'),
    Tags: asStringList(d.tags, 'tags'),
    Enabled: asBool(d.enabled),
    ImportValues: Array.isArray(importValues) ? importValues.map((v) => toJsonModel(v)) : [],
    Alias: asString(d.alias, 'alias'),
  };
}

/** Chart.yaml (and, for apiVersion v1, requirements.yaml) decoded as Helm's Metadata struct. */
export function parseChartMetadata(text: string, into?: ChartMetadata): ChartMetadata {
  let doc: GoYamlValue;
  try {
    doc = decodeGoYamlV2(text);
  } catch (err) {
    throw new ChartLoadError(`cannot load Chart.yaml: error converting YAML to JSON: ${(err as Error).message}`);
  }
  const m = asObject(doc);
  const md: ChartMetadata = into ?? {
    Name: '', Home: '', Sources: [], Version: '', Description: '', Keywords: [], Maintainers: [], Icon: '',
    APIVersion: '', Condition: '', Tags: '', AppVersion: '', Deprecated: false, Annotations: {}, KubeVersion: '',
    Dependencies: [], Type: '',
  };
  const str = (key: string, field: keyof ChartMetadata) => {
    if (Object.hasOwn(m, key)) (md[field] as string) = asString(m[key], key);
  };
  str('name', 'Name');
  str('home', 'Home');
  str('version', 'Version');
  str('description', 'Description');
  str('icon', 'Icon');
  str('apiVersion', 'APIVersion');
  str('condition', 'Condition');
  str('tags', 'Tags');
  str('appVersion', 'AppVersion');
  str('kubeVersion', 'KubeVersion');
  str('type', 'Type');
  if (Object.hasOwn(m, 'sources')) md.Sources = asStringList(m.sources, 'sources');
  if (Object.hasOwn(m, 'keywords')) md.Keywords = asStringList(m.keywords, 'keywords');
  if (Object.hasOwn(m, 'deprecated')) md.Deprecated = asBool(m.deprecated);
  if (Object.hasOwn(m, 'annotations')) {
    md.Annotations = {};
    for (const [k, v] of Object.entries(asObject(m.annotations))) setKey(md.Annotations, k, asString(v, 'annotations'));
  }
  if (Object.hasOwn(m, 'maintainers') && Array.isArray(m.maintainers)) {
    md.Maintainers = m.maintainers.map((raw) => {
      const o = asObject(raw);
      return { Name: asString(o.name, 'name'), Email: asString(o.email, 'email'), URL: asString(o.url, 'url') };
    });
  }
  if (Object.hasOwn(m, 'dependencies') && Array.isArray(m.dependencies)) md.Dependencies = m.dependencies.map(parseDependency);
  return md;
}

// Helm strips control characters from free-text metadata fields before validating.
function sanitize(s: string): string {
  return s.replace(/[\p{Cc}\p{Cf}]/gu, (c) => (/\s/.test(c) ? ' ' : ''));
}

/** Metadata.Validate, with Helm's messages. */
export function validateChartMetadata(md: ChartMetadata): void {
  md.Name = sanitize(md.Name);
  md.Description = sanitize(md.Description);
  md.AppVersion = sanitize(md.AppVersion);
  md.KubeVersion = sanitize(md.KubeVersion);
  const fail = (msg: string): never => {
    throw new ChartLoadError(`validation: ${msg}`);
  };
  if (md.APIVersion === '') fail('chart.metadata.apiVersion is required');
  if (md.Name === '') fail('chart.metadata.name is required');
  if (md.Name === '.' || md.Name === '..') fail(`chart.metadata.name "${md.Name}" is not allowed`);
  if (md.Name.includes('/')) fail(`chart.metadata.name "${md.Name}" is invalid`);
  if (md.Version === '') fail('chart.metadata.version is required');
  if (!tryParseVersion(md.Version)) fail(`chart.metadata.version "${md.Version}" is invalid`);
  if (!['', 'application', 'library'].includes(md.Type)) fail('chart.metadata.type must be application or library');
  const seen = new Set<string>();
  for (const d of md.Dependencies) {
    if (d.Alias !== '' && !/^[a-zA-Z0-9_-]+$/.test(d.Alias)) fail(`dependency "${d.Name}" has disallowed characters in the alias`);
    const key = d.Alias || d.Name;
    if (seen.has(key)) fail(`more than one dependency with name or alias "${key}"`);
    seen.add(key);
  }
}

/** chartutil.IsCompatibleRange: whether a version satisfies a Masterminds constraint; false when either is invalid. */
export function isCompatibleRange(constraint: string, version: string): boolean {
  const v = tryParseVersion(version);
  if (!v) return false;
  try {
    return satisfies(v, parseConstraint(constraint));
  } catch {
    return false;
  }
}
