// Helm's rendering engine (engine/engine.go): every template of the chart and its subcharts goes into
// ONE Go template set (parsed deepest path first, so a parent's `define` wins over a subchart's), each
// non-partial file is executed by name with its own chart's view of the data, and `<no value>` is
// blanked as Helm does. include and tpl are bound to the set; errors are reworded as Helm rewords them.
import { TemplateError, TemplateSet } from '../gotemplate/index.ts';
import { setKey, sprigFuncs } from '../sprig/index.ts';
import { mapView, namedMap, typedSlice } from '../gotemplate/values.ts';
import { chartFullPath, isLibraryChart, type Chart, type ChartMetadata, type Dependency, type Maintainer } from './chart.ts';
import type { Capabilities } from './capabilities.ts';
import type { HelmFlavor, Values } from './coalesce.ts';
import { helm4ExecErrorTrace } from './exec-error-trace.ts';
import { Files } from './files.ts';
import { helmFunctions, WARN_END, WARN_START, type LookupFunction } from './functions.ts';

const RECURSION_MAX = 1000;

export class RenderError extends Error {}

export interface RenderInput {
  values: Values;
  release: Record<string, unknown>;
  capabilities: Capabilities;
  /** v4 names the template data's map type common.Values (v3: chartutil.Values) and gives .Chart as a map. */
  flavor?: HelmFlavor;
}

export interface RenderOptions {
  strict?: boolean;
  lookup?: LookupFunction;
}

/** .Chart: chart.Metadata with IsRoot, under Go's field names. */
export class ChartInfo {
  static goTypeName = 'struct { chart.Metadata; IsRoot bool }';
  static jsonTags: Record<string, string> = {
    Name: 'name,omitempty', Home: 'home,omitempty', Sources: 'sources,omitempty', Version: 'version,omitempty',
    Description: 'description,omitempty', Keywords: 'keywords,omitempty', Maintainers: 'maintainers,omitempty',
    Icon: 'icon,omitempty', APIVersion: 'apiVersion,omitempty', Condition: 'condition,omitempty', Tags: 'tags,omitempty',
    AppVersion: 'appVersion,omitempty', Deprecated: 'deprecated,omitempty', Annotations: 'annotations,omitempty',
    KubeVersion: 'kubeVersion,omitempty', Dependencies: 'dependencies,omitempty', Type: 'type,omitempty',
  };
  Name: string;
  Home: string;
  Sources: string[];
  Version: string;
  Description: string;
  Keywords: string[];
  Maintainers: MaintainerInfo[];
  Icon: string;
  APIVersion: string;
  Condition: string;
  Tags: string;
  AppVersion: string;
  Deprecated: boolean;
  Annotations: Record<string, string>;
  KubeVersion: string;
  Dependencies: DependencyInfo[];
  Type: string;
  IsRoot: boolean;
  constructor(md: ChartMetadata, isRoot: boolean) {
    this.Name = md.Name;
    this.Home = md.Home;
    this.Sources = typedSlice([...md.Sources], '[]string');
    this.Version = md.Version;
    this.Description = md.Description;
    this.Keywords = typedSlice([...md.Keywords], '[]string');
    this.Maintainers = typedSlice(md.Maintainers.map((m) => new MaintainerInfo(m)), '[]*chart.Maintainer');
    this.Icon = md.Icon;
    this.APIVersion = md.APIVersion;
    this.Condition = md.Condition;
    this.Tags = md.Tags;
    this.AppVersion = md.AppVersion;
    this.Deprecated = md.Deprecated;
    this.Annotations = md.Annotations;
    this.KubeVersion = md.KubeVersion;
    this.Dependencies = typedSlice(md.Dependencies.map((d) => new DependencyInfo(d)), '[]*chart.Dependency');
    this.Type = md.Type;
    this.IsRoot = isRoot;
  }
}

/**
 * Helm v4's .Chart: the metadata struct turned into a map by reflection (structToMap): Go field names,
 * every field present, slices as []interface{} (empty rather than nil), nested structs as maps.
 */
