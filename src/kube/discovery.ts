// Discovery and REST mapping: which resource (plural), scope and subresources serve an
// apiVersion+kind. Uses aggregated discovery (two requests for the whole cluster) and falls back to
// legacy per-group-version discovery on servers that do not offer it. The answer is cached; an unknown
// kind triggers one refresh (a CRD may just have been created), shared by concurrent callers.
import { setTimeout as delay } from 'node:timers/promises';
import { UnknownKindError } from './errors.ts';
import type { ResourceMapping } from './types.ts';

/** Fetches JSON from the apiserver with extra headers; provided by the client (errors already typed). */
export type FetchJson = (path: string, accept: string) => Promise<unknown>;

const aggregatedAccept =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,' +
  'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

const minRefreshIntervalMs = 1000;

export class Discovery {
  readonly #fetch: FetchJson;
  readonly #server: string;
  #mappings = new Map<string, ResourceMapping>();
  #refreshing?: Promise<void>;
  #loaded = false;
  #lastStart = 0;

  constructor(fetchJson: FetchJson, server: string) {
    this.#fetch = fetchJson;
    this.#server = server;
  }

  async mapping(apiVersion: string, kind: string): Promise<ResourceMapping> {
    const key = `${apiVersion}/${kind}`;
    let found = this.#mappings.get(key);
    if (found) return found;
    await this.refresh();
    found = this.#mappings.get(key);
    if (!found) throw new UnknownKindError(apiVersion, kind, this.#server);
    return found;
  }

  /** Every mapping discovery currently knows (loads discovery once if needed). */
  async all(): Promise<ResourceMapping[]> {
    if (!this.#loaded) await this.refresh();
    return [...this.#mappings.values()];
  }

  /**
   * Re-reads discovery; concurrent calls share one round of requests, and rounds start at most once per
   * second, so a kind that stays unknown (a CRD not installed yet) cannot flood the apiserver.
   */
  refresh(): Promise<void> {
    this.#refreshing ??= (async () => {
      const wait = this.#lastStart + minRefreshIntervalMs - Date.now();
      if (wait > 0) await delay(wait);
      this.#lastStart = Date.now();
      await this.#load();
    })().finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }

  async #load(): Promise<void> {
    const next = new Map<string, ResourceMapping>();
    for (const root of ['/api', '/apis']) {
      const doc = (await this.#fetch(root, aggregatedAccept)) as { kind?: string };
      if (doc.kind === 'APIGroupDiscoveryList') addAggregated(next, doc as AggregatedList);
      else await this.#addLegacy(next, root, doc);
    }
    this.#mappings = next;
    this.#loaded = true;
  }

  async #addLegacy(into: Map<string, ResourceMapping>, root: string, doc: unknown): Promise<void> {
    const groupVersions =
      root === '/api'
        ? ((doc as { versions?: string[] }).versions ?? []).map((v) => ({ group: '', version: v }))
        : ((doc as LegacyGroupList).groups ?? []).flatMap((g) => g.versions.map((v) => ({ group: g.name, version: v.version })));
    const lists = await Promise.all(
      groupVersions.map(async ({ group, version }) => {
        const path = group ? `/apis/${group}/${version}` : `/api/${version}`;
        try {
          return { group, version, list: (await this.#fetch(path, 'application/json')) as LegacyResourceList };
        } catch {
          // An unavailable aggregated API (metrics-server down) must not hide every other kind.
          return { group, version, list: { resources: [] } };
        }
      }),
    );
    for (const { group, version, list } of lists) addLegacy(into, group, version, list);
  }
}

interface AggregatedList {
  items?: {
    metadata?: { name?: string };
    versions?: {
      version: string;
      resources?: {
        resource: string;
        responseKind?: { kind?: string };
        scope?: 'Namespaced' | 'Cluster';
        verbs?: string[];
        subresources?: { subresource: string }[];
      }[];
    }[];
  }[];
}

function addAggregated(into: Map<string, ResourceMapping>, doc: AggregatedList): void {
  for (const group of doc.items ?? []) {
    const groupName = group.metadata?.name ?? '';
    for (const v of group.versions ?? []) {
      for (const r of v.resources ?? []) {
        const kind = r.responseKind?.kind;
        if (!kind) continue;
        add(into, {
          group: groupName,
          version: v.version,
          kind,
          resource: r.resource,
          namespaced: r.scope === 'Namespaced',
          subresources: (r.subresources ?? []).map((s) => s.subresource),
          verbs: r.verbs ?? [],
        });
      }
    }
  }
}

interface LegacyGroupList {
  groups?: { name: string; versions: { version: string }[] }[];
}
interface LegacyResourceList {
  resources?: { name: string; kind: string; namespaced: boolean; verbs?: string[] }[];
}

function addLegacy(into: Map<string, ResourceMapping>, group: string, version: string, list: LegacyResourceList): void {
  const resources = list.resources ?? [];
  for (const r of resources) {
    if (r.name.includes('/')) continue; // subresources are listed as "deployments/status"
    const prefix = `${r.name}/`;
    add(into, {
      group,
      version,
      kind: r.kind,
      resource: r.name,
      namespaced: r.namespaced,
      subresources: resources.filter((s) => s.name.startsWith(prefix)).map((s) => s.name.slice(prefix.length)),
      verbs: r.verbs ?? [],
    });
  }
}

function add(into: Map<string, ResourceMapping>, m: ResourceMapping): void {
  const key = `${m.group ? `${m.group}/` : ''}${m.version}/${m.kind}`;
  // Several resources can answer with one kind (e.g. a kind served by two plurals); the first listed wins.
  if (!into.has(key)) into.set(key, m);
}

/** Splits `apps/v1` into group and version; `v1` is the core group. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}
