// A set of named templates sharing functions and definitions: Go's *template.Template with its
// associated templates (Helm parses every chart file into one set and executes each by name).
import { builtinFuncs } from './builtins.ts';
import { executeTree, TemplateError } from './exec.ts';
import type { MissingKey } from './exec.ts';
import { isEmptyTree } from './nodes.ts';
import { ParseError, parseTemplate } from './parser.ts';
import type { ParsedTree } from './parser.ts';
import type { FuncMap, GoFunc } from './signature.ts';

const BUILTINS = builtinFuncs();

export interface TemplateSetOptions {
  missingKey?: MissingKey;
  /** Name of the root template, used in lookup errors (Helm: "gotpl"). */
  name?: string;
}

export interface ExecuteOptions {
  missingKey?: MissingKey;
}

export class TemplateSet {
  private readonly trees = new Map<string, ParsedTree>();
  private readonly userFuncs = new Map<string, GoFunc>();
  private missingKey: MissingKey;
  private readonly name: string;
  private leftDelim = '{{';
  private rightDelim = '}}';

  constructor(options: TemplateSetOptions = {}) {
    this.missingKey = options.missingKey ?? 'default';
    this.name = options.name ?? '';
  }

  /** Adds functions; later calls override earlier ones (and the built-ins), as Go's Funcs. */
  funcs(map: FuncMap): this {
    for (const [name, fn] of Object.entries(map)) this.userFuncs.set(name, fn);
    return this;
  }

  delims(left: string, right: string): this {
    this.leftDelim = left || '{{';
    this.rightDelim = right || '}}';
    return this;
  }

  option(missingKey: MissingKey): this {
    this.missingKey = missingKey;
    return this;
  }

  /** Parses text as template `name`; its {{define}}s join the set. Throws TemplateError. */
  parse(name: string, text: string): this {
    let parsed: Map<string, ParsedTree>;
    try {
      parsed = parseTemplate(name, text, (fn) => this.userFuncs.has(fn) || Object.hasOwn(BUILTINS, fn), [this.leftDelim, this.rightDelim]);
    } catch (e) {
      if (e instanceof ParseError) throw new TemplateError(e.message, 'parse');
      throw e;
    }
    for (const [treeName, tree] of parsed) {
      const old = this.trees.get(treeName);
      // A template by that name is never replaced with an empty one.
      if (old && isEmptyTree(tree.root)) continue;
      this.trees.set(treeName, tree);
    }
    if (!parsed.has(name) && !this.trees.has(name)) {
      this.trees.set(name, { name, root: { type: 'list', pos: 0, src: { parseName: name, text }, nodes: [] }, src: { parseName: name, text } });
    }
    return this;
  }

  /** Executes template `name` with data; returns the output or throws TemplateError. */
  execute(name: string, data: unknown, options: ExecuteOptions = {}): string {
    const tree = this.trees.get(name);
    if (!tree) {
      throw new TemplateError(`template: no template ${JSON.stringify(name)} associated with template ${JSON.stringify(this.name)}`, 'lookup');
    }
    return executeTree({
      lookupTree: (n) => this.trees.get(n),
      findFunction: (fn) => {
        const user = this.userFuncs.get(fn);
        if (user) return { fn: user, builtin: false };
        const builtin = Object.hasOwn(BUILTINS, fn) ? BUILTINS[fn] : undefined;
        return builtin ? { fn: builtin, builtin: true } : undefined;
      },
      missingKey: options.missingKey ?? this.missingKey,
    }, tree, data);
  }

  lookup(name: string): { name: string; isEmpty(): boolean } | undefined {
    const tree = this.trees.get(name);
    if (!tree) return undefined;
    return { name, isEmpty: () => isEmptyTree(tree.root) };
  }

  templateNames(): string[] {
    return [...this.trees.keys()];
  }

  /** An independent copy sharing nothing mutable (Helm's tpl parses into a clone). */
  clone(): TemplateSet {
    const c = new TemplateSet({ missingKey: this.missingKey, name: this.name });
    for (const [k, v] of this.trees) c.trees.set(k, v);
    for (const [k, v] of this.userFuncs) c.userFuncs.set(k, v);
    c.leftDelim = this.leftDelim;
    c.rightDelim = this.rightDelim;
    return c;
  }
}
