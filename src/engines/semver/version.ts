// Semantic versions as Masterminds/semver v3 reads them (the library Flux and Helm use): a leading
// `v` is accepted and missing minor/patch parts default to 0 ("loose" parsing), so Git tags such as
// `v1.2` take part in range selection exactly as they do upstream.

export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Dot-separated pre-release identifiers, '' when absent. */
  readonly prerelease: string;
  /** Build metadata, '' when absent; ignored by comparisons. */
  readonly metadata: string;
  /** The text the version was parsed from. */
  readonly original: string;
}

const LOOSE_VERSION =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

export class InvalidVersionError extends Error {}

/** Parses `text` loosely; throws InvalidVersionError when it is not a semantic version. */
export function parseVersion(text: string): Version {
  const m = LOOSE_VERSION.exec(text);
  if (!m) throw new InvalidVersionError(`invalid semantic version: '${text}'`);
  const prerelease = m[4] ?? '';
  for (const id of prerelease === '' ? [] : prerelease.split('.')) {
    if (/^[0-9]+$/.test(id) && id.length > 1 && id.startsWith('0')) {
      throw new InvalidVersionError(`invalid semantic version: '${text}': pre-release identifier '${id}' has a leading zero`);
    }
  }
  const part = (p: string | undefined) => (p === undefined ? 0 : Number(p.replace(/^\./, '')));
  const [major, minor, patch] = [part(m[1]), part(m[2]), part(m[3])];
  if (![major, minor, patch].every(Number.isSafeInteger)) throw new InvalidVersionError(`invalid semantic version: '${text}': number too large`);
  return { major, minor, patch, prerelease, metadata: m[5] ?? '', original: text };
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
  return comparePrerelease(a.prerelease, b.prerelease);
}

export function comparePrerelease(a: string, b: string): number {
  if (a === b) return 0;
  // A version without pre-release ranks above any pre-release of the same version.
  if (a === '') return 1;
  if (b === '') return -1;
  const as = a.split('.');
  const bs = b.split('.');
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const x = as[i];
    const y = bs[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const c = compareIdentifier(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

function compareIdentifier(x: string, y: string): number {
  const xn = /^[0-9]+$/.test(x);
  const yn = /^[0-9]+$/.test(y);
  if (xn && yn) return Math.sign(Number(x) - Number(y));
  if (xn) return -1;
  if (yn) return 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The canonical `major.minor.patch[-pre][+meta]` form, without the `v`. */
export function formatVersion(v: Version): string {
  return `${v.major}.${v.minor}.${v.patch}${v.prerelease ? `-${v.prerelease}` : ''}${v.metadata ? `+${v.metadata}` : ''}`;
}
