// Reading the key/value pairs of a configMapGenerator or secretGenerator entry, with kustomize's rules
// (api/kv): env files first, then literals, then files; later duplicates are an error.

/** Reads a file relative to the kustomization being built, enforcing the loader's restrictions. */
export type LoadFile = (path: string) => Uint8Array;

export interface KvSources {
  literals?: string[];
  files?: string[];
  envs?: string[];
}

/** A value is text when its bytes are valid UTF-8, otherwise raw bytes (ConfigMaps put those in binaryData). */
export type KvValue = { text: string } | { bytes: Uint8Array };

export interface KvPair {
  key: string;
  value: KvValue;
}

export function loadKvPairs(sources: KvSources, load: LoadFile): KvPair[] {
  const pairs: KvPair[] = [];
  for (const envPath of sources.envs ?? []) {
    try {
      pairs.push(...parseEnvFile(load(envPath)));
    } catch (err) {
      throw new Error(`env source files: [${(sources.envs ?? []).join(' ')}]: ${errorMessage(err)}`, { cause: err });
    }
  }
  for (const literal of sources.literals ?? []) pairs.push(parseLiteral(literal, sources.literals ?? []));
  for (const fileSource of sources.files ?? []) {
    const { key, path } = parseFileSource(fileSource, sources.files ?? []);
    pairs.push({ key, value: decodeValue(load(path)) });
  }
  return pairs;
}

function parseLiteral(source: string, all: string[]): KvPair {
  const eq = source.indexOf('=');
  if (eq <= 0) {
    throw new Error(`literal sources [${all.join(' ')}]: invalid literal source ${source}, expected key=value`);
  }
  return { key: source.slice(0, eq), value: { text: removeMatchingQuotes(source.slice(eq + 1)) } };
}

function removeMatchingQuotes(s: string): string {
  if (s.length < 2 || s[0] !== s[s.length - 1]) return s;
  return s[0] === '"' || s[0] === "'" ? s.slice(1, -1) : s;
}

/** `path` takes the key from the file's base name; `key=path` renames it. */
export function parseFileSource(source: string, all: string[] = [source]): { key: string; path: string } {
  const prefix = `file sources: [${all.join(' ')}]`;
  const separators = source.split('=').length - 1;
  if (separators === 0) return { key: baseName(source), path: source };
  if (separators > 1) throw new Error(`${prefix}: source "${source}" key name or file path contains '='`);
  const [key = '', path = ''] = source.split('=');
  if (key === '') throw new Error(`${prefix}: missing key name for file path "${path}" in source "${source}"`);
  if (path === '') throw new Error(`${prefix}: missing file path for key name "${key}" in source "${source}"`);
  return { key, path };
}

// Go's path.Base: the last element after trimming trailing slashes.
function baseName(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return p === '' ? '.' : '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeValue(bytes: Uint8Array): KvValue {
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    return { bytes };
  }
}

// Go's unicode.IsSpace set, which kustomize trims from the start of each env line (JS's trimStart
// would also strip U+FEFF).
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/**
 * Env files: one KEY=VALUE per line; blank lines and lines starting with # are skipped; a line without
 * `=` gives an empty value; the value is kept verbatim (no quote removal, no trailing trim).
 */
export function parseEnvFile(content: Uint8Array): KvPair[] {
  const pairs: KvPair[] = [];
  const lines = splitLines(content);
  lines.forEach((raw, index) => {
    let line: string;
    try {
      line = utf8.decode(raw);
    } catch {
      throw new Error(`line ${index} has invalid utf8 bytes`);
    }
    if (index === 0 && line.startsWith('\ufeff')) line = line.slice(1);
    line = line.replace(GO_SPACE, '');
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (key === '') return;
    pairs.push({ key, value: { text: eq < 0 ? '' : line.slice(eq + 1) } });
  });
  return pairs;
}

// bufio.ScanLines: split on \n, drop one trailing \r, no empty token after a final newline.
function splitLines(content: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= content.length; i++) {
    if (i < content.length && content[i] !== 0x0a) continue;
    if (i === content.length && start === content.length) break;
    let end = i;
    if (end > start && content[end - 1] === 0x0d) end--;
    lines.push(content.subarray(start, end));
    start = i + 1;
  }
  return lines;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
