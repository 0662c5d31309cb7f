// Masterminds/semver v3-compatible versions and constraints (pure; shared by the source and helm code).
export { parseVersion, tryParseVersion, compareVersions, formatVersion, InvalidVersionError, type Version } from './version.ts';
export { parseConstraint, satisfies, maxSatisfying, InvalidConstraintError, type Constraint } from './constraint.ts';
