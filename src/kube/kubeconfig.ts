// Reads kubeconfig files the way kubectl does: $KUBECONFIG may list several files, merged so that the
// first file to define a cluster/user/context name (or current-context) wins; relative file paths are
// relative to the file that mentions them; *-data fields are base64 and take precedence over files.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { ConnectionConfig, ExecConfig } from './connection.ts';
import { proxyFromEnvironment } from './env-proxy.ts';

type Entry = Record<string, unknown>;
interface Named {
  value: Entry;
  dir: string;
}

interface Merged {
  clusters: Map<string, Named>;
  users: Map<string, Named>;
  contexts: Map<string, Named>;
  currentContext?: string;
  files: string[];
}

/** The files kubectl would read: an explicit path, else $KUBECONFIG's list, else ~/.kube/config. */
export function kubeconfigPaths(explicit?: string, env: NodeJS.ProcessEnv = process.env): string[] {
  if (explicit) return [resolve(explicit)];
  const list = (env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  return list.length > 0 ? list.map((p) => resolve(p)) : [join(homedir(), '.kube', 'config')];
}

/**
 * Loads the connection for `context` (default: current-context). Returns undefined when none of the
 * files exist, so the caller can fall back to the in-cluster service account. An explicit path that does
 * not exist is an error.
 */
export async function loadKubeconfig(
  opts: { path?: string; context?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ConnectionConfig | undefined> {
  const paths = kubeconfigPaths(opts.path, opts.env);
  const merged: Merged = { clusters: new Map(), users: new Map(), contexts: new Map(), files: [] };
  for (const file of paths) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' && !opts.path) continue;
      throw new Error(`reading kubeconfig ${file}: ${(e as Error).message}`, { cause: e });
    }
    mergeKubeconfig(merged, text, file);
  }
  if (merged.files.length === 0) return undefined;
  return resolveContext(merged, opts.context);
}

/** Parses one kubeconfig text (for tests and for callers that hold the text, not a file). */
export async function parseKubeconfig(text: string, opts: { file: string; context?: string }): Promise<ConnectionConfig> {
  const merged: Merged = { clusters: new Map(), users: new Map(), contexts: new Map(), files: [] };
  mergeKubeconfig(merged, text, opts.file);
  return resolveContext(merged, opts.context);
}

function mergeKubeconfig(into: Merged, text: string, file: string): void {
  let doc: Entry;
  try {
    doc = (parse(text) ?? {}) as Entry;
  } catch (e) {
    throw new Error(`parsing kubeconfig ${file}: ${(e as Error).message}`, { cause: e });
  }
  const dir = dirname(file);
  into.files.push(file);
  const section = (key: string, inner: string, target: Map<string, Named>) => {
    for (const item of (doc[key] as Entry[] | undefined) ?? []) {
      const name = item?.name as string | undefined;
      if (name !== undefined && !target.has(name)) target.set(name, { value: (item[inner] ?? {}) as Entry, dir });
    }
  };
  section('clusters', 'cluster', into.clusters);
  section('users', 'user', into.users);
  section('contexts', 'context', into.contexts);
  if (!into.currentContext && typeof doc['current-context'] === 'string' && doc['current-context']) {
    into.currentContext = doc['current-context'];
  }
}

async function resolveContext(merged: Merged, wanted?: string): Promise<ConnectionConfig> {
  const where = merged.files.join(delimiter);
  const contextName = wanted || merged.currentContext;
  if (!contextName) throw new Error(`kubeconfig ${where} has no current-context; pass a context name`);
  const context = merged.contexts.get(contextName);
  if (!context) throw new Error(`kubeconfig ${where} has no context "${contextName}"`);
  const origin = `context "${contextName}" of ${where}`;

  const clusterName = context.value.cluster as string | undefined;
  const cluster = clusterName === undefined ? undefined : merged.clusters.get(clusterName);
  if (!cluster) throw new Error(`${origin} names cluster "${clusterName ?? ''}", which is not defined`);
  const userName = context.value.user as string | undefined;
  // A context without a user is legal (anonymous access); a named but undefined user is a mistake.
  const user = userName ? merged.users.get(userName) : { value: {}, dir: cluster.dir };
  if (!user) throw new Error(`${origin} names user "${userName}", which is not defined`);

  const c = cluster.value;
  const u = user.value;
  const server = typeof c.server === 'string' ? c.server.replace(/\/+$/, '') : '';
  if (!server) throw new Error(`${origin}: cluster "${clusterName}" has no server`);
  // As client-go: the kubeconfig's proxy-url, else the proxy environment variables.
  const proxyUrl = parseProxyUrl(c['proxy-url'], `${origin}: cluster "${clusterName}"`) ?? proxyFromEnvironment(server);
  if (u['auth-provider']) {
    const name = (u['auth-provider'] as Entry).name;
    throw new Error(`${origin}: auth-provider "${String(name)}" is not supported; configure an exec credential plugin instead`);
  }

  const asUser = u.as as string | undefined;
  return {
    server,
    origin,
    proxyUrl,
    namespace: (context.value.namespace as string | undefined) || 'default',
    tls: {
      ca: await pem(c, 'certificate-authority', cluster.dir, origin),
      cert: await pem(u, 'client-certificate', user.dir, origin),
      key: await pem(u, 'client-key', user.dir, origin),
      insecureSkipVerify: c['insecure-skip-tls-verify'] === true,
      serverName: (c['tls-server-name'] as string | undefined) || undefined,
    },
    auth: {
      token: (u.token as string | undefined) || undefined,
      tokenFile: u.tokenFile ? resolvePath(u.tokenFile as string, user.dir) : undefined,
      username: (u.username as string | undefined) || undefined,
      password: (u.password as string | undefined) || undefined,
      exec: u.exec ? execConfig(u.exec as Entry, user.dir, origin) : undefined,
    },
    impersonate: asUser
      ? {
          user: asUser,
          groups: (u['as-groups'] as string[] | undefined) ?? [],
          uid: (u['as-uid'] as string | undefined) || undefined,
          extra: (u['as-user-extra'] as Record<string, string[]> | undefined) ?? undefined,
        }
      : undefined,
  };
}

/** `<field>-data` (base64) wins over `<field>` (a file path relative to the kubeconfig). */
async function pem(entry: Entry, field: string, dir: string, origin: string): Promise<string | undefined> {
  const data = entry[`${field}-data`];
  if (typeof data === 'string' && data) return Buffer.from(data, 'base64').toString('utf8');
  const file = entry[field];
  if (typeof file !== 'string' || !file) return undefined;
  const path = resolvePath(file, dir);
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new Error(`${origin}: reading ${field} ${path}: ${(e as Error).message}`, { cause: e });
  }
}

