// sigs.k8s.io/yaml's Unmarshal, which Helm uses for values files, Chart.yaml and fromYaml: go-yaml v2
// reads the first document (YAML 1.1 words such as `yes`/`off` are booleans, 0777 is octal, timestamps
// stay strings, `<<` merges), then everything passes through JSON, so every number becomes a float64.
// The `yaml` package parses; the scalar resolution is go-yaml v2's, applied to each plain scalar's text.
import { CST, isAlias, isCollection, isMap, isScalar, isSeq, parseAllDocuments, Parser, Scalar, type Document, type Node } from 'yaml';
import { formatFloat } from '../gotemplate/float-format.ts';
import { sprintf } from '../gotemplate/fmt.ts';
import { setKey } from '../sprig/index.ts';
import { resolvePlainV2 } from '../yaml/resolve.ts';

/** What go-yaml v2 produces: integers as bigint, floats as number. */
export type GoYamlValue = null | boolean | bigint | number | string | GoYamlValue[] | { [key: string]: GoYamlValue };

export class GoYamlError extends Error {}

/** yaml.Unmarshal into interface{} and then through JSON: numbers become JS numbers (float64). */
export function unmarshalGoYaml(text: string): unknown {
  return toJsonModel(decodeGoYamlV2(text));
}

/** The first document as go-yaml v2 decodes it into interface{}, keys converted to strings. */
export function decodeGoYamlV2(text: string): GoYamlValue {
  checkReadableCharacters(text);
  checkBlockScalarTabs(text);
  const docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: false, schema: 'failsafe', merge: false, strict: false, keepSourceTokens: true });
  if (!Array.isArray(docs)) return null; // an empty stream parses as EmptyStream
  // yaml.Unmarshal reads the first document only: later ones may be anything.
  const first = docs[0];
  if (!first) return null;
  const err = first.errors[0];
  if (err) {
    // After a flow collection or a scalar, go-yaml ends the document without looking at what follows.
    const root = first.contents;
    const end = root && (isScalar(root) || (isCollection(root) && root.flow)) ? root.range?.[1] : undefined;
    if (end !== undefined && err.pos[0] >= end && end < text.length) return decodeGoYamlV2(text.slice(0, end));
    throw new GoYamlError(libyamlMessage(text, err.pos[0], err.message.split('\n')[0]!));
  }
  if (first.contents === null) return null;
  return convert(first, first.contents as Node);
}

/**
 * go-yaml's wording for the errors templates commonly produce, where the parser we use finds the same
 * problem; others keep that parser's message. go-yaml numbers scanner errors from 1 and parser errors
 * from 0, and leaves the line out when that number is 0 (scanner: the first line).
 */
