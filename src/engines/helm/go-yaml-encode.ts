// sigs.k8s.io/yaml's Marshal, which Helm's toYaml and Files.AsConfig use: the value goes through
// encoding/json, is read back by go-yaml v2 (so integers stay integers and keys become strings) and is
// written by go-yaml v2's emitter: block style, 2-space indent, sequences inside mappings not indented,
// keys in go-yaml's "natural" order, plain scalars folded at column 80, ambiguous strings quoted.
import { GoNumber } from '../gotemplate/values.ts';
import { formatFloat } from '../gotemplate/float-format.ts';
import { formatGoJsonFloat } from './go-json.ts';
import { isStruct } from '../gotemplate/index.ts';
import { goJSONStructFields } from '../sprig/index.ts';
import { readBackKey, readBackString } from '../yaml/json-read-back.ts';
import { compareKeysV2 } from '../yaml/key-order.ts';
import { needsQuotingV2 } from '../yaml/resolve.ts';
import { isBreak, writeScalar, type ScalarSink } from '../yaml/scalar.ts';

type YamlNode =
  | { kind: 'map'; entries: Array<[string, YamlNode]> }
  | { kind: 'seq'; items: YamlNode[] }
  | { kind: 'scalar'; text: string; str: boolean };

/** yaml.Marshal(v) from sigs.k8s.io/yaml, including the trailing newline. */
export function marshalGoYaml(value: unknown): string {
  const e = new Emitter(v2Style);
  e.emitNode(toNode(value, true), { mapping: false, simpleKey: false });
  if (e.column !== 0) e.putBreak();
  return e.out;
}

/**
 * go-yaml v3's Encoder with SetIndent(2), as Helm's toYamlPretty uses it: values are encoded directly
 * (no JSON round trip, so a float64 prints in Go's 'g' form: 1e+06), sequences inside mappings are
 * indented and long lines are not folded. Scalar quoting follows the same rules as v2's emitter.
 */
export function marshalGoYamlPretty(value: unknown): string {
  const e = new Emitter(v3Style);
  e.emitNode(toNode(value, false), { mapping: false, simpleKey: false });
  if (e.column !== 0) e.putBreak();
  return e.out;
}

// ---- the JSON round trip: what go-yaml v2 sees after json.Marshal ----

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

function integerNode(v: bigint): YamlNode {
  if (v >= INT64_MIN && v <= UINT64_MAX) return { kind: 'scalar', text: v.toString(), str: false };
  return { kind: 'scalar', text: formatYamlFloat(Number(v)), str: false };
}

function numberNode(f: number, bits: 32 | 64): YamlNode {
  const json = formatGoJsonFloat(f, bits);
  if (/^-?\d+$/.test(json)) {
    const big = BigInt(json);
    if (big >= INT64_MIN && big <= INT64_MAX) return { kind: 'scalar', text: big.toString(), str: false };
  }
  return { kind: 'scalar', text: formatYamlFloat(Number(json)), str: false };
}

function formatYamlFloat(f: number): string {
  const s = formatFloat(f, 'g', -1);
  return s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s;
}

function toNode(value: unknown, viaJson: boolean): YamlNode {
  if (value === null || value === undefined) return { kind: 'scalar', text: 'null', str: false };
  switch (typeof value) {
    case 'string': return { kind: 'scalar', text: viaJson ? readBackString(value) : value, str: true };
    case 'boolean': return { kind: 'scalar', text: value ? 'true' : 'false', str: false };
    case 'number': return viaJson ? numberNode(value, 64) : { kind: 'scalar', text: formatYamlFloat(value), str: false };
    case 'bigint': return integerNode(value);
    case 'function': throw new Error('json: unsupported type: func');
  }
  if (value instanceof GoNumber) {
    if (value.type === 'float32') return viaJson ? numberNode(Number(value.value), 32) : { kind: 'scalar', text: formatYamlFloat(Number(value.value)), str: false };
    return integerNode(BigInt(value.value));
  }
  if (value instanceof Uint8Array) return { kind: 'scalar', text: Buffer.from(value).toString('base64'), str: true };
  if (Array.isArray(value)) return { kind: 'seq', items: value.map((v) => toNode(v, viaJson)) };
  const entries: Array<[string, YamlNode]> =
    value instanceof Map
      ? [...value.entries()].map(([k, v]) => [viaJson ? readBackKey(String(k)) : String(k), toNode(v, viaJson)])
      : (viaJson && isStruct(value) ? goJSONStructFields(value) : Object.entries(value))
        .map(([k, v]): [string, YamlNode] => [viaJson ? readBackKey(k) : k, toNode(v, viaJson)]);
  // Structs too: go-yaml reads the JSON object back into a map and sorts its keys.
  entries.sort((a, b) => compareKeysV2(a[0], b[0]));
  return { kind: 'map', entries };
}