function resolvePath(p: string, dir: string): string {
  if (p.startsWith('~/')) return join(homedir(), p.slice(2));
  return isAbsolute(p) ? p : join(dir, p);
}

function execConfig(e: Entry, dir: string, origin: string): ExecConfig {
  const command = e.command as string | undefined;
  if (!command) throw new Error(`${origin}: exec credential plugin has no command`);
  const apiVersion = (e.apiVersion as string | undefined) ?? '';
  if (!/^client\.authentication\.k8s\.io\/(v1|v1beta1)$/.test(apiVersion)) {
    throw new Error(`${origin}: exec plugin apiVersion "${apiVersion}" is not supported (want client.authentication.k8s.io/v1 or v1beta1)`);
  }
  return {
    apiVersion,
    // kubectl resolves a relative command with a path separator against the kubeconfig's folder;
    // a bare name is looked up on PATH.
    command: command.includes('/') ? resolvePath(command, dir) : command,
    args: ((e.args as unknown[] | undefined) ?? []).map(String),
    env: ((e.env as Entry[] | undefined) ?? []).map((v) => ({ name: String(v.name), value: String(v.value ?? '') })),
    interactiveMode: (e.interactiveMode as string | undefined) || undefined,
    provideClusterInfo: e.provideClusterInfo === true,
    installHint: (e.installHint as string | undefined) || undefined,
  };
}

/** The schemes client-go accepts in proxy-url. */
const proxySchemes = ['http:', 'https:', 'socks5:'];

function parseProxyUrl(value: unknown, where: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new Error(`${where}: proxy-url "${String(value)}" is not a URL`);
  }
  if (!proxySchemes.includes(url.protocol)) {
    throw new Error(`${where}: proxy-url "${String(value)}" has scheme ${url.protocol.replace(/:$/, '')}; supported: http, https, socks5`);
  }
  return url.href;
}
