// Parser for Go text/template, following text/template/parse/parse.go: the same grammar, the same
// variable scoping checks at parse time, and the same error texts ("template: NAME:LINE: msg").
import { isKeyword, lex } from './lexer.ts';
import type { Token } from './lexer.ts';
import { isEmptyTree, nodeString } from './nodes.ts';
import type {
  ArgNode, BranchNode, CommandNode, EndNode, ListNode, Node, NumberNode, PipeNode, Source, TemplateNode,
  VariableNode,
} from './nodes.ts';
import { parseFloat64, parseInt64, parseUint64, unquote } from './strconv.ts';

export class ParseError extends Error {}

export interface ParsedTree {
  name: string;
  root: ListNode;
  src: Source;
}

/** Shared by the top-level tree and every define/block parsed from the same text. */
class TokenStream {
  readonly tokens: Token[];
  i = 0;
  fetched = -1;
  constructor(tokens: Token[]) { this.tokens = tokens; }
  next(): Token {
    const t = this.tokens[Math.min(this.i, this.tokens.length - 1)]!;
    this.fetched = Math.max(this.fetched, this.i);
    this.i++;
    return t;
  }
  peek(): Token {
    this.fetched = Math.max(this.fetched, this.i);
    return this.tokens[Math.min(this.i, this.tokens.length - 1)]!;
  }
  backup(n = 1): void { this.i -= n; }
  nextNonSpace(): Token {
    let t = this.next();
    while (t.kind === 'space') t = this.next();
    return t;
  }
  peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }
  lastLine(): number {
    return this.tokens[Math.min(this.fetched, this.tokens.length - 1)]?.line ?? 0;
  }
}

/** Go's item.String(), used in "unexpected X in Y" errors. */
/** NumberNode.simplifyComplex: a complex constant with no imaginary part is also a float (and int). */
function simplifyComplex(n: NumberNode, re: number, im: number): NumberNode {
  n.isComplex = true;
  n.re = re;
  n.im = im;
  n.isFloat = im === 0;
  if (n.isFloat) {
    n.float = re;
    n.isInt = Number.isInteger(re) && Math.abs(re) < 2 ** 63;
    if (n.isInt) n.int = BigInt(re);
    n.isUint = Number.isInteger(re) && re >= 0 && re < 2 ** 64;
    if (n.isUint) n.uint = BigInt(re);
  }
  return n;
}

function tokenString(t: Token): string {
  if (t.kind === 'eof') return 'EOF';
  if (t.kind === 'error') return t.val;
  if (isKeyword(t.kind)) return `<${t.val}>`;
  const runes = [...t.val];
  if (runes.length > 10) return `${JSON.stringify(runes.slice(0, 10).join(''))}...`;
  return JSON.stringify(t.val);
}

/**
 * Parses `text` as template `name`; returns the top-level tree and every {{define}}/{{block}}
 * tree, keyed by name. `hasFunction` reports whether an identifier names a known function.
 */
export function parseTemplate(
  name: string, text: string, hasFunction: (name: string) => boolean,
  delims: [string, string] = ['{{', '}}'],
): Map<string, ParsedTree> {
  const src: Source = { parseName: name, text };
  const stream = new TokenStream(lex(text, delims[0], delims[1]));
  const treeSet = new Map<string, ParsedTree>();
  const top = new TreeParser(name, stream, src, treeSet, hasFunction);
  top.parseTop();
  return treeSet;
}

class TreeParser {
  name: string;
  vars: string[] = ['$'];
  rangeDepth = 0;
  actionLine = 0;
  readonly s: TokenStream;
  readonly src: Source;
  readonly treeSet: Map<string, ParsedTree>;
  readonly hasFunction: (name: string) => boolean;

  constructor(name: string, s: TokenStream, src: Source, treeSet: Map<string, ParsedTree>, hasFunction: (n: string) => boolean) {
    this.name = name;
    this.s = s;
    this.src = src;
    this.treeSet = treeSet;
    this.hasFunction = hasFunction;
  }