// ---- the emitter: structure here, scalars in ../yaml/scalar.ts ----

interface NodeContext { mapping: boolean; simpleKey: boolean }

const BEST_INDENT = 2;

interface EmitterStyle { width: number; indentlessSequences: boolean }
const v2Style: EmitterStyle = { width: 80, indentlessSequences: true };
const v3Style: EmitterStyle = { width: Infinity, indentlessSequences: false };

class Emitter {
  private readonly style: EmitterStyle;
  constructor(style: EmitterStyle) {
    this.style = style;
  }

  out = '';
  column = 0;
  whitespace = true;
  indention = true;
  indent = -1;
  private readonly indents: number[] = [];

  put(c: string): void {
    this.out += c;
    this.column++;
  }

  putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  writeBreak(c: string): void {
    if (c === '\n') this.putBreak();
    else {
      this.out += c;
      this.column = 0;
    }
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    for (const c of indicator) this.put(c);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  emitNode(node: YamlNode, ctx: NodeContext): void {
    if (node.kind === 'scalar') this.emitScalar(node, ctx);
    else if (node.kind === 'seq') this.emitSequence(node.items, ctx);
    else this.emitMapping(node.entries);
  }

  private emitMapping(entries: Array<[string, YamlNode]>): void {
    if (entries.length === 0) {
      this.writeIndicator('{', true, true, false);
      this.writeIndicator('}', false, false, false);
      return;
    }
    this.increaseIndent(false, false);
    for (const [key, value] of entries) {
      this.writeIndent();
      // A key on several lines or longer than 128 bytes cannot be a simple key: go-yaml writes `? key`
      // and the value on its own `: value` line.
      if ([...key].some(isBreak) || Buffer.byteLength(key) > 128) {
        this.writeIndicator('?', true, false, true);
        this.emitScalar({ text: key, str: true }, { mapping: true, simpleKey: false });
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      } else {
        this.emitScalar({ text: key, str: true }, { mapping: true, simpleKey: true });
        this.writeIndicator(':', false, false, false);
      }
      this.emitNode(value, { mapping: true, simpleKey: false });
    }
    this.popIndent();
  }

  private emitSequence(items: YamlNode[], ctx: NodeContext): void {
    if (items.length === 0) {
      this.writeIndicator('[', true, true, false);
      this.writeIndicator(']', false, false, false);
      return;
    }
    this.increaseIndent(false, this.style.indentlessSequences && ctx.mapping && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.emitNode(item, { mapping: false, simpleKey: false });
    }
    this.popIndent();
  }

  private emitScalar(node: { text: string; str: boolean }, ctx: NodeContext): void {
    // The scalar's first indicator (or its first character) is separated from what precedes it.
    if (!this.whitespace) this.put(' ');
    this.increaseIndent(true, false);
    const quote = node.str && needsQuotingV2(node.text);
    const style = writeScalar(new EmitterSink(this), node.text, { simpleKey: ctx.simpleKey, quote, width: this.style.width });
    // A block scalar leaves the emitter at the start of a line, where its final break put it.
    if (style !== 'literal') {
      this.whitespace = false;
      this.indention = false;
    }
    this.popIndent();
  }
}

/** The emitter as the scalar writer sees it: folds and lines after breaks start at the emitter's indent. */
class EmitterSink implements ScalarSink {
  private readonly e: Emitter;

  constructor(e: Emitter) {
    this.e = e;
  }

  get column(): number {
    return this.e.column;
  }

  write(text: string): void {
    for (const c of text) this.e.put(c);
    this.e.indention = false;
  }

  lineBreak(c: string): void {
    this.e.writeBreak(c);
    this.e.indention = true;
    this.e.whitespace = true;
  }

  fold(): void {
    this.e.writeIndent();
  }

  indent(): void {
    this.e.writeIndent();
  }
}
