// The executor: walks a parsed template with a data value, following text/template/exec.go —
// variable scoping, field and method evaluation, Go's argument conversion and error texts.
import { sprint } from './fmt.ts';
import { errorLocation, nodeString } from './nodes.ts';
import type {
  ArgNode, BranchNode, ChainNode, CommandNode, FieldNode, IdentifierNode, Node, NumberNode, PipeNode,
  TemplateNode, VariableNode,
} from './nodes.ts';
import type { ParsedTree } from './parser.ts';
import { signatureOf } from './signature.ts';
import type { GoFunc, GoParamType } from './signature.ts';
import {
  GoComplex, GoNumber, hasPointerReceiver, isGoMap, isPlainMap, isStruct, isTrue, mapGet, sliceType, sortedKeys, typeName,
} from './values.ts';
import type { GoNumberType } from './values.ts';

export type MissingKey = 'default' | 'invalid' | 'zero' | 'error';

/** A Go template error; message is exactly Go's. */
export class TemplateError extends Error {
  /** 'parse' (Parse failed), 'exec' (Go's template.ExecError) or 'lookup' (no such template). */
  readonly kind: 'parse' | 'exec' | 'lookup';
  partialOutput = '';
  constructor(message: string, kind: 'parse' | 'exec' | 'lookup', options?: ErrorOptions) {
    super(message, options);
    this.kind = kind;
  }
}

/**
 * A value whose static Go type is interface{}: an element of a map[string]interface{} or of a
 * []interface{}. Only the executor sees it; Go reports such receivers as "interface {}".
 */
class Boxed {
  readonly v: unknown;
  constructor(v: unknown) { this.v = v; }
}

/**
 * An addressable struct value: a field reached through a pointer to a struct. Go finds methods
 * with pointer receivers (a class's `static pointerMethods`) only on such values, e.g. the
 * template printing {{ .Capabilities.KubeVersion }} uses its String(), a copy passed to a
 * function does not.
 */
class Addressable {
  readonly v: unknown;
  constructor(v: unknown) { this.v = v; }
}

const unbox = (v: unknown): unknown => {
  while (v instanceof Boxed || v instanceof Addressable) v = v.v;
  return v;
};

const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');
const MISSING = Symbol('missing final');
type Final = unknown;

export interface ExecContext {
  lookupTree(name: string): ParsedTree | undefined;
  findFunction(name: string): { fn: GoFunc; builtin: boolean } | undefined;
  missingKey: MissingKey;
}

const MAX_EXEC_DEPTH = 100000;

interface Variable { name: string; value: unknown }

export function executeTree(ctx: ExecContext, tree: ParsedTree, data: unknown): string {
  const st = new State(ctx, tree.name);
  const dot = data === null ? undefined : data;
  st.vars = [{ name: '$', value: dot }];
  try {
    st.walk(dot, tree.root);
  } catch (e) {
    if (e instanceof TemplateError) {
      e.partialOutput = st.out.join('');
      throw e;
    }
    if (e instanceof RangeError && /call stack/.test(e.message)) {
      const err = new TemplateError(`template: ${tree.name}: exceeded maximum template depth (${MAX_EXEC_DEPTH})`, 'exec');
      err.partialOutput = st.out.join('');
      throw err;
    }
    throw e;
  }
  return st.out.join('');
}

class State {
  readonly ctx: ExecContext;
  tmplName: string;
  out: string[] = [];
  vars: Variable[] = [];
  node: Node | undefined;
  depth = 0;

  constructor(ctx: ExecContext, tmplName: string) {
    this.ctx = ctx;
    this.tmplName = tmplName;
  }

  at(n: Node): void { this.node = n; }

