// Case conversion as huandu/xstrings v1.5.0 does it (Sprig's snakecase, kebabcase and camelcase):
// the input is split into words by kind (upper-case run, lower-case run, number, connector,
// punctuation) and re-joined with a connector.
import { lowerRune, upperRune } from './unicode-case.ts';

type WordType = 'invalid' | 'number' | 'upper' | 'alphabet' | 'connector' | 'punct' | 'other';

const isUpper = (r: string): boolean => /^\p{Lu}$/u.test(r);
const isLetter = (r: string): boolean => /^\p{L}$/u.test(r);
const isNumber = (r: string): boolean => /^\p{N}$/u.test(r);
const isPunct = (r: string): boolean => /^\p{P}$/u.test(r);
const isSpace = (r: string): boolean => /^[\s\u0085]$/u.test(r) && r !== '\u200b' && r !== '\ufeff';
const isConnector = (r: string): boolean => r === '-' || r === '_' || isSpace(r);

function isAlphabet(r: string): boolean {
  if (!isLetter(r)) return false;
  const cp = r.codePointAt(0)!;
  if (cp < 0x3400) return true;
  if (cp >= 0x4e00 && cp <= 0x9fcc) return false;
  if (cp >= 0x3400 && cp <= 0x4d85) return false;
  if (cp >= 0x20000 && cp <= 0x2b81d) return false;
  return true;
}

interface Word { wt: WordType; word: string[]; rest: string[] }

function nextWord(s: string[]): Word {
  if (s.length === 0) return { wt: 'invalid', word: [], rest: [] };
  let offset = 1;
  const r = s[0]!;
  let i = 1;
  let wt: WordType;
  const runWhile = (pred: (c: string) => boolean): void => {
    while (i < s.length && pred(s[i]!)) { i++; offset++; }
  };
  if (isConnector(r)) { wt = 'connector'; runWhile(isConnector); }
  else if (isPunct(r)) { wt = 'punct'; runWhile(isPunct); }
  else if (isUpper(r)) {
    wt = 'upper';
    if (i < s.length) {
      const c = s[i]!;
      if (isUpper(c)) {
        i++; offset++;
        runWhile(isUpper);
        if (i < s.length && isAlphabet(s[i]!)) { offset--; }
      } else if (isAlphabet(c)) {
        i++; offset++;
        runWhile((x) => isAlphabet(x) && !isUpper(x));
      }
    }
  } else if (isAlphabet(r)) { wt = 'alphabet'; runWhile((x) => isAlphabet(x) && !isUpper(x)); }
  else if (isNumber(r)) { wt = 'number'; runWhile(isNumber); }
  else {
    wt = 'other';
    runWhile((x) => !(isConnector(x) || isAlphabet(x) || isNumber(x) || isPunct(x)));
  }
  return { wt, word: s.slice(0, offset), rest: s.slice(offset) };
}

function toLower(out: string[], wt: WordType, word: string[], connector: string): void {
  if (wt !== 'upper' && wt !== 'connector') { out.push(...word); return; }
  for (const r of word) out.push(isConnector(r) ? connector : isUpper(r) ? lowerRune(r) : r);
}

function camelCaseToLowerCase(input: string, connector: string): string {
  if (input === '') return '';
  const out: string[] = [];
  let cur = nextWord([...input]);
  while (cur.rest.length > 0) {
    if (cur.wt !== 'connector') toLower(out, cur.wt, cur.word, connector);
    const prev = cur;
    cur = nextWord(cur.rest);
    if (prev.wt === 'number') {
      while (cur.wt === 'alphabet' || cur.wt === 'number') { toLower(out, cur.wt, cur.word, connector); cur = nextWord(cur.rest); }
      if (cur.wt !== 'invalid' && cur.wt !== 'punct' && cur.wt !== 'connector') out.push(connector);
    } else if (prev.wt === 'connector') {
      toLower(out, prev.wt, prev.word, connector);
    } else if (prev.wt !== 'punct') {
      if (cur.wt !== 'number') {
        if (cur.wt !== 'connector' && cur.wt !== 'punct') out.push(connector);
        continue;
      }
      if (cur.rest.length === 0) continue;
      const numberWord = cur.word;
      cur = nextWord(cur.rest);
      if (cur.wt !== 'alphabet') {
        toLower(out, 'number', numberWord, connector);
        if (cur.wt !== 'connector' && cur.wt !== 'punct') out.push(connector);
        continue;
      }
      out.push(connector);
      toLower(out, 'number', numberWord, connector);
      while (cur.wt === 'alphabet' || cur.wt === 'number') { toLower(out, cur.wt, cur.word, connector); cur = nextWord(cur.rest); }
      if (cur.wt !== 'invalid' && cur.wt !== 'connector' && cur.wt !== 'punct') out.push(connector);
    }
  }
  toLower(out, cur.wt, cur.word, connector);
  return out.join('');
}

export const toSnakeCase = (s: string): string => camelCaseToLowerCase(s, '_');
export const toKebabCase = (s: string): string => camelCaseToLowerCase(s, '-');

/** xstrings.ToPascalCase (Sprig's camelcase). */
export function toPascalCase(input: string): string {
  if (input === '') return '';
  const s = [...input];
  const out: string[] = [];
  let firstUpper = false;
  let r0 = '';
  let i = 0;
  while (i < s.length) {
    r0 = s[i++]!;
    if (!isConnector(r0)) {
      firstUpper = isUpper(r0);
      r0 = upperRune(r0);
      break;
    }
    out.push(r0);
  }
  if (i >= s.length) {
    out.push(r0);
    return out.join('');
  }
  while (i < s.length) {
    const r1 = r0;
    r0 = s[i++]!;
    if (isConnector(r0) && isConnector(r1)) { out.push(r1); continue; }
    if (isConnector(r1)) {
      firstUpper = isUpper(r0);
      r0 = upperRune(r0);
    } else {
      if (firstUpper) {
        if (isUpper(r0)) r0 = lowerRune(r0);
        else firstUpper = false;
      }
      out.push(r1);
    }
  }
  out.push(r0);
  return out.join('');
}