function chartMetadataMap(md: ChartMetadata, isRoot: boolean): Record<string, unknown> {
  return {
    Name: md.Name, Home: md.Home, Sources: [...md.Sources], Version: md.Version, Description: md.Description,
    Keywords: [...md.Keywords],
    Maintainers: md.Maintainers.map((m) => ({ Name: m.Name, Email: m.Email, URL: m.URL })),
    Icon: md.Icon, APIVersion: md.APIVersion, Condition: md.Condition, Tags: md.Tags, AppVersion: md.AppVersion,
    Deprecated: md.Deprecated,
    // map[string]string kept as is: nil when Chart.yaml has none.
    Annotations: Object.keys(md.Annotations).length === 0 ? null : md.Annotations,
    KubeVersion: md.KubeVersion,
    Dependencies: md.Dependencies.map((d) => ({
      Name: d.Name, Version: d.Version, Repository: d.Repository, Condition: d.Condition, Tags: [...d.Tags],
      Enabled: d.Enabled, ImportValues: [...d.ImportValues], Alias: d.Alias,
    })),
    Type: md.Type,
    IsRoot: isRoot,
  };
}

export class MaintainerInfo {
  static goTypeName = '*chart.Maintainer';
  static jsonTags: Record<string, string> = { Name: 'name,omitempty', Email: 'email,omitempty', URL: 'url,omitempty' };
  Name: string;
  Email: string;
  URL: string;
  constructor(m: Maintainer) {
    this.Name = m.Name;
    this.Email = m.Email;
    this.URL = m.URL;
  }
}

export class DependencyInfo {
  static goTypeName = '*chart.Dependency';
  static jsonTags: Record<string, string> = {
    Name: 'name', Version: 'version,omitempty', Repository: 'repository', Condition: 'condition,omitempty',
    Tags: 'tags,omitempty', Enabled: 'enabled,omitempty', ImportValues: 'import-values,omitempty', Alias: 'alias,omitempty',
  };
  Name: string;
  Version: string;
  Repository: string;
  Condition: string;
  Tags: string[];
  Enabled: boolean;
  ImportValues: unknown[];
  Alias: string;
  constructor(d: Dependency) {
    this.Name = d.Name;
    this.Version = d.Version;
    this.Repository = d.Repository;
    this.Condition = d.Condition;
    this.Tags = typedSlice([...d.Tags], '[]string');
    this.Enabled = d.Enabled;
    this.ImportValues = d.ImportValues;
    this.Alias = d.Alias;
  }
}

interface Renderable { tpl: string; vals: Record<string, unknown>; basePath: string }

function tableAt(v: Values, name: string): Values | undefined {
  const t = v[name];
  return t !== null && typeof t === 'object' && !Array.isArray(t) ? (t as Values) : undefined;
}

function allTemplates(chart: Chart, input: RenderInput): Map<string, Renderable> {
  const templates = new Map<string, Renderable>();
  const v4 = input.flavor === 'v4';
  const valuesType = v4 ? 'common.Values' : 'chartutil.Values';
  // Helm hands templates its data, .Values and .Template as the named map type; .Subcharts holds the
  // same maps through map[string]interface{} variables, so there they print as plain maps.
  const rec = (c: Chart, parentValues: Values, isRoot: boolean): Record<string, unknown> => {
    const subcharts: Record<string, unknown> = {};
    const next: Record<string, unknown> = namedMap({
      Chart: v4 ? chartMetadataMap(c.metadata, isRoot) : new ChartInfo(c.metadata, isRoot),
      Files: Files.fromChartFiles(c.files),
      Release: input.release,
      Capabilities: input.capabilities,
      // A subchart's table stays a plain map inside its parent's values.
      Values: isRoot ? namedMap(parentValues, valuesType) : mapView(tableAt(parentValues, c.metadata.Name) ?? {}, valuesType),
      Subcharts: subcharts,
    }, valuesType);
    for (const child of c.dependencies) setKey(subcharts, child.metadata.Name, mapView(rec(child, next.Values as Values, false), undefined));
    const prefix = chartFullPath(c);
    for (const t of c.templates) {
      const base = t.name.slice(t.name.lastIndexOf('/') + 1);
      if (isLibraryChart(c) && !base.startsWith('_')) continue;
      templates.set(`${prefix}/${t.name}`, { tpl: Buffer.from(t.data).toString('utf8'), vals: next, basePath: `${prefix}/templates` });
    }
    return next;
  };
  rec(chart, input.values, true);
  return templates;
}

