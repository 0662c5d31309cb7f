// Version constraints as Masterminds/semver v3.5 parses and checks them (NewConstraint, Check), with
// its regular expressions and error texts. Its semantics differ from npm's: `1.2` means `~1.2`, `>11`
// excludes every 11.x, a pre-release only matches when a comparison of the same AND group names a
// pre-release, `,` and whitespace both mean AND, `||` means OR, `A - B` is an inclusive range.
import { quote } from '../gotemplate/quote.ts';
import { compareVersions, comparePrerelease, parseVersion, tryParseVersion, type Version } from './version.ts';

interface Comparison {
  /** The operator as written: `=>`, `=<` and `~>` are aliases of `>=`, `<=` and `~`. */
  readonly op: string;
  readonly version: Version;
  /** True when any part was a wildcard or missing (`1.x`, `1`, `*`). */
  readonly dirty: boolean;
  readonly minorDirty: boolean;
  readonly patchDirty: boolean;
}

export interface Constraint {
  /** OR of ANDs. */
  readonly alternatives: readonly (readonly Comparison[])[];
  readonly text: string;
}

export class InvalidConstraintError extends Error {}

// Go's \s is [\t\n\f\r ]; `|` inside the part classes is Masterminds' own (harmless) quirk.
const WS = '[\\t\\n\\f\\r ]';
const CV = String.raw`v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
const OPS = String.raw`=||!=|>|<|>=|=>|<=|=<|~|~>|\^`;
const COMPARISON = new RegExp(`^${WS}*(${OPS})${WS}*(${CV})${WS}*$`);
const RANGE = new RegExp(`${WS}*(${CV})${WS}+-${WS}+(${CV})${WS}*`, 'g');
const FIND = new RegExp(`(${OPS})${WS}*(${CV})`, 'g');
const VALID = new RegExp(`^(${WS}*(${OPS})${WS}*(${CV})${WS}*)((?:${WS}+|,${WS}*)(${OPS})${WS}*(${CV})${WS}*)*$`);
const MAX_CONSTRAINT_LEN = 512;
const MAX_CONSTRAINT_GROUPS = 32;

const isX = (s: string): boolean => s === 'x' || s === '*' || s === 'X';

/** Parses a constraint such as `>=1.0.0 <2.0.0 || ^3.x`; throws InvalidConstraintError with Masterminds' text. */
export function parseConstraint(text: string): Constraint {
  if (Buffer.byteLength(text) > MAX_CONSTRAINT_LEN) throw new InvalidConstraintError(`constraint string is too long (max ${MAX_CONSTRAINT_LEN} bytes)`);
  let rewritten = text;
  for (const m of text.matchAll(RANGE)) rewritten = rewritten.replace(m[0], `>= ${m[1]}, <= ${m[11]} `);
  const ors = rewritten.split('||');
  if (ors.length > MAX_CONSTRAINT_GROUPS) throw new InvalidConstraintError(`too many constraint groups (max ${MAX_CONSTRAINT_GROUPS})`);
  const alternatives = ors.map((group) => {
    if (!VALID.test(group)) throw new InvalidConstraintError(`improper constraint: ${quote(group)}`);
    const found = [...group.matchAll(FIND)].map((m) => m[0]);
    return (found.length > 0 ? found : [group]).map(toComparison);
  });
  return { alternatives, text };
}

function toComparison(c: string): Comparison {
  if (c.length === 0) return { op: '', version: parseVersion('0.0.0'), dirty: true, minorDirty: false, patchDirty: false };
  const m = COMPARISON.exec(c);
  if (!m) throw new InvalidConstraintError(`improper constraint: ${quote(c)}`);
  const [, op = '', written = '', major = '', minor = '', patch = '', pre = ''] = m;
  let text = written;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major) || major === '') {
    text = `0.0.0${pre}`;
    dirty = true;
  } else if (isX(minor.slice(1)) || minor === '') {
    text = `${major}.0.0${pre}`;
    dirty = minorDirty = true;
  } else if (isX(patch.slice(1)) || patch === '') {
    text = `${major}${minor}.0${pre}`;
    dirty = patchDirty = true;
  }
  const version = tryParseVersion(text);
  // Masterminds' regular expression should have caught anything NewVersion refuses.
  if (!version) throw new InvalidConstraintError('constraint parser error');
  return { op, version, dirty, minorDirty, patchDirty };
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
    case '=>':
      return cmp >= 0;
    case '<=':
    case '=<':
      if (!c.dirty) return cmp <= 0;
      if (v.major > con.major) return false;
      return !(v.major === con.major && v.minor > con.minor && !c.minorDirty);
    case '~':
    case '~>':
      return tilde(v, c);
    case '^':
      return caret(v, c);
  }
  return false;
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
  if (con.major === 0n && con.minor === 0n && con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== con.major) return false;
  return v.minor === con.minor || c.minorDirty;
}

function caret(v: Version, c: Comparison): boolean {
  const con = c.version;
  if (compareVersions(v, con) < 0) return false;
  if (con.major > 0n || c.minorDirty) return v.major === con.major;
  if (v.major > 0n) return false;
  if (con.minor > 0n || c.patchDirty) return v.minor === con.minor;
  if (v.minor > 0n) return false;
  return v.patch === con.patch;
}
