// Masterminds/semver v3.5.0 (the version Helm's go.mod selects under Sprig v3.3.0) as Sprig exposes
// it: semver (a *semver.Version with Go methods) and semverCompare (constraints with ranges, wildcards,
// ~, ^ and || / , combinations; an AND group admits prereleases when one of its constraints names one).
import { GoNumber, goFunc as f, quote } from '../gotemplate/index.ts';
import type { FuncMap } from '../gotemplate/index.ts';

const SEMVER = String.raw`v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
const VERSION_RE = new RegExp(`^${SEMVER}$`);
const CV = String.raw`v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
const OPS = String.raw`=||!=|>|<|>=|=>|<=|=<|~|~>|\^`;
const WS = '[\\t\\n\\f\\r ]';
const CONSTRAINT_RE = new RegExp(`^${WS}*(${OPS})${WS}*(${CV})${WS}*$`);
const RANGE_RE = new RegExp(`${WS}*(${CV})${WS}+-${WS}+(${CV})${WS}*`, 'g');
const FIND_RE = new RegExp(`(${OPS})${WS}*(${CV})`, 'g');
const VALID_RE = new RegExp(`^(${WS}*(${OPS})${WS}*(${CV})${WS}*)((?:${WS}+|,${WS}*)(${OPS})${WS}*(${CV})${WS}*)*$`);

const ALLOWED = /^[0-9A-Za-z-]*$/;
const NUMERIC = /^[0-9]*$/;

export class SemverVersion {
  static goTypeName = '*semver.Version';
  readonly #major: bigint;
  readonly #minor: bigint;
  readonly #patch: bigint;
  readonly #pre: string;
  readonly #metadata: string;
  readonly #original: string;

  constructor(major: bigint, minor: bigint, patch: bigint, pre: string, metadata: string, original: string) {
    this.#major = major;
    this.#minor = minor;
    this.#patch = patch;
    this.#pre = pre;
    this.#metadata = metadata;
    this.#original = original;
  }