const slashCount = (s: string) => s.split('/').length - 1;

/** Helm's parse order: deepest paths first, and within one depth reverse lexical order. */
export function sortTemplateNames(names: string[]): string[] {
  return [...names].sort((a, b) => {
    const ca = slashCount(a);
    const cb = slashCount(b);
    if (ca !== cb) return cb - ca;
    return a < b ? 1 : a > b ? -1 : 0;
  });
}

function bindTemplateFunctions(set: TemplateSet, includedNames: Map<string, number>, strict: boolean): void {
  set.funcs({
    include: (name: string, data: unknown) => {
      const n = includedNames.get(name) ?? 0;
      if (n > RECURSION_MAX) throw new Error(`rendering template has a nested reference name: ${name}: unable to execute template`);
      includedNames.set(name, n + 1);
      try {
        return set.execute(name, data);
      } finally {
        includedNames.set(name, (includedNames.get(name) ?? 1) - 1);
      }
    },
    tpl: (text: string, vals: unknown) => {
      const clone = set.clone();
      bindTemplateFunctions(clone, includedNames, strict);
      try {
        clone.parse('gotpl', text);
      } catch (err) {
        throw new Error(`cannot parse template ${goQuote(text)}: ${(err as Error).message}`);
      }
      let out: string;
      try {
        out = clone.execute('gotpl', vals, { missingKey: strict ? 'error' : 'zero' });
      } catch (err) {
        throw new Error(`error during tpl function execution for ${goQuote(text)}: ${(err as Error).message}`);
      }
      return out.replaceAll('<no value>', '');
    },
  });
}

function goQuote(s: string): string {
  return JSON.stringify(s);
}

function parseErrorMessage(filename: string, err: Error): string {
  const tokens = err.message.split(': ');
  if (tokens.length === 1) return `parse error in (${filename}): ${err.message}`;
  return `parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`;
}

const warnRegex = new RegExp(`${WARN_START}([\\s\\S]*)${WARN_END}`);

function execErrorMessage(filename: string, err: Error, flavor: HelmFlavor | undefined): string {
  const msg = err.message;
  const first = msg.indexOf(': ');
  const second = first < 0 ? -1 : msg.indexOf(': ', first + 2);
  if (first < 0 || second < 0) return `execution error in (${filename}): ${msg}`;
  const location = msg.slice(first + 2, second);
  const parts = warnRegex.exec(msg.slice(second + 2));
  if (parts) return `execution error at (${location}): ${parts[1]}`;
  return (flavor === 'v4' ? helm4ExecErrorTrace(err) : undefined) ?? msg;
}

/** Engine.Render: rendered text of every non-partial template, by full template name. */
export function renderChartTemplates(chart: Chart, input: RenderInput, options: RenderOptions = {}): Map<string, string> {
  const strict = options.strict ?? false;
  const set = new TemplateSet({ name: 'gotpl', missingKey: strict ? 'error' : 'zero' });
  set.funcs(sprigFuncs());
  set.funcs(helmFunctions(options.lookup));
  bindTemplateFunctions(set, new Map(), strict);

  const templates = allTemplates(chart, input);
  const names = sortTemplateNames([...templates.keys()]);
  for (const name of names) {
    try {
      set.parse(name, templates.get(name)!.tpl);
    } catch (err) {
      throw new RenderError(parseErrorMessage(name, err as Error));
    }
  }
  const rendered = new Map<string, string>();
  for (const name of names) {
    if (name.slice(name.lastIndexOf('/') + 1).startsWith('_')) continue;
    const r = templates.get(name)!;
    r.vals.Template = namedMap({ Name: name, BasePath: r.basePath }, input.flavor === 'v4' ? 'common.Values' : 'chartutil.Values');
    let out: string;
    try {
      out = set.execute(name, r.vals);
    } catch (err) {
      if (err instanceof TemplateError && err.kind === 'exec') throw new RenderError(execErrorMessage(name, err, input.flavor));
      if (err instanceof TemplateError) throw new RenderError(err.message);
      throw new RenderError(`rendering template failed: ${(err as Error).message}`);
    }
    rendered.set(name, out.replaceAll('<no value>', ''));
  }
  return rendered;
}
