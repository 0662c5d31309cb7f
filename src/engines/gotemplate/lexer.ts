// Tokenizer for Go text/template, mirroring text/template/parse/lex.go: the same token kinds, the
// same trim-marker and comment rules, and the same error texts (they end up in parse errors).

export type TokenKind =
  | 'error' | 'bool' | 'char' | 'charConstant' | 'comment' | 'complex' | 'assign' | 'declare'
  | 'eof' | 'field' | 'identifier' | 'leftDelim' | 'leftParen' | 'number' | 'pipe' | 'rawString'
  | 'rightDelim' | 'rightParen' | 'space' | 'string' | 'text' | 'variable'
  // keywords
  | 'block' | 'break' | 'continue' | 'dot' | 'define' | 'else' | 'end' | 'if' | 'range' | 'nil'
  | 'template' | 'with';

const KEYWORDS: Record<string, TokenKind> = {
  '.': 'dot', block: 'block', break: 'break', continue: 'continue', define: 'define', else: 'else',
  end: 'end', if: 'if', range: 'range', nil: 'nil', template: 'template', with: 'with',
};

export function isKeyword(kind: TokenKind): boolean {
  return kind === 'dot' || Object.values(KEYWORDS).includes(kind);
}

export interface Token {
  kind: TokenKind;
  /** Offset of the token in the input (UTF-16 index; converted to bytes for error columns). */
  pos: number;
  val: string;
  line: number;
}

const SPACE = ' \t\r\n';
const isSpace = (c: string | undefined): boolean => c !== undefined && c !== '' && SPACE.includes(c);
const isAlphaNumeric = (c: string | undefined): boolean => {
  if (c === undefined || c === '') return false;
  const code = c.charCodeAt(0);
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
  return /^[\p{L}\p{Nd}]$/u.test(c);
};

/** Go's %#U: U+0023 '#'. */
export function formatRuneU(r: string): string {
  const cp = r.codePointAt(0) ?? 0;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  return /^\p{L}|\p{M}|\p{N}|\p{P}|\p{S}| $/u.test(r) ? `U+${hex} '${r}'` : `U+${hex}`;
}