  Major(): GoNumber { return new GoNumber('uint64', this.#major); }
  Minor(): GoNumber { return new GoNumber('uint64', this.#minor); }
  Patch(): GoNumber { return new GoNumber('uint64', this.#patch); }
  Prerelease(): string { return this.#pre; }
  Metadata(): string { return this.#metadata; }
  Original(): string { return this.#original; }
  String(): string {
    let s = `${this.#major}.${this.#minor}.${this.#patch}`;
    if (this.#pre) s += `-${this.#pre}`;
    if (this.#metadata) s += `+${this.#metadata}`;
    return s;
  }
  MarshalJSON(): string { return JSON.stringify(this.String()); }
  Compare(o: SemverVersion): bigint { return BigInt(compareVersions(this, o)); }
  LessThan(o: SemverVersion): boolean { return compareVersions(this, o) < 0; }
  LessThanEqual(o: SemverVersion): boolean { return compareVersions(this, o) <= 0; }
  GreaterThan(o: SemverVersion): boolean { return compareVersions(this, o) > 0; }
  GreaterThanEqual(o: SemverVersion): boolean { return compareVersions(this, o) >= 0; }
  Equal(o: SemverVersion): boolean { return compareVersions(this, o) === 0; }

  /** The next versions are Version values (not pointers), keeping the original's "v" prefix. */
  #next(major: bigint, minor: bigint, patch: bigint, pre: string, metadata: string): SemverValue {
    const prefix = this.#original.startsWith('v') ? 'v' : '';
    const v = new SemverValue(major, minor, patch, pre, metadata, '');
    return new SemverValue(major, minor, patch, pre, metadata, prefix + v.String());
  }
  IncPatch(): SemverValue {
    return this.#next(this.#major, this.#minor, this.#pre !== '' ? this.#patch : this.#patch + 1n, '', '');
  }
  IncMinor(): SemverValue { return this.#next(this.#major, this.#minor + 1n, 0n, '', ''); }
  IncMajor(): SemverValue { return this.#next(this.#major + 1n, 0n, 0n, '', ''); }
  SetPrerelease(pre: string): SemverValue {
    if (pre !== '') validatePrerelease(pre);
    return this.#next(this.#major, this.#minor, this.#patch, pre, this.#metadata);
  }
  SetMetadata(metadata: string): SemverValue {
    if (metadata !== '') validateMetadata(metadata);
    return this.#next(this.#major, this.#minor, this.#patch, this.#pre, metadata);
  }

  get parts(): { major: bigint; minor: bigint; patch: bigint; pre: string } {
    return { major: this.#major, minor: this.#minor, patch: this.#patch, pre: this.#pre };
  }
}

/** A semver.Version value (what IncMinor and friends return): pointer-receiver methods need an address. */
export class SemverValue extends SemverVersion {
  static override goTypeName = 'semver.Version';
  static pointerMethods = ['Original', 'LessThan', 'LessThanEqual', 'GreaterThan', 'GreaterThanEqual', 'Equal', 'Compare'];
}

const U64 = 1n << 64n;
const MAX_VERSION_LEN = 256;

function parseSegment(s: string): bigint {
  const v = BigInt(s);
  if (v >= U64) throw new Error(`error parsing version segment: strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  return v;
}

function validatePrerelease(pre: string): void {
  for (const p of pre.split('.')) {
    if (p === '') throw new Error('invalid prerelease string');
    if (NUMERIC.test(p)) {
      if (p.length > 1 && p[0] === '0') throw new Error('version segment starts with 0');
    } else if (!ALLOWED.test(p)) throw new Error('invalid prerelease string');
  }
}

function validateMetadata(metadata: string): void {
  if (!metadata.split('.').every((p) => p !== '' && ALLOWED.test(p))) throw new Error('invalid metadata string');
}

/** NewVersion with CoerceNewVersion (the default): the loose pattern, leading zeros allowed in X.Y.Z. */
export function newVersion(v: string): SemverVersion {
  if (Buffer.byteLength(v) > MAX_VERSION_LEN) throw new Error(`version string is too long (max ${MAX_VERSION_LEN} bytes)`);
  const m = VERSION_RE.exec(v);
  if (!m) throw new Error('invalid semantic version');
  const pre = m[5] ?? '';
  const metadata = m[8] ?? '';
  const version = new SemverVersion(
    parseSegment(m[1]!),
    m[2] ? parseSegment(m[2].slice(1)) : 0n,
    m[3] ? parseSegment(m[3].slice(1)) : 0n,
    pre, metadata, v,
  );
  if (pre) validatePrerelease(pre);
  if (metadata) validateMetadata(metadata);
  return version;
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const sn = /^[0-9]+$/.test(s) && BigInt(s) < U64;
  const on = /^[0-9]+$/.test(o) && BigInt(o) < U64;
  if (!sn && !on) return s > o ? 1 : -1;
  if (!on) return -1;
  if (!sn) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

function comparePrerelease(v: string, o: string): number {
  const sp = v.split('.');
  const op = o.split('.');
  for (let i = 0; i < Math.max(sp.length, op.length); i++) {
    const d = comparePrePart(sp[i] ?? '', op[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

function compareVersions(a: SemverVersion, b: SemverVersion): number {
  const x = a.parts;
  const y = b.parts;
  for (const k of ['major', 'minor', 'patch'] as const) {
    if (x[k] !== y[k]) return x[k] < y[k] ? -1 : 1;
  }
  if (x.pre === '' && y.pre === '') return 0;
  if (x.pre === '') return 1;
  if (y.pre === '') return -1;
  return comparePrerelease(x.pre, y.pre);
}

interface Constraint {
  con: SemverVersion;
  origfunc: string;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

const isX = (s: string): boolean => s === 'x' || s === '*' || s === 'X';

function parseConstraint(c: string): Constraint {
  if (c.length === 0) return { con: newVersion('0.0.0'), origfunc: '', dirty: true, minorDirty: false, patchDirty: false };
  const m = CONSTRAINT_RE.exec(c);
  if (!m) throw new Error(`improper constraint: ${quote(c)}`);
  const [, op = '', ver0 = '', major = '', minor = '', patch = '', pre = ''] = m;
  void ver0;
  const prePart = pre;
  let ver = m[2]!;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major) || major === '') { ver = `0.0.0${prePart}`; dirty = true; }
  else if (isX(minor.replace(/^\./, '')) || minor === '') { minorDirty = true; dirty = true; ver = `${major}.0.0${prePart}`; }
  else if (isX(patch.replace(/^\./, '')) || patch === '') { dirty = true; patchDirty = true; ver = `${major}${minor}.0${prePart}`; }
  let con: SemverVersion;
  try {
    con = newVersion(ver);
  } catch {
    throw new Error('constraint parser error');
  }
  return { con, origfunc: op, dirty, minorDirty, patchDirty };
}

function check(v: SemverVersion, c: Constraint, includePre: boolean): boolean {
  const vp = v.parts;
  const cp = c.con.parts;
  const preBlocked = vp.pre !== '' && !includePre;
  const cmp = (): number => compareVersions(v, c.con);
  const tilde = (): boolean => {
    if (preBlocked) return false;
    if (cmp() < 0) return false;
    if (cp.major === 0n && cp.minor === 0n && cp.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
    if (vp.major !== cp.major) return false;
    if (vp.minor !== cp.minor && !c.minorDirty) return false;
    return true;
  };
  switch (c.origfunc) {
    case '': case '=':
      if (preBlocked) return false;
      return c.dirty ? tilde() : cmp() === 0;
    case '!=':
      if (preBlocked) return false;
      if (c.dirty) {
        if (cp.major !== vp.major) return true;
        if (cp.minor !== vp.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (cp.patch !== vp.patch && !c.patchDirty) return true;
        if (c.patchDirty) {
          if (vp.pre !== '' || cp.pre !== '') return comparePrerelease(vp.pre, cp.pre) !== 0;
          return false;
        }
      }
      return cmp() !== 0;
    case '>':
      if (preBlocked) return false;
      if (!c.dirty) return cmp() === 1;
      if (vp.major > cp.major) return true;
      if (vp.major < cp.major) return false;
      if (c.minorDirty) return false;
      if (c.patchDirty) return vp.minor > cp.minor;
      return cmp() === 1;
    case '<':
      return !preBlocked && cmp() < 0;
    case '>=': case '=>':
      return !preBlocked && cmp() >= 0;
    case '<=': case '=<':
      if (preBlocked) return false;
      if (!c.dirty) return cmp() <= 0;
      if (vp.major > cp.major) return false;
      if (vp.major === cp.major && vp.minor > cp.minor && !c.minorDirty) return false;
      return true;
    case '~': case '~>':
      return tilde();
    case '^':
      if (preBlocked) return false;
      if (cmp() < 0) return false;
      if (cp.major > 0n || c.minorDirty) return vp.major === cp.major;
      if (cp.major === 0n && vp.major > 0n) return false;
      if (cp.minor > 0n || c.patchDirty) return vp.minor === cp.minor;
      if (cp.minor === 0n && vp.minor > 0n) return false;
      return cp.patch === vp.patch;
  }
  return false;
}

function rewriteRange(s: string): string {
  let out = s;
  for (const m of s.matchAll(RANGE_RE)) out = out.replace(m[0], `>= ${m[1]}, <= ${m[11]} `);
  return out;
}

const MAX_CONSTRAINT_LEN = 512;
const MAX_CONSTRAINT_GROUPS = 32;

export function newConstraint(c: string): Constraint[][] {
  if (Buffer.byteLength(c) > MAX_CONSTRAINT_LEN) throw new Error(`constraint string is too long (max ${MAX_CONSTRAINT_LEN} bytes)`);
  const ors = rewriteRange(c).split('||');
  if (ors.length > MAX_CONSTRAINT_GROUPS) throw new Error(`too many constraint groups (max ${MAX_CONSTRAINT_GROUPS})`);
  return ors.map((v) => {
    if (!VALID_RE.test(v)) throw new Error(`improper constraint: ${quote(v)}`);
    const found = [...v.matchAll(FIND_RE)].map((m) => m[0]);
    return (found.length ? found : [v]).map(parseConstraint);
  });
}

export function semverCompare(constraint: string, version: string): boolean {
  const cs = newConstraint(constraint);
  const v = newVersion(version);
  return cs.some((and) => {
    const includePre = and.some((c) => c.con.parts.pre !== '');
    return and.every((c) => check(v, c, includePre));
  });
}

export function semverFuncs(): FuncMap {
  return {
    semver: f(['string'], newVersion),
    semverCompare: f(['string', 'string'], semverCompare),
  };
}
