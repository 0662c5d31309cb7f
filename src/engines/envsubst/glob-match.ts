// The glob matcher of Flux's envsubst (used by ${var#pattern} and friends): like Go's path.Match,
// except that `*`, `?` and classes also match '/'. Returns undefined for a malformed pattern that the
// match reaches (Go's ErrBadPattern), which makes the caller leave the value unchanged.

type Chars = string[];

export function globMatch(pattern: string, name: string): boolean | undefined {
  let pat: Chars = [...pattern];
  let rest: Chars = [...name];
  outer: while (pat.length > 0) {
    const { star, chunk, remaining } = scanChunk(pat);
    pat = remaining;
    if (star && chunk.length === 0) return true;
    const direct = matchChunk(chunk, rest);
    if (direct.ok && (direct.rest.length === 0 || pat.length > 0)) {
      rest = direct.rest;
      continue;
    }
    if (direct.bad) return undefined;
    if (star) {
      for (let i = 0; i < rest.length; i++) {
        const m = matchChunk(chunk, rest.slice(i + 1));
        if (m.ok) {
          if (pat.length === 0 && m.rest.length > 0) continue;
          rest = m.rest;
          continue outer;
        }
        if (m.bad) return undefined;
      }
    }
    return false;
  }
  return rest.length === 0;
}

/** The next run of single-character operators, and whether stars preceded it. */
function scanChunk(pattern: Chars): { star: boolean; chunk: Chars; remaining: Chars } {
  let start = 0;
  while (pattern[start] === '*') start++;
  let inRange = false;
  let i = start;
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (i + 1 < pattern.length) i++;
    } else if (c === '[') inRange = true;
    else if (c === ']') inRange = false;
    else if (c === '*' && !inRange) break;
  }
  return { star: start > 0, chunk: pattern.slice(start, i), remaining: pattern.slice(i) };
}

interface ChunkMatch {
  ok: boolean;
  bad: boolean;
  rest: Chars;
}

function matchChunk(chunk: Chars, s: Chars): ChunkMatch {
  const fail = { ok: false, bad: false, rest: s };
  const bad = { ok: false, bad: true, rest: s };
  let c = 0;
  let at = 0;
  while (c < chunk.length) {
    if (at >= s.length) return fail;
    const op = chunk[c]!;
    if (op === '[') {
      const r = s[at++]!.codePointAt(0)!;
      c++;
      let negated = false;
      if (chunk[c] === '^') {
        negated = true;
        c++;
      }
      let matched = false;
      let ranges = 0;
      for (;;) {
        if (chunk[c] === ']' && ranges > 0) {
          c++;
          break;
        }
        const lo = classChar(chunk, c);
        if (!lo) return bad;
        c = lo.next;
        let hi = lo.rune;
        if (chunk[c] === '-') {
          const h = classChar(chunk, c + 1);
          if (!h) return bad;
          c = h.next;
          hi = h.rune;
        }
        if (lo.rune <= r && r <= hi) matched = true;
        ranges++;
      }
      if (matched === negated) return fail;
    } else if (op === '?') {
      at++;
      c++;
    } else {
      if (op === '\\') {
        c++;
        if (c >= chunk.length) return bad;
      }
      if (chunk[c] !== s[at]) return fail;
      at++;
      c++;
    }
  }
  return { ok: true, bad: false, rest: s.slice(at) };
}

function classChar(chunk: Chars, at: number): { rune: number; next: number } | undefined {
  let c = chunk[at];
  if (c === undefined || c === '-' || c === ']') return undefined;
  if (c === '\\') {
    c = chunk[++at];
    if (c === undefined) return undefined;
  }
  return { rune: c.codePointAt(0)!, next: at + 1 };
}