function libyamlMessage(text: string, offset: number, message: string): string {
  const lineIndex = (at: number) => text.slice(0, at).split('\n').length - 1;
  const scanner = (at: number, what: string) => `yaml: ${lineIndex(at) === 0 ? '' : `line ${lineIndex(at) + 1}: `}${what}`;
  const parser = (line: number, what: string) => `yaml: ${line === 0 ? '' : `line ${line}: `}${what}`;
  if (/^Missing closing .?quote/.test(message)) return scanner(text.length, 'found unexpected end of stream');
  if (message.startsWith('Tabs are not allowed as indentation')) return scanner(offset, 'found a tab character that violates indentation');
  if (message.startsWith('Plain value cannot start with reserved character')) return scanner(offset, 'found character that cannot start any token');
  if (message.startsWith('Nested mappings are not allowed in compact mappings')) {
    // libyaml stops at the second ':' itself.
    const colon = /:(?=[ \t\r\n]|$)/g;
    colon.lastIndex = offset;
    const m = colon.exec(text);
    return scanner(m ? m.index : offset, 'mapping values are not allowed in this context');
  }
  // libyaml gives up on the key at the start of the next line.
  if (message.startsWith('Implicit map keys need to be followed by map values')) return `yaml: line ${lineIndex(offset) + 2}: could not find expected ':'`;
  const flow = /^Flow (sequence|map) in block collection must be sufficiently indented/.exec(message);
  if (flow) {
    // A collection left open to the end stops at the stream end, which libyaml puts on a line of its own.
    const rest = text.slice(offset);
    const line = rest.includes(':') ? lineIndex(offset) : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    // An opening bracket or a comma with nothing after it leaves libyaml still waiting for the first entry.
    if (/[[{,]\s*$/.test(text)) return parser(line, 'did not find expected node content');
    return parser(line, `did not find expected ',' or '${flow[1] === 'map' ? '}' : ']'}'`);
  }
  if (message.startsWith('All mapping items must start at the same column') || message.startsWith('Implicit keys need to be on a single line')) {
    // Inside a block sequence libyaml wants the next '-'.
    const lines = text.split('\n');
    const at = lineIndex(offset);
    const indent = /^ */.exec(lines[at] ?? '')![0].length;
    const sibling = lines.slice(0, at).reverse().find((l) => l.trim() !== '' && /^ */.exec(l)![0].length === indent);
    return parser(at, sibling?.trimStart().startsWith('- ') ? "did not find expected '-' indicator" : 'did not find expected key');
  }
  return `yaml: line ${lineIndex(offset) + 1}: ${message}`;
}

/**
 * libyaml refuses a tab where a block scalar's indentation is still being read: on the lines before
 * its indentation is known (auto-detected from the first non-empty line), and before that column after.
 */
function checkBlockScalarTabs(text: string): void {
  const check = (token: CST.Token | undefined): void => {
    if (token?.type !== 'block-scalar') return;
    const header = (token.props.find((p) => p.type === 'block-scalar-header') as CST.SourceToken | undefined)?.source ?? '';
    const explicit = /[1-9]/.exec(header);
    let indent = explicit ? token.indent + Number(explicit[0]) : 0;
    let maxIndent = 0;
    let offset = token.props[token.props.length - 1]!.offset + 1;
    for (const line of token.source.split('\n')) {
      let col = 0;
      while ((indent === 0 || col < indent) && line[col] === ' ') col++;
      maxIndent = Math.max(maxIndent, col);
      if ((indent === 0 || col < indent) && line[col] === '\t') {
        const lineNo = text.slice(0, offset).split('\n').length;
        throw new GoYamlError(`yaml: line ${lineNo}: found a tab character where an indentation space is expected`);
      }
      if (indent === 0 && col < line.length) indent = Math.max(maxIndent, token.indent + 1, 1);
      offset += line.length + 1;
    }
  };
  if (!text.includes('\t')) return;
  for (const doc of new Parser().parse(text)) {
    if (doc.type !== 'document') continue;
    check(doc.value);
    CST.visit(doc, (item) => { check(item.key ?? undefined); check(item.value); });
    break; // only the first document is read
  }
}

/** go-yaml's reader accepts only printable characters (plus tab and line breaks) in the stream. */
function checkReadableCharacters(text: string): void {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const ok = c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff)
      || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000;
    if (!ok) throw new GoYamlError('yaml: control characters are not allowed');
  }
}

// go-yaml decodes each \u escape on its own, so a UTF-16 surrogate pair written as two escapes is refused.
const surrogateEscape = /(?:^|[^\\])(?:\\\\)*\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;

function convert(doc: Document, node: Node | null): GoYamlValue {
  if (node === null) return null;
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (target === undefined) throw new GoYamlError(`yaml: unknown anchor '${node.source}' referenced`);
    return convert(doc, target as Node);
  }
  if (isScalar(node)) return scalarValue(node);
  if (isSeq(node)) return node.items.map((item) => convert(doc, item as Node));
  if (isMap(node)) {
    const out: { [key: string]: GoYamlValue } = {};
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      if (keyNode && isScalar(keyNode) && keyNode.type === Scalar.PLAIN && keyNode.source === '<<' && !keyNode.tag) {
        mergeInto(doc, out, pair.value as Node);
        continue;
      }
      if (keyNode && isScalar(keyNode) && keyNode.srcToken && 'source' in keyNode.srcToken && /[\u0085\u2028\u2029]/.test(keyNode.srcToken.source)) {
        // go-yaml counts these as line breaks, and a key cannot span lines.
        throw new GoYamlError("yaml: could not find expected ':'");
      }
      const value = convert(doc, pair.value as Node | null);
      setKey(out, keyString(convert(doc, keyNode), value), value);
    }
    return out;
  }
  return null;
}