  /** `cause`: the error Go wraps with %w (a function's error), which errors.Unwrap gives back. */
  errorf(msg: string, cause?: unknown): never {
    const name = this.tmplName;
    const options = cause === undefined ? undefined : { cause };
    if (!this.node) throw new TemplateError(`template: ${name}: ${msg}`, 'exec', options);
    const context = nodeString(this.node);
    throw new TemplateError(`template: ${errorLocation(this.node)}: executing ${JSON.stringify(name)} at <${context}>: ${msg}`, 'exec', options);
  }

  mark(): number { return this.vars.length; }
  pop(mark: number): void { this.vars.length = mark; }
  push(name: string, value: unknown): void { this.vars.push({ name, value }); }
  setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) { this.vars[i]!.value = value; return; }
    }
    this.errorf(`undefined variable: ${name}`);
  }
  setTopVar(n: number, value: unknown): void { this.vars[this.vars.length - n]!.value = value; }
  varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) return this.vars[i]!.value;
    }
    this.errorf(`undefined variable: ${name}`);
  }

  walk(dot: unknown, node: Node): void {
    this.at(node);
    switch (node.type) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'break': throw BREAK;
      case 'continue': throw CONTINUE;
      case 'if': case 'with': this.walkIfOrWith(dot, node); return;
      case 'list': for (const n of node.nodes) this.walk(dot, n); return;
      case 'range': this.walkRange(dot, node); return;
      case 'template': this.walkTemplate(dot, node); return;
      case 'text': this.out.push(node.text); return;
      default: this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  walkIfOrWith(dot: unknown, node: BranchNode): void {
    const mark = this.mark();
    try {
      const val = this.evalPipeline(dot, node.pipe);
      if (isTrue(unbox(val))) {
        this.walk(node.type === 'with' ? val : dot, node.list);
      } else if (node.elseList) {
        this.walk(dot, node.elseList);
      }
    } finally {
      this.pop(mark);
    }
  }

  walkRange(dot: unknown, r: BranchNode): void {
    this.at(r);
    const outer = this.mark();
    try {
      const val = unbox(this.evalPipeline(dot, r.pipe));
      const mark = this.mark();
      const decl = r.pipe.decl;
      const oneIteration = (index: unknown, elem: unknown): void => {
        if (decl.length > 0) {
          if (r.pipe.isAssign) this.setVar(decl[0]!.ident[0]!, decl.length > 1 ? index : elem);
          else this.setTopVar(1, elem);
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1]!.ident[0]!, elem);
          else this.setTopVar(2, index);
        }
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (e !== CONTINUE) throw e;
        } finally {
          this.pop(mark);
        }
      };
      try {
        if (Array.isArray(val)) {
          if (val.length > 0) {
            const boxed = sliceType(val) === '[]interface {}';
            for (let i = 0; i < val.length; i++) oneIteration(BigInt(i), boxed ? new Boxed(val[i]) : val[i]);
            return;
          }
        } else if (val instanceof Uint8Array) {
          if (val.length > 0) {
            for (let i = 0; i < val.length; i++) oneIteration(BigInt(i), new GoNumber('uint8', val[i]!));
            return;
          }
        } else if (isGoMap(val)) {
          const keys = sortedKeys(val);
          if (keys.length > 0) {
            for (const k of keys) oneIteration(k, new Boxed(mapGet(val, k).value));
            return;
          }
        } else if (val === undefined || val === null) {
          // An invalid value is likely a nil map; not an error.
        } else if (typeof val === 'bigint' || (val instanceof GoNumber && val.type !== 'float32')) {
          if (decl.length > 1) this.errorf(`can't use ${sprint(val)} to iterate over more than one variable`);
          const n = typeof val === 'bigint' ? val : BigInt(val.value);
          if (n > 0n) {
            for (let i = 0n; i < n; i++) {
              const v = typeof val === 'bigint' ? i : new GoNumber(val.type, i);
              oneIteration(v, v);
            }
            return;
          }
        } else {
          this.errorf(`range can't iterate over ${sprint(val)}`);
        }
      } catch (e) {
        if (e === BREAK) return;
        throw e;
      }
      if (r.elseList) this.walk(dot, r.elseList);
    } finally {
      this.pop(outer);
    }
  }

  walkTemplate(dot: unknown, t: TemplateNode): void {
    this.at(t);
    const tree = this.ctx.lookupTree(t.name);
    if (!tree) this.errorf(`template ${JSON.stringify(t.name)} not defined`);
    if (this.depth === MAX_EXEC_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    const newDot = t.pipe ? this.evalPipeline(dot, t.pipe) : undefined;
    const saved = { vars: this.vars, name: this.tmplName };
    this.vars = [{ name: '$', value: newDot }];
    this.tmplName = tree.name;
    this.depth++;
    try {
      this.walk(newDot, tree.root);
    } finally {
      this.depth--;
      this.vars = saved.vars;
      this.tmplName = saved.name;
    }
  }

  evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // A value of static type interface{} is replaced by its dynamic value ("lovely!" in Go).
      if (value instanceof Boxed) value = value.v;
      if (value === null) value = undefined;
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0]!, value);
      else this.push(v.ident[0]!, value);
    }
    return value;
  }

  notAFunction(args: ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0]!;
    switch (first.type) {
      case 'field': return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain': return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier': return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe': this.notAFunction(cmd.args, final); return this.evalPipeline(dot, first);
      case 'variable': return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool': return first.value;
      case 'dot': return dot;
      case 'nil': this.errorf('nil is not a command');
      case 'number': return this.idealConstant(first);
      case 'string': return first.text;
    }
  }

  idealConstant(c: NumberNode): unknown {
    this.at(c);
    if (c.isComplex) return new GoComplex(c.re, c.im);
    const hexInt = /^[+-]?0[xX]/.test(c.text) && !/[pP]/.test(c.text);
    if (c.isFloat && !hexInt && !c.isChar && /[.eEpP]/.test(c.text)) return c.float;
    if (c.isInt) return c.int;
    if (c.isUint) this.errorf(`${c.text} overflows int`);
    return undefined;
  }

  evalFieldNode(dot: unknown, field: FieldNode, args: ArgNode[], final: Final): unknown {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  evalChainNode(dot: unknown, chain: ChainNode, args: ArgNode[], final: Final): unknown {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, 'interface {}', chain.node, true);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  evalVariableNode(dot: unknown, v: VariableNode, args: ArgNode[], final: Final): unknown {
    this.at(v);
    const value = this.varValue(v.ident[0]!);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  evalFieldChain(dot: unknown, receiver: unknown, node: Node, ident: string[], args: ArgNode[], final: Final): unknown {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) receiver = this.evalField(dot, ident[i]!, node, [], MISSING, receiver);
    return this.evalField(dot, ident[n - 1]!, node, args, final, receiver);
  }

  evalField(dot: unknown, fieldName: string, node: Node, args: ArgNode[], final: Final, receiver: unknown): unknown {
    if (receiver === undefined) {
      if (this.ctx.missingKey === 'error') this.errorf(`nil data; no entry for key ${JSON.stringify(fieldName)}`);
      return undefined;
    }
    const typ = receiver instanceof Boxed ? 'interface {}' : typeName(unbox(receiver));
    const value = unbox(receiver);
    if (value === null || value === undefined) this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
    // Fields of a pointer to struct, and of an addressable struct, are addressable.
    const addressable = receiver instanceof Addressable || (isStruct(value) && typeName(value).startsWith('*'));
    const method = goMethod(value, fieldName, addressable);
    if (method) return this.evalCall(dot, method.bind(value), signatureOf(method), false, node, fieldName, args, final);
    const hasArgs = args.length > 1 || final !== MISSING;
    if (isStruct(value)) {
      if (Object.hasOwn(value, fieldName)) {
        if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
        const field = value[fieldName];
        return addressable && isStruct(field) ? new Addressable(field) : field;
      }
    } else if (isGoMap(value)) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      const r = mapGet(value, fieldName);
      if (r.found) return new Boxed(r.value);
      switch (this.ctx.missingKey) {
        case 'zero': return new Boxed(null);
        case 'error': this.errorf(`map has no entry for key ${JSON.stringify(fieldName)}`);
        default: return undefined;
      }
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
  }

  evalFunction(dot: unknown, node: IdentifierNode, cmd: Node, args: ArgNode[], final: Final): unknown {
    this.at(node);
    const name = node.ident;
    const found = this.ctx.findFunction(name);
    if (!found) this.errorf(`${JSON.stringify(name)} is not a defined function`);
    return this.evalCall(dot, found.fn, signatureOf(found.fn), found.builtin, cmd, name, args, final);
  }

  evalCall(
    dot: unknown, fn: GoFunc, sig: ReturnType<typeof signatureOf>, builtin: boolean, node: Node, name: string,
    allArgs: ArgNode[], final: Final,
  ): unknown {
    const args = allArgs.slice(1);
    const numIn = args.length + (final !== MISSING ? 1 : 0);
    const params = sig?.params ?? [];
    const variadic = sig ? sig.variadic : 'interface {}';
    const numFixed = variadic !== undefined ? params.length : args.length;
    if (variadic !== undefined) {
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${args.length}`);
    } else if (numIn !== params.length) {
      this.errorf(`wrong number of args for ${name}: want ${params.length} got ${numIn}`);
    }

    if (builtin && (name === 'and' || name === 'or')) {
      let v: unknown;
      for (const arg of args) {
        v = unbox(this.evalArg(dot, 'reflect.Value', arg));
        if (isTrue(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = unbox(this.validateType(final, 'reflect.Value'));
      return v;
    }

    const argv: unknown[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, params[i] ?? 'interface {}', args[i]!));
    if (variadic !== undefined) {
      for (; i < args.length; i++) argv.push(this.evalArg(dot, variadic, args[i]!));
    }
    if (final !== MISSING) {
      let t: GoParamType = params[params.length - 1] ?? 'interface {}';
      if (variadic !== undefined) t = numIn - 1 < numFixed ? params[numIn - 1]! : variadic;
      argv.push(this.validateType(final, t));
    }
    // The call built-in learns the callee's expression for its error messages.
    if (builtin && name === 'call') argv.unshift(args.length > 0 ? nodeString(args[0]!) : String(unbox(final)));
    const callArgs = argv.map((a) => {
      const v = unbox(a);
      return v === undefined && !builtin ? null : v;
    });
    let result: unknown;
    try {
      result = fn(...callArgs);
    } catch (e) {
      if (e === BREAK || e === CONTINUE) throw e;
      this.at(node);
      const msg = e instanceof Error ? e.message : String(e);
      this.errorf(`error calling ${name}: ${msg}`, e);
    }
    return result;
  }

  /** Checks a computed value against a parameter type, as Go's validateType. */
  validateType(value: unknown, typ: GoParamType): unknown {
    if (value === undefined) {
      if (typ === 'reflect.Value') return undefined;
      if (canBeNil(typ)) return null;
      this.errorf(`invalid value; expected ${typ}`);
    }
    if (typ === 'interface {}' || typ === 'reflect.Value') return value;
    const inner = unbox(value);
    if (inner === null) this.errorf(`wrong type for value; expected ${typ}; got interface {}`);
    if (!assignable(inner, typ)) this.errorf(`wrong type for value; expected ${typ}; got ${typeName(inner)}`);
    return inner;
  }

  evalArg(dot: unknown, typ: GoParamType, n: ArgNode, keepBox = false): unknown {
    this.at(n);
    let v: unknown;
    switch (n.type) {
      case 'dot': v = dot; break;
      case 'nil':
        // A reflect.Value parameter receives the zero Value, which the built-ins treat as a missing value.
        if (typ === 'reflect.Value') return undefined;
        if (canBeNil(typ)) return null;
        this.errorf(`cannot assign nil to ${typ}`);
      case 'field': v = this.evalFieldNode(dot, n, [n], MISSING); break;
      case 'variable': v = this.evalVariableNode(dot, n, [], MISSING); break;
      case 'pipe': v = this.evalPipeline(dot, n); break;
      case 'identifier': v = this.evalFunction(dot, n, n, [n], MISSING); break;
      case 'chain': v = this.evalChainNode(dot, n, [], MISSING); break;
      default: return this.evalConstant(dot, typ, n);
    }
    if (keepBox) return v;
    return this.validateType(v, typ);
  }

  evalConstant(dot: unknown, typ: GoParamType, n: ArgNode): unknown {
    switch (typ) {
      case 'bool':
        if (n.type === 'bool') return n.value;
        this.errorf(`expected bool; found ${nodeString(n)}`);
      case 'float64':
        if (n.type === 'number' && n.isFloat) return n.float;
        this.errorf(`expected float; found ${nodeString(n)}`);
      case 'int': case 'int64': case 'int32':
        if (n.type === 'number' && n.isInt) {
          if (typ === 'int32' && BigInt.asIntN(32, n.int) !== n.int) this.errorf(`${n.text} overflows ${typ}`);
          return typ === 'int' ? n.int : new GoNumber(typ as GoNumberType, n.int);
        }
        this.errorf(`expected integer; found ${nodeString(n)}`);
      case 'uint': case 'uint8': case 'uint32': case 'uint64':
        if (n.type === 'number' && n.isUint) return new GoNumber(typ as GoNumberType, n.uint);
        this.errorf(`expected unsigned integer; found ${nodeString(n)}`);
      case 'string':
        if (n.type === 'string') return n.text;
        this.errorf(`expected string; found ${nodeString(n)}`);
      case 'interface {}': case 'reflect.Value':
        switch (n.type) {
          case 'bool': return n.value;
          case 'number': return this.idealConstant(n);
          case 'string': return n.text;
        }
    }
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${typ}`);
  }

  printValue(n: Node, v: unknown): void {
    this.at(n);
    const value = unbox(v);
    if (value === undefined || value === null) { this.out.push('<no value>'); return; }
    if (typeof value === 'function') this.errorf(`can't print ${nodeString(n)} of type ${typeName(value)}`);
    const str = v instanceof Addressable ? goMethod(value, 'String', true) : undefined;
    this.out.push(str ? String(str.call(value)) : sprint(value));
  }
}

/**
 * A Go method of a value: an exported (capitalized) function on its prototype chain. Works for
 * structs (class instances) and for named map/slice types (Map or Array subclasses).
 */
function goMethod(value: unknown, name: string, addressable: boolean): GoFunc | undefined {
  if (value === null || typeof value !== 'object' || !/^\p{Lu}/u.test(name)) return undefined;
  if (Object.hasOwn(value, name)) return undefined;
  if (!addressable && hasPointerReceiver(value, name)) return undefined;
  const m = (value as Record<string, unknown>)[name];
  return typeof m === 'function' ? (m as GoFunc) : undefined;
}

function canBeNil(typ: GoParamType): boolean {
  return typ === 'interface {}' || typ.startsWith('[]') || typ.startsWith('map[');
}

function assignable(v: unknown, typ: GoParamType): boolean {
  switch (typ) {
    case 'string': return typeof v === 'string';
    case 'bool': return typeof v === 'boolean';
    case 'int': return typeof v === 'bigint';
    case 'float64': return typeof v === 'number';
    case '[]interface {}': case '[]string': return Array.isArray(v) && sliceType(v) === typ;
    case 'map[string]interface {}': return isPlainMap(v);
    default: return typeName(v) === typ;
  }
}

