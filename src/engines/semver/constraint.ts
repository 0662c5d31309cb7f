// Version constraints with Masterminds/semver v3.4 semantics, which differ from npm's: `1.2` means
// `~1.2`, `>11` excludes every 11.x, pre-releases only match when a comparison of the same AND group
// names a pre-release,
// `,` and whitespace both mean AND, `||` means OR, `A - B` is an inclusive range.
import { compareVersions, comparePrerelease, parseVersion, tryParseVersion, type Version } from './version.ts';

type Operator = '' | '=' | '!=' | '>' | '<' | '>=' | '<=' | '~' | '^';

interface Comparison {
  readonly op: Operator;
  readonly version: Version;
  /** True when any part was a wildcard or missing (`1.x`, `1`, `*`). */
  readonly dirty: boolean;
  readonly minorDirty: boolean;
  readonly patchDirty: boolean;
  readonly text: string;
}

export interface Constraint {
  /** OR of ANDs. */
  readonly alternatives: readonly (readonly Comparison[])[];
  readonly text: string;
}

export class InvalidConstraintError extends Error {}

const PART = '(?:[0-9]+|[xX*])';
const PRE = '(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)';
const META = '(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)';
const VERSION_TEXT = `v?${PART}(?:\\.${PART})?(?:\\.${PART})?${PRE}?${META}?`;
const COMPARISON = new RegExp(`\\s*(!=|>=|=>|<=|=<|~>|>|<|=|~|\\^)?\\s*(${VERSION_TEXT})\\s*`, 'y');
const SEPARATOR = /(?:\s+|,\s*)/y;
const HYPHEN_RANGE = new RegExp(`\\s*(${VERSION_TEXT})\\s+-\\s+(${VERSION_TEXT})\\s*`, 'g');
const OPERATOR_ALIASES: Record<string, Operator> = { '=>': '>=', '=<': '<=', '~>': '~' };

/** Parses a constraint such as `>=1.0.0 <2.0.0 || ^3.x`; throws InvalidConstraintError. */
export function parseConstraint(text: string): Constraint {
  const rewritten = text.replace(HYPHEN_RANGE, (_all, from: string, to: string) => `>= ${from}, <= ${to}`);
  const alternatives = rewritten.split('||').map((segment) => parseConjunction(segment, text));
  return { alternatives, text };
}

function parseConjunction(segment: string, whole: string): Comparison[] {
  const comparisons: Comparison[] = [];
  let at = 0;
  while (true) {
    COMPARISON.lastIndex = at;
    const m = COMPARISON.exec(segment);
    if (!m) throw new InvalidConstraintError(`improper constraint: '${segment.trim()}' in '${whole}'`);
    comparisons.push(toComparison(m[1] ?? '', m[2]!));
    at = COMPARISON.lastIndex;
    if (at === segment.length) return comparisons;
    // The comparison regex eats trailing spaces, so a separator may be a bare comma or nothing
    // (the spaces were already consumed) before the next operator/version.
    SEPARATOR.lastIndex = at;
    if (SEPARATOR.exec(segment)) at = SEPARATOR.lastIndex;
    else if (!/\s$/.test(segment.slice(0, at))) throw new InvalidConstraintError(`improper constraint: '${segment.trim()}' in '${whole}'`);
  }
}

function toComparison(rawOp: string, text: string): Comparison {
  const op = (OPERATOR_ALIASES[rawOp] ?? rawOp) as Operator;
  const m = /^v?([^.+-]+)(?:\.([^.+-]+))?(?:\.([^.+-]+))?(-[^+]+)?/.exec(text)!;
  const isX = (p: string | undefined) => p === 'x' || p === 'X' || p === '*';
  const pre = m[4] ?? '';
  let base: string;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(m[1])) {
    base = `0.0.0${pre}`;
    dirty = true;
  } else if (m[2] === undefined || isX(m[2])) {
    base = `${m[1]}.0.0${pre}`;
    dirty = minorDirty = true;
  } else if (m[3] === undefined || isX(m[3])) {
    base = `${m[1]}.${m[2]}.0${pre}`;
    dirty = patchDirty = true;
  } else {
    base = text;
  }
  let version: Version;
  try {
    version = parseVersion(base);
  } catch (err) {
    throw new InvalidConstraintError(`improper constraint: '${rawOp}${text}': ${(err as Error).message}`);
  }
  return { op, version, dirty, minorDirty, patchDirty, text: `${rawOp}${text}` };
}

/** True when `v` satisfies at least one alternative entirely. */
export function satisfies(v: Version, c: Constraint): boolean {
  return c.alternatives.some((all) => {
    const includePrerelease = all.some((cmp) => cmp.version.prerelease !== '');
    return all.every((cmp) => check(v, cmp, includePrerelease));
  });
}

/** The highest of `candidates` (any strings; non-versions are skipped) satisfying `c`. */
export function maxSatisfying<T extends string>(candidates: Iterable<T>, c: Constraint): { candidate: T; version: Version } | undefined {
  let best: { candidate: T; version: Version } | undefined;
  for (const candidate of candidates) {
    const version = tryParseVersion(candidate);
    if (!version || !satisfies(version, c)) continue;
    if (!best || compareVersions(version, best.version) > 0) best = { candidate, version };
  }
  return best;
}

function check(v: Version, c: Comparison, includePrerelease: boolean): boolean {
  // A pre-release only matches when its AND group explicitly asks for pre-releases somewhere.
  if (v.prerelease !== '' && !includePrerelease) return false;
  const con = c.version;
  const cmp = compareVersions(v, con);
  switch (c.op) {
    case '':
    case '=':
      return c.dirty ? tilde(v, c) : cmp === 0;
    case '!=':
      return notEqual(v, c);
    case '>':
      if (!c.dirty) return cmp > 0;
      if (v.major !== con.major) return v.major > con.major;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > con.minor;
      return cmp > 0;
    case '<':
      return cmp < 0;
    case '>=':
      return cmp >= 0;
    case '<=':
      if (!c.dirty) return cmp <= 0;
      if (v.major > con.major) return false;
      return !(v.major === con.major && v.minor > con.minor && !c.minorDirty);
    case '~':
      return tilde(v, c);
    case '^':
      return caret(v, c);
  }
}

function notEqual(v: Version, c: Comparison): boolean {
  const con = c.version;
  if (c.dirty) {
    if (con.major !== v.major) return true;
    if (c.minorDirty) return false;
    if (con.minor !== v.minor) return true;
    if (c.patchDirty) return (v.prerelease !== '' || con.prerelease !== '') && comparePrerelease(v.prerelease, con.prerelease) !== 0;
  }
  return compareVersions(v, con) !== 0;
}

function tilde(v: Version, c: Comparison): boolean {
  const con = c.version;
  if (compareVersions(v, con) < 0) return false;
  if (con.major === 0 && con.minor === 0 && con.patch === 0 && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== con.major) return false;
  return v.minor === con.minor || c.minorDirty;
}

function caret(v: Version, c: Comparison): boolean {
  const con = c.version;
  if (compareVersions(v, con) < 0) return false;
  if (con.major > 0 || c.minorDirty) return v.major === con.major;
  if (v.major > 0) return false;
  if (con.minor > 0 || c.patchDirty) return v.minor === con.minor;
  if (v.minor > 0) return false;
  return v.patch === con.patch;
}
