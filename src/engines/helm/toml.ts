// toToml and fromToml as Helm defines them with BurntSushi/toml. toToml: the Encoder. Keys sorted, plain values before tables, nested
// tables and their keys indented two spaces per level, floats always with a decimal point or exponent,
// nil values skipped; an encoding error becomes the output text, as in Helm.
import { parse as parseToml } from 'smol-toml';
import { GoNumber, int64 } from '../gotemplate/values.ts';
import { setKey } from '../sprig/index.ts';
import { isTable } from './coalesce.ts';
import { formatFloat } from '../gotemplate/float-format.ts';

class TomlError extends Error {}

const quoteReplacements: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };

function quote(s: string): string {
  let out = '"';
  for (const c of s) {
    const r = quoteReplacements[c];
    if (r !== undefined) out += r;
    else if (c < ' ' || c === '\x7f') out += `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return `${out}"`;
}

const keyPart = (k: string) => (k === '' ? '""' : /^[A-Za-z0-9_-]+$/.test(k) ? k : quote(k));
const keyString = (key: string[]) => key.map(keyPart).join('.');

function isArrayOfTables(v: unknown): v is Record<string, unknown>[] {
  return Array.isArray(v) && v.length > 0 && v.every(isTable);
}

const isTableLike = (v: unknown) => isTable(v) || isArrayOfTables(v);

class Encoder {
  out = '';
  private newline(): void {
    if (this.out !== '') this.out += '\n';
  }
  private indent(key: string[]): string {
    return '  '.repeat(Math.max(key.length - 1, 0));
  }

  encode(key: string[], v: unknown): void {
    if (v === null || v === undefined) return;
    if (isTable(v)) this.table(key, v);
    else if (isArrayOfTables(v)) {
      for (const t of v) {
        this.newline();
        this.out += `${this.indent(key)}[[${keyString(key)}]]`;
        this.newline();
        this.map(key, t, false);
      }
    } else {
      if (key.length === 0) throw new TomlError('toml: top-level values must be Go maps or structs');
      this.out += `${this.indent(key)}${keyPart(key[key.length - 1]!)} = ${this.element(v)}`;
      this.newline();
    }
  }

  private table(key: string[], v: Record<string, unknown>): void {
    if (key.length === 1) this.newline();
    if (key.length > 0) {
      this.out += `${this.indent(key)}[${keyString(key)}]`;
      this.newline();
    }
    this.map(key, v, false);
  }

  private map(key: string[], v: Record<string, unknown>, inline: boolean): string {
    const keys = Object.keys(v).sort();
    const direct = keys.filter((k) => !isTableLike(v[k]));
    const sub = keys.filter((k) => isTableLike(v[k]));
    if (inline) {
      const parts = [...direct, ...sub].filter((k) => v[k] !== null && v[k] !== undefined).map((k) => `${keyPart(k)} = ${this.element(v[k])}`);
      return `{${parts.join(', ')}}`;
    }
    for (const k of [...direct, ...sub]) this.encode([...key, k], v[k]);
    return '';
  }

  element(v: unknown): string {
    if (typeof v === 'string') return quote(v);
    if (typeof v === 'boolean') return String(v);
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'number') return tomlFloat(v);
    if (v instanceof GoNumber) return v.type === 'float32' ? tomlFloat(Number(v.value)) : v.value.toString();
    if (Array.isArray(v)) return `[${v.map((x) => this.element(x)).join(', ')}]`;
    if (isTable(v)) return this.map([], v, true);
    throw new TomlError(`toml: cannot encode a value of type ${v === null ? '<nil>' : typeof v}`);
  }
}

function tomlFloat(f: number): string {
  if (Number.isNaN(f)) return 'nan';
  if (!Number.isFinite(f)) return f < 0 ? '-inf' : 'inf';
  const s = formatFloat(f, 'g', -1);
  return s.includes('.') || s.includes('e') ? s : `${s}.0`;
}

export function toToml(v: unknown): string {
  const enc = new Encoder();
  try {
    enc.encode([], v);
  } catch (err) {
    return (err as Error).message;
  }
  return enc.out;
}

/** Decoded TOML in Go's model: integers int64, floats float64, dates as their TOML text. */
function fromTomlValue(v: unknown): unknown {
  if (typeof v === 'bigint') return int64(v);
  if (Array.isArray(v)) return v.map(fromTomlValue);
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) setKey(out, k, fromTomlValue(val));
    return out;
  }
  return v;
}

/** fromToml: a map, or {Error: message} when the text is not TOML. */
export function fromToml(text: string): Record<string, unknown> {
  try {
    return fromTomlValue(parseToml(text, { integersAsBigInt: true })) as Record<string, unknown>;
  } catch (err) {
    return { Error: (err as Error).message.split('\n')[0] };
  }
}
