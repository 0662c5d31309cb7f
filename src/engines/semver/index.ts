// Masterminds/semver v3-compatible versions and constraints (pure; shared by the source, helm and sprig code).
export { parseVersion, tryParseVersion, compareVersions, formatVersion, validatePrerelease, validateMetadata, InvalidVersionError, type Version } from './version.ts';
export { parseConstraint, satisfies, maxSatisfying, InvalidConstraintError, type Constraint } from './constraint.ts';