  errorf(msg: string): never {
    throw new ParseError(`template: ${this.src.parseName}:${this.s.lastLine()}: ${msg}`);
  }

  unexpected(t: Token, context: string): never {
    if (t.kind === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = ` in action started at ${this.src.parseName}:${this.actionLine}`;
        if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${t.val}${extra}`);
    }
    this.errorf(`unexpected ${tokenString(t)} in ${context}`);
  }

  expect(kind: Token['kind'], context: string): Token {
    const t = this.s.nextNonSpace();
    if (t.kind !== kind) this.unexpected(t, context);
    return t;
  }

  list(pos: number): ListNode { return { type: 'list', pos, src: this.src, nodes: [] }; }

  add(root: ListNode): void {
    const existing = this.treeSet.get(this.name);
    if (!existing || isEmptyTree(existing.root)) {
      this.treeSet.set(this.name, { name: this.name, root, src: this.src });
      return;
    }
    if (!isEmptyTree(root)) this.errorf(`template: multiple definition of template ${JSON.stringify(this.name)}`);
  }

  parseTop(): void {
    const root = this.list(this.s.peek().pos);
    while (this.s.peek().kind !== 'eof') {
      if (this.s.peek().kind === 'leftDelim') {
        this.s.next();
        const save = this.s.i;
        if (this.s.nextNonSpace().kind === 'define') {
          const def = new TreeParser('definition', this.s, this.src, this.treeSet, this.hasFunction);
          def.parseDefinition();
          continue;
        }
        this.s.i = save - 1;
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      root.nodes.push(n);
    }
    this.add(root);
  }

  parseDefinition(): void {
    const context = 'define clause';
    const t = this.s.nextNonSpace();
    if (t.kind !== 'string' && t.kind !== 'rawString') this.unexpected(t, context);
    this.name = this.unquoteOrFail(t.val);
    this.expect('rightDelim', context);
    const [root, end] = this.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.add(root);
  }

  unquoteOrFail(s: string): string {
    try {
      return unquote(s);
    } catch {
      this.errorf('invalid syntax');
    }
  }

  itemList(): [ListNode, EndNode] {
    const list = this.list(this.s.peekNonSpace().pos);
    while (this.s.peekNonSpace().kind !== 'eof') {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  textOrAction(): Node {
    const t = this.s.nextNonSpace();
    switch (t.kind) {
      case 'text': return { type: 'text', pos: t.pos, src: this.src, text: t.val };
      case 'leftDelim': {
        this.actionLine = t.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      default: this.unexpected(t, 'input');
    }
  }

  action(): Node {
    const t = this.s.nextNonSpace();
    switch (t.kind) {
      case 'block': return this.blockControl();
      case 'break': case 'continue': return this.breakControl(t);
      case 'else': return this.elseControl();
      case 'end': return { type: 'end', pos: this.expect('rightDelim', 'end').pos, line: t.line, src: this.src };
      case 'if': case 'range': case 'with': return this.branchControl(t.kind);
      case 'template': return this.templateControl();
    }
    this.s.backup();
    const tok = this.s.peek();
    return { type: 'action', pos: tok.pos, line: tok.line, src: this.src, pipe: this.pipeline('command', 'rightDelim') };
  }

  breakControl(t: Token): Node {
    const kind = t.kind as 'break' | 'continue';
    const next = this.s.nextNonSpace();
    if (next.kind !== 'rightDelim') this.unexpected(next, `{{${kind}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${kind}}} outside {{range}}`);
    return { type: kind, pos: t.pos, line: t.line, src: this.src };
  }

  elseControl(): EndNode {
    const peek = this.s.peekNonSpace();
    if (peek.kind === 'if' || peek.kind === 'with') return { type: 'else', pos: peek.pos, line: peek.line, src: this.src };
    const t = this.expect('rightDelim', 'else');
    return { type: 'else', pos: t.pos, line: t.line, src: this.src };
  }

  branchControl(context: 'if' | 'range' | 'with'): BranchNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      let [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.type === 'else') {
        const peek = this.s.peek();
        if ((context === 'if' && peek.kind === 'if') || (context === 'with' && peek.kind === 'with')) {
          this.s.next();
          elseList = this.list(next.pos);
          elseList.nodes.push(this.branchControl(context));
        } else {
          [elseList, next] = this.itemList();
          if (next.type !== 'end') this.errorf(`expected end; found ${nodeString(next)}`);
        }
      }
      list = list as ListNode;
      return { type: context, pos: pipe.pos, line: pipe.line, src: this.src, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  blockControl(): TemplateNode {
    const context = 'block clause';
    const t = this.s.nextNonSpace();
    const name = this.templateName(t, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const block = new TreeParser(name, this.s, this.src, this.treeSet, this.hasFunction);
    const [root, end] = block.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    block.add(root);
    return { type: 'template', pos: t.pos, line: t.line, src: this.src, name, pipe };
  }

  templateControl(): TemplateNode {
    const context = 'template clause';
    const t = this.s.nextNonSpace();
    const name = this.templateName(t, context);
    let pipe: PipeNode | undefined;
    if (this.s.nextNonSpace().kind !== 'rightDelim') {
      this.s.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { type: 'template', pos: t.pos, line: t.line, src: this.src, name, pipe };
  }

  templateName(t: Token, context: string): string {
    if (t.kind === 'string' || t.kind === 'rawString') return this.unquoteOrFail(t.val);
    this.unexpected(t, context);
  }

  pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const first = this.s.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: first.pos, line: first.line, src: this.src, isAssign: false, decl: [], cmds: [] };
    for (;;) {
      const v = this.s.peekNonSpace();
      if (v.kind !== 'variable') break;
      const save = this.s.i;
      this.s.nextNonSpace();
      const next = this.s.peekNonSpace();
      if (next.kind === 'assign' || next.kind === 'declare') {
        pipe.isAssign = next.kind === 'assign';
        this.s.nextNonSpace();
        pipe.decl.push(this.variable(v.pos, v.val));
        this.vars.push(v.val);
        break;
      }
      if (next.kind === 'char' && next.val === ',') {
        this.s.nextNonSpace();
        pipe.decl.push(this.variable(v.pos, v.val));
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const k = this.s.peekNonSpace().kind;
          if (k === 'variable' || k === 'rightDelim' || k === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      this.s.i = save;
      break;
    }
    for (;;) {
      const t = this.s.nextNonSpace();
      if (t.kind === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.kind) {
        case 'bool': case 'charConstant': case 'complex': case 'dot': case 'field': case 'identifier':
        case 'number': case 'nil': case 'rawString': case 'string': case 'variable': case 'leftParen':
          this.s.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const t = c.args[0]!.type;
      if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.s.peekNonSpace().pos, src: this.src, args: [] };
    for (;;) {
      this.s.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.s.next();
      if (t.kind === 'space') continue;
      if (t.kind === 'rightDelim' || t.kind === 'rightParen') this.s.backup();
      else if (t.kind !== 'pipe') this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  operand(): ArgNode | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.s.peek().kind !== 'field') return node;
    const pos = this.s.peek().pos;
    const fields: string[] = [];
    while (this.s.peek().kind === 'field') fields.push(this.s.next().val.slice(1));
    switch (node.type) {
      case 'field': return { type: 'field', pos, src: this.src, ident: [...node.ident, ...fields] };
      case 'variable': return { type: 'variable', pos, src: this.src, ident: [...node.ident, ...fields] };
      case 'bool': case 'string': case 'number': case 'nil': case 'dot':
        this.errorf(`unexpected . after term ${JSON.stringify(nodeString(node))}`);
      default: return { type: 'chain', pos, src: this.src, node, field: fields };
    }
  }

  term(): ArgNode | undefined {
    const t = this.s.nextNonSpace();
    switch (t.kind) {
      case 'identifier':
        if (!this.hasFunction(t.val)) this.errorf(`function ${JSON.stringify(t.val)} not defined`);
        return { type: 'identifier', pos: t.pos, src: this.src, ident: t.val };
      case 'dot': return { type: 'dot', pos: t.pos, src: this.src };
      case 'nil': return { type: 'nil', pos: t.pos, src: this.src };
      case 'variable': return this.useVar(t.pos, t.val);
      case 'field': return { type: 'field', pos: t.pos, src: this.src, ident: t.val.slice(1).split('.') };
      case 'bool': return { type: 'bool', pos: t.pos, src: this.src, value: t.val === 'true' };
      case 'charConstant': case 'complex': case 'number': return this.number(t);
      case 'leftParen': return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string': case 'rawString':
        return { type: 'string', pos: t.pos, src: this.src, quoted: t.val, text: this.unquoteOrFail(t.val) };
    }
    this.s.backup();
    return undefined;
  }

  variable(pos: number, name: string): VariableNode {
    return { type: 'variable', pos, src: this.src, ident: name.split('.') };
  }

  useVar(pos: number, name: string): VariableNode {
    const v = this.variable(pos, name);
    if (!this.vars.includes(v.ident[0]!)) this.errorf(`undefined variable ${JSON.stringify(v.ident[0])}`);
    return v;
  }

  number(t: Token): NumberNode {
    const n: NumberNode = {
      type: 'number', pos: t.pos, src: this.src, text: t.val,
      isInt: false, isUint: false, isFloat: false, isChar: false, isComplex: false, re: 0, im: 0, int: 0n, uint: 0n, float: 0,
    };
    if (t.kind === 'complex') {
      // "1+2i": the sign that starts the imaginary part is the last one not inside an exponent.
      const m = /^(.*?[^eEpP])([+-][^+-]*(?:[eEpP][+-]\d+)?i)$/.exec(t.val);
      const re = m ? parseFloat64(m[1]!) : undefined;
      const im = m ? parseFloat64(m[2]!.slice(0, -1)) : undefined;
      if (re === undefined || im === undefined) this.errorf(`expected integer`);
      return simplifyComplex(n, re!, im!);
    }
    if (t.val.endsWith('i')) {
      const im = parseFloat64(t.val.slice(0, -1));
      if (im !== undefined) return simplifyComplex(n, 0, im);
    }
    if (t.kind === 'charConstant') {
      let r: string;
      try {
        r = unquote(t.val);
      } catch {
        this.errorf(`malformed character constant: ${t.val}`);
      }
      const cp = BigInt(r.codePointAt(0) ?? 0);
      Object.assign(n, { isChar: true, isInt: true, int: cp, isUint: true, uint: cp, isFloat: true, float: Number(cp) });
      return n;
    }
    const u = parseUint64(t.val);
    if (u !== undefined) { n.isUint = true; n.uint = u; }
    const i = parseInt64(t.val);
    if (i !== undefined) {
      n.isInt = true; n.int = i;
      if (i === 0n) { n.isUint = true; n.uint = u ?? 0n; }
    }
    if (n.isInt) { n.isFloat = true; n.float = Number(n.int); }
    else if (n.isUint) { n.isFloat = true; n.float = Number(n.uint); }
    else {
      const f = parseFloat64(t.val);
      if (f !== undefined) {
        if (!/[.eEpP]/.test(t.val)) this.errorf(`integer overflow: ${JSON.stringify(t.val)}`);
        n.isFloat = true; n.float = f;
        if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) { n.isInt = true; n.int = BigInt(f); }
        if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) { n.isUint = true; n.uint = BigInt(f); }
      }
    }
    if (!n.isInt && !n.isUint && !n.isFloat) this.errorf(`illegal number syntax: ${JSON.stringify(t.val)}`);
    return n;
  }
}

