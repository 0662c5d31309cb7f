// The scanner of Flux's envsubst (a fork of drone/envsubst), reproduced over UTF-8 bytes because its
// behaviour depends on byte offsets and on deleting escape characters from the buffer as it goes.

const EOF = 0;

export type AcceptFn = (rune: number, offset: number) => boolean;

export const Tok = { Illegal: 0, EOF: 1, Ident: 2, LBrack: 3, RBrack: 4 } as const;
export type Token = (typeof Tok)[keyof typeof Tok];

export const MODE_IDENT = 1;
export const MODE_LBRACK = 2;
export const MODE_RBRACK = 4;
export const MODE_ESCAPE = 8;

export const ESCAPE_DOLLAR = 1;
export const ESCAPE_BACKSLASH = 2;

const DOLLAR = 0x24;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const BACKSLASH = 0x5c;
const SLASH = 0x2f;

export class Scanner {
  buf: Buffer;
  pos = 0;
  start = 0;
  width = 0;
  mode = 0;
  /** Which escapes are active: `$$` everywhere, `\/` and `\\` only inside `${...}`. */
  escapes = ESCAPE_DOLLAR;
  accept: AcceptFn = () => false;

  constructor(text: string) {
    this.buf = Buffer.from(text, 'utf8');
  }

  read(): number {
    if (this.pos >= this.buf.length) {
      this.width = 0;
      return EOF;
    }
    const [rune, width] = decodeRune(this.buf, this.pos);
    this.width = width;
    this.pos += width;
    return rune;
  }

  unread(): void {
    this.pos -= this.width;
  }

  /** Deletes the byte just before the read position: the escape character that was just read. */
  skip(): void {
    this.buf = Buffer.concat([this.buf.subarray(0, this.pos - 1), this.buf.subarray(this.pos)]);
  }

  peek(): number {
    const r = this.read();
    this.unread();
    return r;
  }

  text(): string {
    return this.buf.subarray(this.start, this.pos).toString('utf8');
  }

  scan(): Token {
    this.start = this.pos;
    const r = this.read();
    // Like Go's, the scanner treats a NUL character as the end of the input.
    if (r === EOF) return Tok.EOF;
    if (this.scanLbrack(r)) return Tok.LBrack;
    if (this.scanRbrack(r)) return Tok.RBrack;
    if (this.scanIdent(r)) return Tok.Ident;
    return Tok.Illegal;
  }

  private scanIdent(first: number): boolean {
    if ((this.mode & MODE_IDENT) === 0) return false;
    if (this.scanEscaped(first)) this.skip();
    else if (!this.accept(first, this.pos - this.start)) return false;
    for (;;) {
      const r = this.read();
      if (r === EOF) {
        this.unread();
        break;
      }
      if (this.scanLbrack(r)) {
        this.unread();
        this.unread();
        break;
      }
      if (this.scanEscaped(r)) {
        this.skip();
        continue;
      }
      if (!this.accept(r, this.pos - this.start)) {
        this.unread();
        break;
      }
    }
    return true;
  }

  private scanLbrack(r: number): boolean {
    if ((this.mode & MODE_LBRACK) === 0) return false;
    if (r === DOLLAR) {
      if (this.read() === LBRACE) return true;
      this.unread();
    }
    return false;
  }

  private scanRbrack(r: number): boolean {
    return (this.mode & MODE_RBRACK) !== 0 && r === RBRACE;
  }

  private scanEscaped(r: number): boolean {
    if ((this.mode & MODE_ESCAPE) === 0) return false;
    if (r === DOLLAR && (this.escapes & ESCAPE_DOLLAR) !== 0 && this.peek() === DOLLAR) return true;
    if (r !== BACKSLASH || (this.escapes & ESCAPE_BACKSLASH) === 0) return false;
    const next = this.peek();
    return next === SLASH || next === BACKSLASH;
  }
}

/** Decodes one UTF-8 sequence; invalid bytes decode as U+FFFD of width 1, as Go does. */
function decodeRune(buf: Buffer, at: number): [number, number] {
  const b0 = buf[at]!;
  if (b0 < 0x80) return [b0, 1];
  const need = b0 >= 0xf0 ? 4 : b0 >= 0xe0 ? 3 : b0 >= 0xc0 ? 2 : 0;
  if (need === 0 || at + need > buf.length) return [0xfffd, 1];
  let cp = b0 & (0xff >> (need + 1));
  for (let i = 1; i < need; i++) {
    const b = buf[at + i]!;
    if ((b & 0xc0) !== 0x80) return [0xfffd, 1];
    cp = (cp << 6) | (b & 0x3f);
  }
  return [cp, need];
}

// What each parsing step accepts, by rune and byte offset within the token.
const isLetterOrDigit = (r: number) => /[\p{L}\p{Nd}]/u.test(String.fromCodePoint(r));
export const accept = {
  any: (() => true) as AcceptFn,
  ident: ((r) => isLetterOrDigit(r) || r === 0x5f) as AcceptFn,
  colon: ((r) => r === 0x3a) as AcceptFn,
  oneHash: ((r, i) => r === 0x23 && i === 1) as AcceptFn,
  notClosing: ((r) => r !== RBRACE) as AcceptFn,
  hashFunc: ((r, i) => r === 0x23 && i < 3) as AcceptFn,
  percentFunc: ((r, i) => r === 0x25 && i < 3) as AcceptFn,
  defaultFunc: ((r, i) => (i === 1 && r === 0x3a) || (i === 2 && (r === 0x3d || r === 0x2d || r === 0x3f || r === 0x2b))) as AcceptFn,
  replaceFunc: ((r, i) => (i === 1 && r === SLASH) || (i === 2 && (r === SLASH || r === 0x23 || r === 0x25))) as AcceptFn,
  oneEqual: ((r, i) => i === 1 && r === 0x3d) as AcceptFn,
  oneColon: ((r, i) => i === 1 && r === 0x3a) as AcceptFn,
  notColonOrClose: ((r) => r !== 0x3a && r !== RBRACE) as AcceptFn,
  slash: ((r) => r === SLASH) as AcceptFn,
  notSlash: ((r) => r !== SLASH) as AcceptFn,
  casingFunc: ((r, i) => (r === 0x2c || r === 0x5e) && i < 3) as AcceptFn,
};
