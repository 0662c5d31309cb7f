// Parses `${...}` expressions into text and function nodes, following the grammar of Flux's envsubst
// step by step (each step sets what the scanner accepts next), so malformed input fails the same way.
import { accept, ESCAPE_BACKSLASH, ESCAPE_DOLLAR, MODE_ESCAPE, MODE_IDENT, MODE_LBRACK, MODE_RBRACK, Scanner, Tok, type AcceptFn } from './scanner.ts';

export type Node =
  | { type: 'text'; value: string }
  | { type: 'func'; param: string; name: string; args: Node[] }
  | { type: 'list'; nodes: Node[] };

/** A malformed expression; the messages are Flux's. */
export class BadSubstitution extends Error {
  constructor(message = 'bad substitution') {
    super(message);
  }
}

const EMPTY: Node = { type: 'list', nodes: [] };

export function parse(text: string): Node {
  return new Parser(text).parseAny();
}

class Parser {
  private readonly s: Scanner;

  constructor(text: string) {
    this.s = new Scanner(text);
  }

  parseAny(): Node {
    this.s.accept = accept.any;
    this.s.mode = MODE_IDENT | MODE_LBRACK | MODE_ESCAPE;
    this.s.escapes = ESCAPE_DOLLAR;
    switch (this.s.scan()) {
      case Tok.Ident:
        return this.join({ type: 'text', value: this.s.text() });
      case Tok.EOF:
        return EMPTY;
      case Tok.LBrack:
        return this.join(this.parseFunc());
      default:
        throw new BadSubstitution();
    }
  }

  private join(left: Node): Node {
    const right = this.parseAny();
    return right === EMPTY ? left : { type: 'list', nodes: [left, right] };
  }

  private scanIdent(acceptFn: AcceptFn, error?: string): string {
    this.s.accept = acceptFn;
    this.s.mode = MODE_IDENT;
    if (this.s.scan() !== Tok.Ident) throw new BadSubstitution(error);
    return this.s.text();
  }

  private parseFunc(): Node {
    this.s.escapes = ESCAPE_DOLLAR | ESCAPE_BACKSLASH;
    if (this.s.peek() === 0x23 /* # */) return this.parseLenFunc();
    const name = this.scanIdent(accept.ident, 'unable to parse variable name');
    switch (this.s.peek()) {
      case 0x3a: // :
        return this.parseDefaultOrSubstr(name);
      case 0x3d: // =
        return this.parseDefaultFunc(name);
      case 0x2c: // ,
      case 0x5e: // ^
        return this.func(name, this.scanIdent(accept.casingFunc), []);
      case 0x2f: // /
        return this.parseReplaceFunc(name);
      case 0x23: // #
        return this.func(name, this.scanIdent(accept.hashFunc), [this.parseParam(accept.notClosing, MODE_IDENT)]);
      case 0x25: // %
        return this.func(name, this.scanIdent(accept.percentFunc), [this.parseParam(accept.notClosing, MODE_IDENT)]);
    }
    this.s.accept = accept.ident;
    this.s.mode = MODE_RBRACK;
    if (this.s.scan() !== Tok.RBrack) throw new BadSubstitution('missing closing brace');
    return { type: 'func', param: name, name: '', args: [] };
  }

  /** A function node whose closing brace is still to be consumed. */
  private func(param: string, name: string, args: Node[]): Node {
    this.consumeRbrack();
    return { type: 'func', param, name, args };
  }

  private parseParam(acceptFn: AcceptFn, mode: number): Node {
    this.s.accept = acceptFn;
    this.s.mode = mode | MODE_LBRACK;
    switch (this.s.scan()) {
      case Tok.LBrack:
        return this.parseFunc();
      case Tok.Ident:
      case Tok.RBrack:
        return { type: 'text', value: this.s.text() };
      default:
        throw new BadSubstitution('unable to parse substitution within function');
    }
  }

  private parseDefaultOrSubstr(name: string): Node {
    this.s.read();
    const r = this.s.peek();
    this.s.unread();
    return r === 0x3d || r === 0x2d || r === 0x3f || r === 0x2b ? this.parseDefaultFunc(name) : this.parseSubstrFunc(name);
  }

  private parseSubstrFunc(param: string): Node {
    const name = this.scanIdent(accept.oneColon);
    const args = [this.parseParam(accept.notColonOrClose, MODE_IDENT)];
    this.s.accept = accept.colon;
    this.s.mode = MODE_IDENT | MODE_RBRACK;
    const t = this.s.scan();
    if (t === Tok.RBrack) return { type: 'func', param, name, args };
    if (t !== Tok.Ident) throw new BadSubstitution();
    args.push(this.parseParam(accept.notClosing, MODE_IDENT));
    return this.func(param, name, args);
  }

  private parseReplaceFunc(param: string): Node {
    const name = this.scanIdent(accept.replaceFunc);
    const args = [this.parseParam(accept.notSlash, MODE_IDENT | MODE_ESCAPE)];
    this.scanIdent(accept.slash);
    if (this.s.peek() !== 0x7d) args.push(this.parseParam(accept.notClosing, MODE_IDENT | MODE_ESCAPE));
    return this.func(param, name, args);
  }

  private parseDefaultFunc(param: string): Node {
    const name = this.scanIdent(this.s.peek() === 0x3d ? accept.oneEqual : accept.defaultFunc, 'unable to parse default function');
    const args: Node[] = [];
    while (this.s.peek() !== 0x7d) args.push(this.parseParam(accept.notClosing, MODE_IDENT));
    return this.func(param, name, args);
  }

  private parseLenFunc(): Node {
    const name = this.scanIdent(accept.oneHash);
    const param = this.scanIdent(accept.ident);
    return this.func(param, name, []);
  }

  private consumeRbrack(): void {
    this.s.mode = MODE_RBRACK;
    if (this.s.scan() !== Tok.RBrack) throw new BadSubstitution();
  }
}
