// sigs.k8s.io/yaml's Marshal, which Helm's toYaml and Files.AsConfig use: the value goes through
// encoding/json, is read back by go-yaml v2 (so integers stay integers and keys become strings) and is
// written by go-yaml v2's emitter: block style, 2-space indent, sequences inside mappings not indented,
// keys in go-yaml's "natural" order, plain scalars folded at column 80, ambiguous strings quoted.
import { GoNumber } from '../gotemplate/values.ts';
import { formatFloat } from '../gotemplate/float-format.ts';
import { formatGoJsonFloat } from './go-json.ts';
import { isStruct } from '../gotemplate/index.ts';
import { goJSONStructFields } from '../sprig/index.ts';

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

// After json.Marshal, go-yaml re-reads the text: C1 control characters and DEL are refused by its reader
// (toYaml then prints nothing), and NEL (U+0085), which JSON leaves raw, is a line break that folds to
// a space inside the quoted string, or breaks a key.
const jsonUnreadable = /[\u007f-\u0084\u0086-\u009f]/;

function throughJson(s: string, isKey: boolean): string {
  if (jsonUnreadable.test(s)) throw new Error('yaml: control characters are not allowed');
  if (!s.includes('\u0085')) return s;
  if (isKey) throw new Error("yaml: could not find expected ':'");
  return s.replace(/[ \t]*\u0085[ \t]*/g, ' ');
}

function toNode(value: unknown, viaJson: boolean): YamlNode {
  if (value === null || value === undefined) return { kind: 'scalar', text: 'null', str: false };
  switch (typeof value) {
    case 'string': return { kind: 'scalar', text: viaJson ? throughJson(value, false) : value, str: true };
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
      ? [...value.entries()].map(([k, v]) => [viaJson ? throughJson(String(k), true) : String(k), toNode(v, viaJson)])
      : (viaJson && isStruct(value) ? goJSONStructFields(value) : Object.entries(value))
        .map(([k, v]): [string, YamlNode] => [viaJson ? throughJson(k, true) : k, toNode(v, viaJson)]);
  // Structs too: go-yaml reads the JSON object back into a map and sorts its keys.
  entries.sort((a, b) => (naturalLess(a[0], b[0]) ? -1 : naturalLess(b[0], a[0]) ? 1 : 0));
  return { kind: 'map', entries };
}

const isLetter = (c: string) => /\p{L}/u.test(c);
const isDigit = (c: string) => /\p{Nd}/u.test(c);

/** go-yaml v2's key order: letters before other characters, runs of digits compared as numbers. */
export function naturalLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10n + BigInt(ar[ai]!.codePointAt(0)! - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10n + BigInt(br[bi]!.codePointAt(0)! - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
  }
  return ar.length < br.length;
}

// ---- go-yaml v2's resolver, to know when a string must be quoted ----

// "<<" is in go-yaml's table too, but only looked up for texts starting with a hinted character, so the
// encoder writes it plain.
const resolvedWords = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF',
  '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
]);
const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const base60Float = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** Whether go-yaml v2 would read this plain text as something other than a string. */
export function resolvesToNonString(s: string): boolean {
  if (resolvedWords.has(s)) return true;
  const c = s[0]!;
  if (c === '.') return goParseFloatOk(s);
  if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    if (looksLikeTimestamp(s)) return true;
    const plain = s.replaceAll('_', '');
    if (goParseIntBase0(plain) !== undefined) return true;
    if (yamlStyleFloat.test(plain)) return true;
    if (plain.startsWith('0b') && /^[01]+$/.test(plain.slice(2))) return true;
    if (plain.startsWith('-0b') && /^[01]+$/.test(plain.slice(3))) return true;
  }
  return false;
}

function goParseFloatOk(s: string): boolean {
  return /^[+-]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][+-]?\d+)?$/.test(s) || /^[+-]?(inf|infinity|nan)$/i.test(s);
}

/** strconv.ParseInt(s, 0, 64)/ParseUint: the integer, or undefined when Go would refuse it. */
export function goParseIntBase0(s: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2]!;
  let v: bigint;
  if (/^0[xXbBoO]/.test(body)) v = BigInt(body.toLowerCase());
  else if (body.length > 1 && body.startsWith('0')) v = BigInt(`0o${body.slice(1)}`);
  else v = BigInt(body);
  if (m[1] === '-') v = -v;
  return v >= INT64_MIN && v <= UINT64_MAX ? v : undefined;
}

function looksLikeTimestamp(s: string): boolean {
  if (!/^\d{4}-/.test(s)) return false;
  return /^\d{4}-\d{1,2}-\d{1,2}$/.test(s) || /^\d{4}-\d{1,2}-\d{1,2}([Tt]| )\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(s);
}

// ---- the emitter ----

