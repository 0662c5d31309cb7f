// Parse-tree nodes of a Go template and their String() forms, which Go prints in error messages
// ("executing \"x\" at <.Values.a>: ...", "unexpected {{end}}").

/** Where a node was parsed from: Go reports errors as ParseName:line:col of this text. */
export interface Source {
  parseName: string;
  text: string;
}

interface Base { pos: number; src: Source }

export interface ListNode extends Base { type: 'list'; nodes: Node[] }
export interface TextNode extends Base { type: 'text'; text: string }
export interface ActionNode extends Base { type: 'action'; line: number; pipe: PipeNode }
export interface BranchNode extends Base {
  type: 'if' | 'range' | 'with';
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | undefined;
}
export interface TemplateNode extends Base { type: 'template'; line: number; name: string; pipe: PipeNode | undefined }
export interface BreakNode extends Base { type: 'break' | 'continue'; line: number }
/** Internal markers returned by itemList, never stored in a tree. */
export interface EndNode extends Base { type: 'end' | 'else'; line: number }

export interface PipeNode extends Base {
  type: 'pipe';
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode extends Base { type: 'command'; args: ArgNode[] }
export interface FieldNode extends Base { type: 'field'; ident: string[] }
export interface VariableNode extends Base { type: 'variable'; ident: string[] }
export interface ChainNode extends Base { type: 'chain'; node: ArgNode; field: string[] }
export interface IdentifierNode extends Base { type: 'identifier'; ident: string }
export interface DotNode extends Base { type: 'dot' }
export interface NilNode extends Base { type: 'nil' }
export interface BoolNode extends Base { type: 'bool'; value: boolean }
export interface StringNode extends Base { type: 'string'; quoted: string; text: string }
export interface NumberNode extends Base {
  type: 'number';
  text: string;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isChar: boolean;
  isComplex: boolean;
  re: number;
  im: number;
  int: bigint;
  uint: bigint;
  float: number;
}

export type ArgNode =
  | FieldNode | VariableNode | ChainNode | IdentifierNode | DotNode | NilNode | BoolNode
  | StringNode | NumberNode | PipeNode;
export type Node = ListNode | TextNode | ActionNode | BranchNode | TemplateNode | BreakNode | EndNode | ArgNode | CommandNode;

export function nodeString(n: Node): string {
  switch (n.type) {
    case 'list': return n.nodes.map(nodeString).join('');
    case 'text': return n.text;
    case 'action': return `{{${nodeString(n.pipe)}}}`;
    case 'if': case 'range': case 'with': {
      let s = `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}`;
      if (n.elseList) s += `{{else}}${nodeString(n.elseList)}`;
      return `${s}{{end}}`;
    }
    case 'template':
      return n.pipe ? `{{template ${JSON.stringify(n.name)} ${nodeString(n.pipe)}}}` : `{{template ${JSON.stringify(n.name)}}}`;
    case 'break': return '{{break}}';
    case 'continue': return '{{continue}}';
    case 'end': return '{{end}}';
    case 'else': return '{{else}}';
    case 'pipe': {
      let s = '';
      if (n.decl.length > 0) s = `${n.decl.map(nodeString).join(', ')} ${n.isAssign ? '=' : ':='} `;
      return s + n.cmds.map(nodeString).join(' | ');
    }
    case 'command': return n.args.map((a) => (a.type === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'field': return n.ident.map((id) => `.${id}`).join('');
    case 'variable': return n.ident.join('.');
    case 'chain': {
      const head = n.node.type === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node);
      return head + n.field.map((f) => `.${f}`).join('');
    }
    case 'identifier': return n.ident;
    case 'dot': return '.';
    case 'nil': return 'nil';
    case 'bool': return n.value ? 'true' : 'false';
    case 'string': return n.quoted;
    case 'number': return n.text;
  }
}

/** parse.IsEmptyTree: a template made only of whitespace text (and comments) is empty. */
export function isEmptyTree(n: Node | undefined): boolean {
  if (!n) return true;
  if (n.type === 'list') return n.nodes.every(isEmptyTree);
  if (n.type === 'text') return n.text.trim() === '' && !/[^ \t\n\r\v\f\u0085\u00a0]/.test(n.text);
  return false;
}

/** "NAME:LINE:COL" of a node, as Go's Tree.ErrorContext computes it (column in bytes). */
export function errorLocation(n: Node): string {
  const before = n.src.text.slice(0, n.pos);
  const nl = before.lastIndexOf('\n');
  const col = nl === -1 ? Buffer.byteLength(before) : Buffer.byteLength(before.slice(nl + 1));
  let line = 1;
  for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) line++;
  return `${n.src.parseName}:${line}:${col}`;
}
