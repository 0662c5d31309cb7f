// strconv.ParseInt(s, 0, 64) and ParseInt(s, base, 64) as Sprig's helpers call them.

export function parseInt64Base0(s: string): bigint | undefined {
  let t = s;
  let neg = false;
  if (t[0] === '+' || t[0] === '-') { neg = t[0] === '-'; t = t.slice(1); }
  let base = 10;
  let prefixed = false;
  if (/^0[xX]/.test(t)) { base = 16; t = t.slice(2); prefixed = true; }
  else if (/^0[bB]/.test(t)) { base = 2; t = t.slice(2); prefixed = true; }
  else if (/^0[oO]/.test(t)) { base = 8; t = t.slice(2); prefixed = true; }
  else if (/^0[0-9_]/.test(t)) { base = 8; t = t.slice(1); prefixed = true; }
  if (t.includes('_')) {
    // Go's underscoreOK: underscores only between digits, or right after a base prefix.
    if (!/^_?[0-9a-zA-Z]+(_[0-9a-zA-Z]+)*$/.test(t) || (!prefixed && t.startsWith('_'))) return undefined;
    t = t.replaceAll('_', '');
  }
  return parseDigits(t, base, neg);
}

export function parseIntBase(s: string, base: number): bigint | undefined {
  let t = s;
  let neg = false;
  if (t[0] === '+' || t[0] === '-') { neg = t[0] === '-'; t = t.slice(1); }
  return parseDigits(t, base, neg);
}

function parseDigits(t: string, base: number, neg: boolean): bigint | undefined {
  if (t === '') return undefined;
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, base);
  let v = 0n;
  for (const ch of t.toLowerCase()) {
    const d = digits.indexOf(ch);
    if (d < 0) return undefined;
    v = v * BigInt(base) + BigInt(d);
  }
  if (neg) v = -v;
  if (v < -(1n << 63n) || v >= 1n << 63n) return undefined;
  return v;
}