const isBreak = (c: string) => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
const isBlankZ = (c: string | undefined) => c === undefined || isBlank(c) || isBreak(c) || c === '\0';

function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

interface ScalarAnalysis { multiline: boolean; flowPlain: boolean; blockPlain: boolean; singleQuoted: boolean; block: boolean }

function analyzeScalar(value: string): ScalarAnalysis {
  if (value.length === 0) return { multiline: false, flowPlain: false, blockPlain: true, singleQuoted: true, block: false };
  const chars = [...value];
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  if (value.startsWith('---') || value.startsWith('...')) {
    blockIndicators = true;
    flowIndicators = true;
  }
  let precededByWhitespace = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const followedByWhitespace = i + 1 >= chars.length || isBlank(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) {
        flowIndicators = true;
        blockIndicators = true;
      } else if (c === '?' || c === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (c === '-' && followedByWhitespace) {
        flowIndicators = true;
        blockIndicators = true;
      }
    } else if (',?[]{}'.includes(c)) {
      flowIndicators = true;
    } else if (c === ':') {
      flowIndicators = true;
      if (followedByWhitespace) blockIndicators = true;
    } else if (c === '#' && precededByWhitespace) {
      flowIndicators = true;
      blockIndicators = true;
    }
    if (!isPrintable(c)) special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankZ(c);
  }
  const a: ScalarAnalysis = { multiline: lineBreaks, flowPlain: true, blockPlain: true, singleQuoted: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.flowPlain = a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) a.flowPlain = a.blockPlain = a.singleQuoted = false;
  if (spaceBreak || special) a.flowPlain = a.blockPlain = a.singleQuoted = a.block = false;
  if (lineBreaks) a.flowPlain = a.blockPlain = false;
  if (flowIndicators) a.flowPlain = false;
  if (blockIndicators) a.blockPlain = false;
  return a;
}

type Style = 'plain' | 'single' | 'double' | 'literal';

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
      if (analyzeScalar(key).multiline || Buffer.byteLength(key) > 128) {
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
    const value = node.text;
    const analysis = analyzeScalar(value);
    let style: Style;
    if (!node.str) style = 'plain';
    else if (value.includes('\n')) style = 'literal';
    else if (!resolvesToNonString(value) && !base60Float.test(value)) style = 'plain';
    else style = 'double';
    if (ctx.simpleKey && analysis.multiline) style = 'double';
    if (style === 'plain') {
      if (!analysis.blockPlain) style = 'single';
      if (value.length === 0 && ctx.simpleKey) style = 'single';
    }
    if (style === 'single' && !analysis.singleQuoted) style = 'double';
    if (style === 'literal' && (!analysis.block || ctx.simpleKey)) style = 'double';

    this.increaseIndent(true, false);
    const allowBreaks = !ctx.simpleKey;
    if (style === 'plain') this.writePlain(value, allowBreaks);
    else if (style === 'single') this.writeSingleQuoted(value, allowBreaks);
    else if (style === 'double') this.writeDoubleQuoted(value, allowBreaks);
    else this.writeLiteral(value);
    this.popIndent();
  }

  private writePlain(value: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    const chars = [...value];
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > this.style.width && chars[i + 1] !== ' ') this.writeIndent();
        else this.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === '\n') this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(value: string, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    const chars = [...value];
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > this.style.width && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ') this.writeIndent();
        else this.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === '\n') this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === "'") this.put("'");
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(value: string, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    const chars = [...value];
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (!isPrintable(c) || c === '\ufeff' || isBreak(c) || c === '"' || c === '\\') {
        this.put('\\');
        const cp = c.codePointAt(0)!;
        const named: Record<number, string> = {
          0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
          0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
        };
        const name = named[cp];
        if (name !== undefined) this.put(name);
        else {
          const [prefix, width] = cp <= 0xff ? ['x', 2] : cp <= 0xffff ? ['u', 4] : ['U', 8];
          this.put(prefix);
          for (const d of cp.toString(16).toUpperCase().padStart(width, '0')) this.put(d);
        }
        spaces = false;
      } else if (c === ' ') {
        if (allowBreaks && !spaces && this.column > this.style.width && i > 0 && i < chars.length - 1) {
          this.writeIndent();
          if (chars[i + 1] === ' ') this.put('\\');
        } else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(value: string): void {
    this.writeIndicator('|', true, false, false);
    const chars = [...value];
    if (chars[0] === ' ' || isBreak(chars[0] ?? '')) this.writeIndicator(String(BEST_INDENT), false, false, false);
    let chomp = '';
    const last = chars.length - 1;
    if (chars.length === 0 || !isBreak(chars[last]!)) chomp = '-';
    else if (last === 0) chomp = '+';
    else if (isBreak(chars[last - 1]!)) chomp = '+';
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of chars) {
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}
