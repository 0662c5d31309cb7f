// go-yaml's scalar emitter (emitterc.go: analyze_scalar, select_scalar_style and the write_*_scalar
// functions), shared by Helm's toYaml/toYamlPretty and kustomize's output, which both print through
// go-yaml. What differs between their emitters is passed in: how wide a line may get before plain and
// quoted text folds (80 for go-yaml v2's Marshal, unlimited for Helm's v3 encoder), and where the text
// goes (a ScalarSink, which knows the indentation of continuation lines).

export interface ScalarSink {
  /** The current column, in characters. */
  readonly column: number;
  /** Writes text on the current line. */
  write(text: string): void;
  /** A break character of the value: `\n` ends the line; U+2028/U+2029 and the like are written as they are. Either way the column is 0 after it. */
  lineBreak(c: string): void;
  /** Continues the scalar on a new line at its indentation (a fold). */
  fold(): void;
  /** Indents a line that a break in the value began. */
  indent(): void;
}

export interface ScalarOptions {
  /** A mapping key: no folding, no block styles. */
  simpleKey: boolean;
  /** Whether the plain text would read back as something other than this string (see resolve.ts). */
  quote: boolean;
  /** Plain and quoted text folds at a space past this column. */
  width: number;
}

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

const BEST_INDENT = 2;

const isSpace = (c: string | undefined): boolean => c === ' ';
export const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlankz = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\t' || isBreak(c) || c === '\0';

/** libyaml's notion of a printable character (note: no C1 controls, no BOM, nothing above U+FFFF). */
function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

function analyze(chars: string[]): Analysis {
  if (chars.length === 0) return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  let blockIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  const head = chars.slice(0, 3).join('');
  if (head === '---' || head === '...') blockIndicators = true;
  let precededByWhitespace = true;
  let followedByWhitespace = isBlankz(chars[1]);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      if ((c === '?' || c === ':') && followedByWhitespace) blockIndicators = true;
      if (c === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (c === ':' && followedByWhitespace) blockIndicators = true;
      if (c === '#' && precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(c)) specialCharacters = true;
    if (isBreak(c)) lineBreaks = true;
    const first = i === 0;
    const last = i === chars.length - 1;
    if (isSpace(c)) {
      if (first) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      if (first) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousBreak = true;
      previousSpace = false;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(c);
    followedByWhitespace = isBlankz(chars[i + 2]);
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

function chooseStyle(s: string, chars: string[], opts: ScalarOptions): ScalarStyle {
  const a = analyze(chars);
  let style: ScalarStyle = s.includes('\n') ? 'literal' : opts.quote ? 'double' : 'plain';
  if (opts.simpleKey && a.multiline) return 'double';
  if (style === 'plain') {
    if (!a.blockPlainAllowed) style = 'single';
    if (chars.length === 0 && opts.simpleKey) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || opts.simpleKey)) style = 'double';
  return style;
}

/** Writes a string scalar at the sink's current position and returns the style it chose. */
export function writeScalar(out: ScalarSink, s: string, opts: ScalarOptions): ScalarStyle {
  const chars = [...s];
  const style = chooseStyle(s, chars, opts);
  const fold = opts.simpleKey ? Infinity : opts.width;
  if (style === 'plain') writePlain(out, chars, fold);
  else if (style === 'single') writeSingle(out, chars, fold);
  else if (style === 'double') writeDouble(out, chars, fold);
  else writeLiteral(out, chars);
  return style;
}

function writePlain(out: ScalarSink, chars: string[], width: number): void {
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (isSpace(c)) {
      if (!spaces && out.column > width && !isSpace(chars[i + 1])) out.fold();
      else out.write(c);
      spaces = true;
    } else {
      out.write(c);
      spaces = false;
    }
  }
}

function writeSingle(out: ScalarSink, chars: string[], width: number): void {
  out.write("'");
  let spaces = false;
  let breaks = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (isSpace(c)) {
      if (!spaces && out.column > width && i > 0 && i < chars.length - 1 && !isSpace(chars[i + 1])) out.fold();
      else out.write(c);
      spaces = true;
    } else if (isBreak(c)) {
      // Only U+2028/U+2029 get here (other breaks force another style); they end the line as-is.
      out.lineBreak(c);
      breaks = true;
    } else {
      if (breaks) out.indent();
      out.write(c === "'" ? "''" : c);
      spaces = false;
      breaks = false;
    }
  }
  out.write("'");
}

const ESCAPES: Record<number, string> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
  0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
};

function escapeChar(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const short = ESCAPES[cp];
  if (short !== undefined) return `\\${short}`;
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}

function writeDouble(out: ScalarSink, chars: string[], width: number): void {
  out.write('"');
  let spaces = false;
  // go-yaml's BOM test (is_bom) looks at the start of the value, not at the current character: a value
  // that starts with a BOM has every character escaped.
  const escapeAll = chars[0] === '\ufeff';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (escapeAll || !isPrintable(c) || isBreak(c) || c === '"' || c === '\\') {
      out.write(escapeChar(c));
      spaces = false;
    } else if (isSpace(c)) {
      if (!spaces && out.column > width && i > 0 && i < chars.length - 1) {
        out.fold();
        if (isSpace(chars[i + 1])) out.write('\\');
      } else out.write(c);
      spaces = true;
    } else {
      out.write(c);
      spaces = false;
    }
  }
  out.write('"');
}

function writeLiteral(out: ScalarSink, chars: string[]): void {
  let header = '|';
  if (isSpace(chars[0]) || isBreak(chars[0])) header += String(BEST_INDENT);
  const last = chars.length - 1;
  if (chars.length === 0 || !isBreak(chars[last])) header += '-';
  else if (last === 0 || isBreak(chars[last - 1])) header += '+';
  out.write(header);
  out.lineBreak('\n');
  let breaks = true;
  for (const c of chars) {
    if (isBreak(c)) {
      out.lineBreak(c);
      breaks = true;
    } else {
      if (breaks) out.indent();
      out.write(c);
      breaks = false;
    }
  }
}
