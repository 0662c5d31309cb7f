// Which `resources:`/`components:` entries kustomize v5.5 treats as git repositories, and how it splits
// one into what `git fetch` gets (host + repository path), the kustomization folder inside the checkout,
// and the query options (ref/version, timeout, submodules). Follows kustomize's rules: a scheme
// (ssh, https, http, file) or an scp-style `user@host:` or a bare `github.com/`; the repository ends
// at `_git/<name>`, at `//`, at `.git`, or else after two path segments (all of them for file://).
import { posix } from 'node:path';

export interface RepoSpec {
  /** The entry as written, used for cycle detection. */
  raw: string;
  /** Scheme, user and host, e.g. `https://github.com/` or `git@host:`. */
  host: string;
  /** The repository path under the host, e.g. `org/repo.git`. */
  repoPath: string;
  /** The kustomization folder inside the checkout ('' for its top). */
  kustRootPath: string;
  /** The ref to fetch ('' for the remote HEAD). */
  ref: string;
  timeoutMs: number;
  submodules: boolean;
}

/** What `git fetch` is given: host and repository path. */
export function cloneSpec(spec: RepoSpec): string {
  return spec.host + spec.repoPath;
}

const DEFAULT_TIMEOUT_MS = 27_000;
const SCHEMES = ['ssh://', 'https://', 'http://', 'file://'];

/** The spec, or the reason kustomize would not take `entry` for a git repository. */
export function parseRepoSpec(entry: string): RepoSpec | { error: string } {
  if (entry.startsWith('/')) return { error: `uri looks like abs path: ${entry}` };
  const q = entry.indexOf('?');
  const beforeQuery = q >= 0 ? entry.slice(0, q) : entry;
  const query = parseQuery(q >= 0 ? entry.slice(q + 1) : '');
  const host = splitHost(beforeQuery);
  if ('error' in host) return host;
  const parts = splitPath(host.rest, host.host.startsWith('file://'));
  if ('error' in parts) return parts;
  return { raw: entry, host: host.host, ...parts, ...query };
}

export function isRepoSpec(entry: string): boolean {
  return !('error' in parseRepoSpec(entry));
}

/** kustomize fetches http(s) URLs (of any entry it loads as a file) over HTTP. */
export function isRemoteFile(entry: string): boolean {
  return /^https?:\/\//i.test(entry) && URL.canParse(entry);
}

function withoutPrefix(s: string, prefix: string): string | undefined {
  return s.slice(0, prefix.length).toLowerCase() === prefix ? s.slice(prefix.length) : undefined;
}

function splitHost(entry: string): { host: string; rest: string } | { error: string } {
  // kustomize strips a forced `git::` protocol (with a warning on its log).
  let n = withoutPrefix(entry, 'git::') ?? entry;
  let scheme = '';
  for (const s of SCHEMES) {
    const rest = withoutPrefix(n, s);
    if (rest !== undefined) {
      scheme = s;
      n = rest;
      break;
    }
  }
  const user = /^[a-zA-Z][a-zA-Z0-9-]*@/.exec(n)?.[0] ?? '';
  n = n.slice(user.length);
  const github = /^github\.com[/:]/i.test(n);
  const scpStyle = scheme === '' && (user !== '' || github);
  if (scheme === '' && !scpStyle) return { error: 'failed to parse scheme' };
  if (scheme === 'file://') return { host: scheme, rest: user + n };
  let sep = n.indexOf('/');
  if (scpStyle) {
    const colon = n.indexOf(':');
    if (sep === -1 || (colon > 0 && colon < sep)) sep = colon;
  }
  let host = sep >= 0 ? n.slice(0, sep + 1) : n;
  const rest = sep >= 0 ? n.slice(sep + 1) : '';
  if (github) {
    // Every spelling of github.com becomes its https or scp-style ssh form.
    if (scheme === 'ssh://' || user !== '') {
      scheme = '';
      host = 'github.com:';
    } else {
      scheme = 'https://';
      host = 'github.com/';
    }
  }
  if (host === '') return { error: 'failed to parse host segment' };
  return { host: scheme + user + host, rest };
}

function splitPath(n: string, isFile: boolean): { repoPath: string; kustRootPath: string } | { error: string } {
  let split: [string, string] | undefined;
  const gitRoot = n.indexOf('_git/');
  const doubleSlash = n.indexOf('//');
  const dotGit = n.indexOf('.git');
  if (gitRoot >= 0) {
    const [name = '', ...sub] = n.slice(gitRoot + 5).split('/');
    split = [n.slice(0, gitRoot + 5) + name, sub.join('/')];
  } else if (doubleSlash >= 0) {
    split = [n.slice(0, doubleSlash), n.slice(doubleSlash + 2)];
  } else if (dotGit >= 0) {
    split = [n.slice(0, dotGit + 4), n.slice(dotGit + 4)];
  } else if (isFile) {
    split = [n, ''];
  } else {
    const segments = n.split('/');
    if (segments.length >= 2) split = [segments.slice(0, 2).join('/'), segments.slice(2).join('/')];
  }
  if (!split || split[0] === '') return { error: 'failed to parse repo path segment' };
  const [repoPath, sub] = split;
  // Only whether the cleaned path leaves the repo matters; posix.normalize agrees with Go's Clean on that.
  const first = posix.normalize(sub.replace(/^\//, '')).split('/')[0];
  if (first === '..') return { error: `url path exits repo: ${n}` };
  return { repoPath, kustRootPath: sub.replace(/^\//, '') };
}

function parseQuery(query: string): { ref: string; timeoutMs: number; submodules: boolean } {
  const values = new URLSearchParams(query);
  const ref = values.get('ref') || values.get('version') || '';
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  const timeout = values.get('timeout') ?? '';
  if (/^\+?\d+$/.test(timeout) && Number(timeout) > 0) timeoutMs = Number(timeout) * 1000;
  else if (timeout !== '') timeoutMs = parseDurationMs(timeout) ?? timeoutMs;
  let submodules = true;
  const sub = values.get('submodules');
  if (sub !== null && /^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/.test(sub)) submodules = /^(1|t|T|TRUE|true|True)$/.test(sub);
  return { ref, timeoutMs, submodules };
}

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A positive Go duration (`90s`, `1m30s`, `1.5m`) in milliseconds, or undefined. */
function parseDurationMs(text: string): number | undefined {
  const parts = [...text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined;
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]!]!, 0);
  return ms > 0 ? ms : undefined;
}

/** A duration printed as Go prints a time.Duration of whole milliseconds (27s, 1m30s, 1.5s, 2h0m0s). */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const seconds = `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`;
  if (h > 0) return `${h}h${m}m${seconds}`;
  if (m > 0) return `${m}m${seconds}`;
  return seconds;
}
