// .helmignore rules as Helm's pkg/ignore applies them: one Go filepath.Match pattern per line, `!` to
// negate, a trailing `/` for directories only, a leading `/` or an inner `/` to match the whole
// relative path, otherwise the base name. Helm adds `templates/.?*` after the file's own rules.

export interface IgnoreRule { raw: string; negate: boolean; mustDir: boolean; pattern: string; wholePath: boolean }

export class HelmIgnoreError extends Error {}

export function parseHelmIgnore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const line of text.replace(/^\ufeff/, '').split(/\r?\n/)) addRule(rules, line);
  addRule(rules, 'templates/.?*');
  return rules;
}

function addRule(rules: IgnoreRule[], line: string): void {
  let rule = line.trim();
  if (rule === '' || rule.startsWith('#')) return;
  if (rule.includes('**')) throw new HelmIgnoreError('double-star (**) syntax is not supported');
  if (goPathMatch(rule, 'abc') === 'bad') throw new HelmIgnoreError('syntax error in pattern');
  const raw = rule;
  const negate = rule.startsWith('!');
  if (negate) rule = rule.slice(1);
  const mustDir = rule.endsWith('/');
  if (mustDir) rule = rule.slice(0, -1);
  const wholePath = rule.includes('/');
  if (rule.startsWith('/')) rule = rule.slice(1);
  rules.push({ raw, negate, mustDir, pattern: rule, wholePath });
}

/** Rules.Ignore: whether a chart-relative slash path is left out of the chart. */
export function isIgnored(rules: IgnoreRule[], path: string, isDir: boolean): boolean {
  if (path === '' || path === '.' || path === './') return false;
  for (const r of rules) {
    const subject = r.wholePath ? path : path.slice(path.lastIndexOf('/') + 1);
    const matched = goPathMatch(r.pattern, subject) === true;
    if (r.negate) {
      if (r.mustDir && !isDir) return true;
      if (!matched) return true;
      continue;
    }
    if (r.mustDir && !isDir) continue;
    if (matched) return true;
  }
  return false;
}

/** Go's path/filepath.Match on '/'-separated names: true, false, or 'bad' for a malformed pattern. */
export function goPathMatch(pattern: string, name: string): boolean | 'bad' {
  const p = [...pattern];
  const s = [...name];
  const memo = new Map<string, boolean | 'bad'>();
  const go = (pi: number, si: number): boolean | 'bad' => {
    const key = `${pi},${si}`;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    let result: boolean | 'bad';
    if (pi === p.length) result = si === s.length;
    else if (p[pi] === '*') {
      result = false;
      for (let k = si; ; k++) {
        const r = go(pi + 1, k);
        if (r === 'bad') { result = 'bad'; break; }
        if (r) { result = true; break; }
        if (k >= s.length || s[k] === '/') break;
      }
    } else {
      const step = matchOne(p, pi, s[si]);
      if (step.bad) result = 'bad';
      else if (si >= s.length || !step.ok) result = si >= s.length ? validateRest(p, pi) : false;
      else result = go(step.next, si + 1);
    }
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

function validateRest(p: string[], pi: number): boolean | 'bad' {
  for (let i = pi; i < p.length;) {
    if (p[i] === '*') { i++; continue; }
    const step = matchOne(p, i, 'a');
    if (step.bad) return 'bad';
    i = step.next;
  }
  return false;
}

function matchOne(p: string[], pi: number, c: string | undefined): { ok: boolean; next: number; bad?: boolean } {
  const ch = p[pi]!;
  if (ch === '?') return { ok: c !== undefined && c !== '/', next: pi + 1 };
  if (ch === '\\') {
    if (pi + 1 >= p.length) return { ok: false, next: pi + 1, bad: true };
    return { ok: c === p[pi + 1], next: pi + 2 };
  }
  if (ch !== '[') return { ok: c === ch, next: pi + 1 };
  let i = pi + 1;
  let negated = false;
  if (p[i] === '^') { negated = true; i++; }
  let matched = false;
  let first = true;
  for (;;) {
    if (i >= p.length) return { ok: false, next: i, bad: true };
    if (p[i] === ']' && !first) { i++; break; }
    first = false;
    let lo = p[i]!;
    if (lo === '\\') { i++; lo = p[i] ?? ''; if (lo === '') return { ok: false, next: i, bad: true }; }
    if (lo === '-') return { ok: false, next: i, bad: true };
    i++;
    let hi = lo;
    if (p[i] === '-') {
      i++;
      hi = p[i] ?? '';
      if (hi === '\\') { i++; hi = p[i] ?? ''; }
      if (hi === '' || hi === ']') return { ok: false, next: i, bad: true };
      i++;
    }
    if (c !== undefined && lo <= c && c <= hi) matched = true;
  }
  return { ok: c !== undefined && c !== '/' && matched !== negated, next: i };
}
