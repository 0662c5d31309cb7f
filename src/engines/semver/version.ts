// Semantic versions as Masterminds/semver v3.5 reads them (NewVersion, the library Flux and Helm use, in
// the version Helm v3.21 requires): a leading `v` is accepted, missing minor/patch parts default to 0
// ("loose" parsing), parts are uint64, and errors carry Masterminds' texts, which Helm prints.
export interface Version {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  /** Dot-separated pre-release identifiers, '' when absent. */
  readonly prerelease: string;
  /** Build metadata, '' when absent; ignored by comparisons. */
  readonly metadata: string;
  /** The text the version was parsed from. */
  readonly original: string;
}

export class InvalidVersionError extends Error {}

const LOOSE_VERSION = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
const IDENTIFIER = /^[0-9A-Za-z-]*$/;
const NUMERIC = /^[0-9]*$/;
const U64 = 1n << 64n;
const MAX_VERSION_LEN = 256;

function parseSegment(s: string): bigint {
  const v = BigInt(s);
  if (v >= U64) throw new InvalidVersionError(`error parsing version segment: strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  return v;
}

/** Throws Masterminds' error when `pre` is not a valid dot-separated pre-release. */
export function validatePrerelease(pre: string): void {
  for (const p of pre.split('.')) {
    if (p === '') throw new InvalidVersionError('invalid prerelease string');
    if (NUMERIC.test(p)) {
      if (p.length > 1 && p[0] === '0') throw new InvalidVersionError('version segment starts with 0');
    } else if (!IDENTIFIER.test(p)) throw new InvalidVersionError('invalid prerelease string');
  }
}

/** Throws Masterminds' error when `metadata` is not valid build metadata. */
export function validateMetadata(metadata: string): void {
  if (!metadata.split('.').every((p) => p !== '' && IDENTIFIER.test(p))) throw new InvalidVersionError('invalid metadata string');
}

/** NewVersion (with CoerceNewVersion, the default); throws InvalidVersionError with Masterminds' text. */
export function parseVersion(text: string): Version {
  if (Buffer.byteLength(text) > MAX_VERSION_LEN) throw new InvalidVersionError(`version string is too long (max ${MAX_VERSION_LEN} bytes)`);
  const m = LOOSE_VERSION.exec(text);
  if (!m) throw new InvalidVersionError('invalid semantic version');
  const version: Version = {
    major: parseSegment(m[1]!),
    minor: m[2] ? parseSegment(m[2].slice(1)) : 0n,
    patch: m[3] ? parseSegment(m[3].slice(1)) : 0n,
    prerelease: m[4] ?? '',
    metadata: m[5] ?? '',
    original: text,
  };
  if (version.prerelease) validatePrerelease(version.prerelease);
  if (version.metadata) validateMetadata(version.metadata);
  return version;
}

/** Like parseVersion but returns undefined instead of throwing (for filtering tag lists). */
export function tryParseVersion(text: string): Version | undefined {
  try {
    return parseVersion(text);
  } catch {
    return undefined;
  }
}

/** -1, 0 or 1, following semver 2.0 precedence (build metadata ignored). */
export function compareVersions(a: Version, b: Version): number {
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  }
  // A version without pre-release ranks above any pre-release of the same version.
  if (a.prerelease === b.prerelease) return 0;
  if (a.prerelease === '') return 1;
  if (b.prerelease === '') return -1;
  return comparePrerelease(a.prerelease, b.prerelease);
}

/** Pre-release precedence, identifier by identifier; fewer identifiers rank lower. */
export function comparePrerelease(a: string, b: string): number {
  const as = a.split('.');
  const bs = b.split('.');
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const d = compareIdentifier(as[i] ?? '', bs[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

// Numeric identifiers rank below alphanumeric ones; one too large for uint64 counts as alphanumeric.
function compareIdentifier(s: string, o: string): number {
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

/** The canonical `major.minor.patch[-pre][+meta]` form, without the `v` (Version.String). */
export function formatVersion(v: Pick<Version, 'major' | 'minor' | 'patch' | 'prerelease' | 'metadata'>): string {
  return `${v.major}.${v.minor}.${v.patch}${v.prerelease ? `-${v.prerelease}` : ''}${v.metadata ? `+${v.metadata}` : ''}`;
}
