// Sprig's semver and semverCompare over the Masterminds/semver engine (src/engines/semver, v3.5.0, the
// version Helm's go.mod selects under Sprig v3.3.0). `semver` returns a *semver.Version whose Go methods
// templates call; IncMinor and friends return semver.Version values.
import { GoNumber, goFunc as f } from '../gotemplate/index.ts';
import type { FuncMap } from '../gotemplate/index.ts';
import { compareVersions, formatVersion, parseConstraint, parseVersion, satisfies, validateMetadata, validatePrerelease, type Version } from '../semver/index.ts';

export class SemverVersion {
  static goTypeName = '*semver.Version';
  readonly #v: Version;

  constructor(v: Version) {
    this.#v = v;
  }

  Major(): GoNumber { return new GoNumber('uint64', this.#v.major); }
  Minor(): GoNumber { return new GoNumber('uint64', this.#v.minor); }
  Patch(): GoNumber { return new GoNumber('uint64', this.#v.patch); }
  Prerelease(): string { return this.#v.prerelease; }
  Metadata(): string { return this.#v.metadata; }
  Original(): string { return this.#v.original; }
  String(): string { return formatVersion(this.#v); }
  MarshalJSON(): string { return JSON.stringify(this.String()); }
  Compare(o: SemverVersion): bigint { return BigInt(compareVersions(this.#v, o.#v)); }
  LessThan(o: SemverVersion): boolean { return compareVersions(this.#v, o.#v) < 0; }
  LessThanEqual(o: SemverVersion): boolean { return compareVersions(this.#v, o.#v) <= 0; }
  GreaterThan(o: SemverVersion): boolean { return compareVersions(this.#v, o.#v) > 0; }
  GreaterThanEqual(o: SemverVersion): boolean { return compareVersions(this.#v, o.#v) >= 0; }
  Equal(o: SemverVersion): boolean { return compareVersions(this.#v, o.#v) === 0; }

  /** The next versions are Version values (not pointers), keeping the original's "v" prefix. */
  #next(major: bigint, minor: bigint, patch: bigint, prerelease: string, metadata: string): SemverValue {
    const prefix = this.#v.original.startsWith('v') ? 'v' : '';
    const parts = { major, minor, patch, prerelease, metadata };
    return new SemverValue({ ...parts, original: prefix + formatVersion(parts) });
  }
  IncPatch(): SemverValue {
    const v = this.#v;
    return this.#next(v.major, v.minor, v.prerelease !== '' ? v.patch : v.patch + 1n, '', '');
  }
  IncMinor(): SemverValue { return this.#next(this.#v.major, this.#v.minor + 1n, 0n, '', ''); }
  IncMajor(): SemverValue { return this.#next(this.#v.major + 1n, 0n, 0n, '', ''); }
  SetPrerelease(pre: string): SemverValue {
    if (pre !== '') validatePrerelease(pre);
    return this.#next(this.#v.major, this.#v.minor, this.#v.patch, pre, this.#v.metadata);
  }
  SetMetadata(metadata: string): SemverValue {
    if (metadata !== '') validateMetadata(metadata);
    return this.#next(this.#v.major, this.#v.minor, this.#v.patch, this.#v.prerelease, metadata);
  }
}

/** A semver.Version value (what IncMinor and friends return): pointer-receiver methods need an address. */
export class SemverValue extends SemverVersion {
  static override goTypeName = 'semver.Version';
  static pointerMethods = ['Original', 'LessThan', 'LessThanEqual', 'GreaterThan', 'GreaterThanEqual', 'Equal', 'Compare'];
}

export function newVersion(text: string): SemverVersion {
  return new SemverVersion(parseVersion(text));
}

export function semverCompare(constraint: string, version: string): boolean {
  const c = parseConstraint(constraint);
  return satisfies(parseVersion(version), c);
}

export function semverFuncs(): FuncMap {
  return {
    semver: f(['string'], newVersion),
    semverCompare: f(['string', 'string'], semverCompare),
  };
}
