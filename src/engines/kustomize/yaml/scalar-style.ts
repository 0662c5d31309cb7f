// The scalar part of go-yaml v2's emitter (kustomize prints through it): which style a string gets
// (plain, single-quoted, double-quoted, literal block) and how each style is written, including the
// folding of long lines at column 80 and the escapes of double-quoted text.

import { needsQuotingV2 } from './resolve.ts';

export const BEST_WIDTH = 80;
const BEST_INDENT = 2;

function isSpace(c: string | undefined): boolean {
  return c === ' ';
}
export function isBreak(c: string | undefined): boolean {
  return c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
}
function isBlankz(c: string | undefined): boolean {
  return c === undefined || c === ' ' || c === '\t' || isBreak(c) || c === '\0';
}

/** libyaml's notion of a printable character (note: no C1 controls, nothing above U+FFFF). */
function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  if (cp === 0x0a) return true;
  if (cp >= 0x20 && cp <= 0x7e) return true;
  if (cp >= 0xa0 && cp <= 0xd7ff) return true;
  if (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) return true;
  return false;
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
    const c = chars[i];
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

type Style = 'plain' | 'single' | 'double' | 'literal';

function chooseStyle(s: string, chars: string[], simpleKey: boolean): Style {
  const a = analyze(chars);
  let style: Style = s.includes('\n') ? 'literal' : needsQuotingV2(s) ? 'double' : 'plain';
  if (simpleKey && a.multiline) return 'double';
  if (style === 'plain') {
    if (!a.blockPlainAllowed) style = 'single';
    if (chars.length === 0 && simpleKey) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  return style;
}

/** Accumulates output text and knows the current column, as the emitter's folding rules need it. */
export class Output {
  private parts: string[] = [];
  column = 0;
  /** True right after a line break, before anything else is written on the new line. */
  atLineStart = true;

  write(text: string): void {
    this.parts.push(text);
    this.atLineStart = false;
    // Columns count characters, not bytes or UTF-16 units.
    for (const ch of text) this.column = ch === '\n' ? 0 : this.column + 1;
  }

  newline(indent: number): void {
    this.parts.push('\n' + ' '.repeat(indent));
    this.column = indent;
    this.atLineStart = indent === 0;
  }

  /** Moves to a fresh line indented by `indent`, unless the output already sits at the start of one. */
  startLine(indent: number): void {
    if (this.atLineStart) {
      this.parts.push(' '.repeat(indent));
      this.column = indent;
      this.atLineStart = indent === 0;
    } else this.newline(indent);
  }

  text(): string {
    return this.parts.join('');
  }
}

/**
 * Writes a string scalar at the output's current position. `indent` is where continuation lines and
 * block content go; `simpleKey` is true for mapping keys (no folding, no block styles).
 */
export function writeString(out: Output, s: string, indent: number, simpleKey: boolean): void {
  const chars = [...s];
  const style = chooseStyle(s, chars, simpleKey);
  const allowBreaks = !simpleKey;
  if (style === 'plain') writePlain(out, chars, indent, allowBreaks);
  else if (style === 'single') writeSingle(out, chars, indent, allowBreaks);
  else if (style === 'double') writeDouble(out, chars, indent, allowBreaks);
  else writeLiteral(out, chars, indent);
}

function writePlain(out: Output, chars: string[], indent: number, allowBreaks: boolean): void {
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (isSpace(c)) {
      if (allowBreaks && !spaces && out.column > BEST_WIDTH && !isSpace(chars[i + 1])) out.newline(indent);
      else out.write(c);
      spaces = true;
    } else {
      out.write(c);
      spaces = false;
    }
  }
}

function writeSingle(out: Output, chars: string[], indent: number, allowBreaks: boolean): void {
  out.write("'");
  let spaces = false;
  let breaks = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (isSpace(c)) {
      const fold = allowBreaks && !spaces && out.column > BEST_WIDTH && i > 0 && i < chars.length - 1 && !isSpace(chars[i + 1]);
      if (fold) out.newline(indent);
      else out.write(c);
      spaces = true;
    } else if (isBreak(c)) {
      // Only U+2028/U+2029 get here (other breaks force another style); they end the line as-is.
      out.write(c);
      out.column = 0;
      breaks = true;
    } else {
      if (breaks) out.write(' '.repeat(indent));
      out.write(c === "'" ? "''" : c);
      spaces = false;
      breaks = false;
    }
  }
  out.write("'");
}

const ESCAPES: Record<number, string> = {
  0x00: '0',
  0x07: 'a',
  0x08: 'b',
  0x09: 't',
  0x0a: 'n',
  0x0b: 'v',
  0x0c: 'f',
  0x0d: 'r',
  0x1b: 'e',
  0x22: '"',
  0x5c: '\\',
  0x85: 'N',
  0xa0: '_',
  0x2028: 'L',
  0x2029: 'P',
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

function writeDouble(out: Output, chars: string[], indent: number, allowBreaks: boolean): void {
  out.write('"');
  let spaces = false;
  // go-yaml's BOM test looks at the start of the value, not at the current character: a value that
  // starts with a BOM has every character escaped.
  const escapeAll = chars[0] === '\ufeff';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (escapeAll || !isPrintable(c) || isBreak(c) || c === '"' || c === '\\') {
      out.write(escapeChar(c));
      spaces = false;
    } else if (isSpace(c)) {
      if (allowBreaks && !spaces && out.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
        out.newline(indent);
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

function writeLiteral(out: Output, chars: string[], indent: number): void {
  let header = '|';
  if (isSpace(chars[0]) || isBreak(chars[0])) header += String(BEST_INDENT);
  const last = chars.length - 1;
  if (chars.length === 0 || !isBreak(chars[last])) header += '-';
  else if (last === 0 || isBreak(chars[last - 1])) header += '+';
  out.write(header);
  out.newline(0);
  let breaks = true;
  for (const c of chars) {
    if (isBreak(c)) {
      if (c === '\n') out.newline(0);
      else {
        out.write(c);
        out.column = 0;
        out.atLineStart = true;
      }
      breaks = true;
    } else {
      if (breaks) out.write(' '.repeat(indent));
      out.write(c);
      breaks = false;
    }
  }
}