function mergeInto(doc: Document, out: { [key: string]: GoYamlValue }, node: Node | null): void {
  const value = convert(doc, node);
  const maps = Array.isArray(value) ? value : [value];
  for (const m of maps) {
    if (m === null || typeof m !== 'object' || Array.isArray(m)) throw new GoYamlError('yaml: map merge requires map or sequence of maps as the value');
    for (const [k, v] of Object.entries(m)) setKey(out, k, v);
  }
}

function keyString(k: GoYamlValue, value: GoYamlValue): string {
  if (typeof k === 'string') return k;
  if (typeof k === 'bigint' || typeof k === 'boolean') return String(k);
  if (typeof k === 'number') return formatFloat32(k);
  // sigs.k8s.io/yaml's message, formatted with %s, %+#v and %+#v; go-yaml v2 decodes maps with interface keys.
  if (k === null) {
    const shown = sprintf('%+#v', value).replaceAll('map[string]interface {}', 'map[interface {}]interface {}');
    throw new GoYamlError(`unsupported map key of type: %!s(<nil>), key: <nil>, value: ${shown}`);
  }
  throw new GoYamlError('yaml: invalid map key: a mapping or sequence cannot be a key');
}

/** strconv.FormatFloat(f, 'g', -1, 32), with YAML's names for the special values. */
export function formatFloat32(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (!Number.isFinite(f)) return f > 0 ? '.inf' : '-.inf';
  return formatFloat(Math.fround(f), 'g', -1, 32);
}

function scalarValue(node: Scalar): GoYamlValue {
  const text = String(node.value ?? '');
  const tag = node.tag;
  if (tag === 'tag:yaml.org,2002:str' || tag === '!!str') return text;
  if (node.type === Scalar.QUOTE_DOUBLE && node.srcToken && 'source' in node.srcToken && surrogateEscape.test(node.srcToken.source)) {
    throw new GoYamlError('yaml: found invalid Unicode character escape code');
  }
  if (node.type !== Scalar.PLAIN && !tag) return foldNextLine(node, text);
  return resolvePlain(text);
}

/** go-yaml reads NEL (U+0085) as a line break, which folds to a space inside a quoted scalar. */
function foldNextLine(node: Scalar, text: string): string {
  if (node.type !== Scalar.QUOTE_DOUBLE && node.type !== Scalar.QUOTE_SINGLE) return text;
  // Only a raw NEL is a break; one written as the escape \N is a character.
  const source = node.srcToken && 'source' in node.srcToken ? node.srcToken.source : '';
  if (!source.includes('\u0085')) return text;
  return text.replace(/[ \t]*\u0085[ \t]*/g, ' ');
}

/** go-yaml v2's resolve() for an untagged plain scalar, decoded into interface{} (timestamps stay text). */
export function resolvePlain(s: string): GoYamlValue {
  const r = resolvePlainV2(s);
  if (r.tag === 'int') return BigInt(r.value);
  if (r.tag === 'null' || r.tag === 'bool' || r.tag === 'float' || r.tag === 'str') return r.value;
  return s;
}

/** The JSON round trip: integers become float64 numbers; NaN and ±Inf are refused as Go's encoder does. */
export function toJsonModel(v: GoYamlValue): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new GoYamlError(`json: unsupported value: ${Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf'}`);
    return v;
  }
  if (Array.isArray(v)) return v.map(toJsonModel);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) setKey(out, k, toJsonModel(val));
    return out;
  }
  return v;
}
