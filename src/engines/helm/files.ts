// .Files: the chart's non-template files (engine/files.go), a map of name → bytes with Get, GetBytes,
// Glob (gobwas/glob with '/' as separator: `*` stays within a folder, `**` crosses folders), Lines,
// AsConfig and AsSecrets (YAML maps of base names, as ConfigMap/Secret data).
import { setKey } from '../sprig/index.ts';
import { marshalGoYaml } from './go-yaml-encode.ts';
import type { ChartFile } from './chart.ts';

export class Files extends Map<string, Uint8Array> {
  static goTypeName = 'engine.files';

  static fromChartFiles(list: ChartFile[]): Files {
    const f = new Files();
    for (const file of list) f.set(file.name, file.data);
    return f;
  }

  GetBytes(name: string): Uint8Array {
    return this.get(name) ?? new Uint8Array();
  }

  Get(name: string): string {
    return Buffer.from(this.GetBytes(name)).toString('utf8');
  }

  Glob(pattern: string): Files {
    const re = globToRegExp(pattern) ?? /^.*$/s;
    const out = new Files();
    for (const [name, data] of this) if (re.test(name)) out.set(name, data);
    return out;
  }

  AsConfig(): string {
    const m: Record<string, string> = {};
    for (const [name, data] of this) setKey(m, baseName(name), Buffer.from(data).toString('utf8'));
    return trimNewline(marshalGoYaml(m));
  }

  AsSecrets(): string {
    const m: Record<string, string> = {};
    for (const [name, data] of this) setKey(m, baseName(name), Buffer.from(data).toString('base64'));
    return trimNewline(marshalGoYaml(m));
  }

  Lines(path: string): string[] {
    const data = this.get(path);
    if (!data || data.length === 0) return [];
    let s = Buffer.from(data).toString('utf8');
    if (s.endsWith('\n')) s = s.slice(0, -1);
    return s.split('\n');
  }
}

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const trimNewline = (s: string) => (s.endsWith('\n') ? s.slice(0, -1) : s);

/** gobwas/glob syntax compiled to a RegExp; undefined when the pattern does not compile. */
export function globToRegExp(pattern: string): RegExp | undefined {
  let re = '';
  let depth = 0;
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\\') {
      const next = chars[++i];
      if (next === undefined) return undefined;
      re += escape(next);
    } else if (c === '*') {
      if (chars[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = chars.indexOf(']', i + 1);
      if (end < 0) return undefined;
      let body = chars.slice(i + 1, end).join('');
      const negated = body.startsWith('!');
      if (negated) body = body.slice(1);
      re += `[${negated ? '^' : ''}${body.replace(/[\\\]^]/g, (m) => `\\${m}`)}]`;
      i = end;
    } else if (c === '{') {
      depth++;
      re += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      re += ')';
    } else if (c === ',' && depth > 0) re += '|';
    else re += escape(c);
  }
  if (depth !== 0) return undefined;
  return new RegExp(`^${re}$`, 's');
}

function escape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, (m) => `\\${m}`);
}