/** Tokenizes the whole input; the token list ends with 'eof' or with one 'error' token. */
export function lex(input: string, leftDelim = '{{', rightDelim = '}}'): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let start = 0;
  let parenDepth = 0;
  // Line numbers are monotonic, so count incrementally.
  let lineAt = 0;
  let lineCount = 1;
  const lineOf = (p: number): number => {
    if (p < lineAt) { lineAt = 0; lineCount = 1; }
    for (let i = lineAt; i < p; i++) if (input.charCodeAt(i) === 10) lineCount++;
    lineAt = p;
    return lineCount;
  };
  const emit = (kind: TokenKind, from = start, to = pos): void => {
    tokens.push({ kind, pos: from, val: input.slice(from, to), line: lineOf(from) });
    start = to;
  };
  const fail = (message: string): Token[] => {
    tokens.push({ kind: 'error', pos: start, val: message, line: lineOf(start) });
    return tokens;
  };
  const peekChar = (): string => {
    if (pos >= input.length) return '';
    const cp = input.codePointAt(pos) ?? 0;
    return String.fromCodePoint(cp);
  };
  const nextChar = (): string => {
    const c = peekChar();
    pos += c.length;
    return c;
  };
  const hasLeftTrim = (p: number): boolean => input[p] === '-' && isSpace(input[p + 1]);
  const atRightDelim = (): { delim: boolean; trim: boolean } => {
    if (isSpace(input[pos]) && input[pos + 1] === '-' && input.startsWith(rightDelim, pos + 2)) return { delim: true, trim: true };
    if (input.startsWith(rightDelim, pos)) return { delim: true, trim: false };
    return { delim: false, trim: false };
  };
  const atTerminator = (): boolean => {
    const c = peekChar();
    if (c === '' || isSpace(c) || '.,|:)('.includes(c)) return true;
    return input.startsWith(rightDelim, pos);
  };
  const leftTrimLength = (p: number): number => {
    let n = 0;
    while (isSpace(input[p + n])) n++;
    return n;
  };
  const accept = (valid: string): boolean => {
    if (pos < input.length && valid.includes(input[pos]!)) { pos++; return true; }
    return false;
  };
  const acceptRun = (valid: string): void => { while (accept(valid)); };
  const scanNumber = (): boolean => {
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) { accept('+-'); acceptRun('0123456789_'); }
    if (digits.length === 23 && accept('pP')) { accept('+-'); acceptRun('0123456789_'); }
    accept('i');
    if (isAlphaNumeric(peekChar())) { nextChar(); return false; }
    return true;
  };
  /** Scans a quoted string/char body after the opening quote; false when unterminated. */
  const scanQuoted = (quote: string): boolean => {
    for (;;) {
      const c = nextChar();
      if (c === '\\') {
        const r = nextChar();
        if (r !== '' && r !== '\n') continue;
        return false;
      }
      if (c === '' || c === '\n') return false;
      if (c === quote) return true;
    }
  };

  // Outer loop: text, then one action, repeatedly.
  for (;;) {
    // lexText
    const x = input.indexOf(leftDelim, pos);
    if (x < 0) {
      pos = input.length;
      if (pos > start) emit('text');
      emit('eof');
      return tokens;
    }
    if (x > pos) {
      pos = x;
      let trimLength = 0;
      if (hasLeftTrim(pos + leftDelim.length)) {
        const text = input.slice(start, pos);
        trimLength = text.length - text.replace(/[ \t\r\n]+$/, '').length;
      }
      const textEnd = pos - trimLength;
      if (textEnd > start) emit('text', start, textEnd);
      start = pos;
    }
    // lexLeftDelim
    pos += leftDelim.length;
    const trimSpace = hasLeftTrim(pos);
    const afterMarker = trimSpace ? 2 : 0;
    if (input.startsWith('/*', pos + afterMarker)) {
      // lexComment
      pos += afterMarker;
      start = pos;
      pos += 2;
      const end = input.indexOf('*/', pos);
      if (end < 0) return fail('unclosed comment');
      pos = end + 2;
      const d = atRightDelim();
      if (!d.delim) return fail('comment ends before closing delimiter');
      if (d.trim) pos += 2;
      pos += rightDelim.length;
      if (d.trim) pos += leftTrimLength(pos);
      start = pos;
      continue;
    }
    emit('leftDelim', start, pos);
    pos += afterMarker;
    start = pos;
    parenDepth = 0;
    // lexInsideAction until the right delimiter
    for (;;) {
      const d = atRightDelim();
      if (d.delim) {
        if (parenDepth !== 0) return fail('unclosed left paren');
        if (d.trim) { pos += 2; start = pos; }
        pos += rightDelim.length;
        emit('rightDelim');
        if (d.trim) pos += leftTrimLength(pos);
        start = pos;
        break;
      }
      const r = nextChar();
      if (r === '') return fail('unclosed action');
      if (isSpace(r)) {
        // lexSpace: a run of spaces; careful with " -}}" which belongs to the delimiter.
        pos -= 1;
        let numSpaces = 0;
        while (isSpace(input[pos])) { pos++; numSpaces++; }
        if (input[pos - 1] !== undefined && isSpace(input[pos - 1]) && input[pos] === '-' && input.startsWith(rightDelim, pos + 1)) {
          pos -= 1;
          if (numSpaces === 1) continue;
        }
        emit('space');
        continue;
      }
      switch (r) {
        case '=': emit('assign'); continue;
        case ':':
          if (nextChar() !== '=') return fail('expected :=');
          emit('declare'); continue;
        case '|': emit('pipe'); continue;
        case '"': if (!scanQuoted('"')) return fail('unterminated quoted string'); emit('string'); continue;
        case '`': {
          const end = input.indexOf('`', pos);
          if (end < 0) return fail('unterminated raw quoted string');
          pos = end + 1;
          emit('rawString'); continue;
        }
        case '$': {
          if (atTerminator()) { emit('variable'); continue; }
          const err = scanFieldOrVariable();
          if (err) return fail(err);
          emit('variable'); continue;
        }
        case '\'': if (!scanQuoted('\'')) return fail('unterminated character constant'); emit('charConstant'); continue;
        case '(': parenDepth++; emit('leftParen'); continue;
        case ')':
          parenDepth--;
          if (parenDepth < 0) return fail('unexpected right paren');
          emit('rightParen'); continue;
      }
      if (r === '.') {
        const nc = input[pos];
        if (nc === undefined || nc < '0' || nc > '9') {
          if (atTerminator()) { emit('dot'); continue; }
          const err = scanFieldOrVariable();
          if (err) return fail(err);
          emit('field'); continue;
        }
      }
      if (r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9')) {
        pos -= 1;
        if (!scanNumber()) return fail(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
        const sign = input[pos];
        if (sign === '+' || sign === '-') {
          if (!scanNumber() || input[pos - 1] !== 'i') return fail(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
          emit('complex'); continue;
        }
        emit('number'); continue;
      }
      if (isAlphaNumeric(r)) {
        while (isAlphaNumeric(peekChar())) nextChar();
        const word = input.slice(start, pos);
        if (!atTerminator()) return fail(`bad character ${formatRuneU(peekChar())}`);
        const kw = Object.hasOwn(KEYWORDS, word) ? KEYWORDS[word] : undefined;
        if (kw) emit(kw);
        else if (word === 'true' || word === 'false') emit('bool');
        else emit('identifier');
        continue;
      }
      const cp = r.codePointAt(0) ?? 0;
      if (cp < 0x80 && cp >= 0x20 && cp !== 0x7f) { emit('char'); continue; }
      return fail(`unrecognized character in action: ${formatRuneU(r)}`);
    }
  }

  function scanFieldOrVariable(): string | undefined {
    while (isAlphaNumeric(peekChar())) nextChar();
    if (!atTerminator()) return `bad character ${formatRuneU(peekChar())}`;
    return undefined;
  }
}

/** strconv.Quote for the ASCII-safe texts the lexer and parser quote. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}
