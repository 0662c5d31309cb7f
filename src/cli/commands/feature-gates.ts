// --feature-gates=Name=bool,...: the gates of Flux's source- and kustomize-controller (all run in
// this one process). Unknown names are an error, as upstream's flag parser makes them; known gates
// whose behaviour tsflux fixes are accepted but reported, so a Deployment's flags still start.
import { InvalidArgumentError } from 'commander';

/** The gates tsflux acts on. */
export const configurableGates = ['ObjectLevelWorkloadIdentity'] as const;

/** Upstream gates whose behaviour is built into tsflux (setting them changes nothing). */
export const fixedGates = [
  'CacheSecretsAndConfigMaps',
  'DisableStatusPollerCache',
  'DisableFailFastBehavior',
  'StrictPostBuildSubstitutions',
  'GroupChangeLog',
  'AdditiveCELDependencyCheck',
  'ExternalArtifact',
  'CancelHealthCheckOnNewRevision',
  'DisableConfigWatchers',
  'DirectSourceFetch',
  'MigrateAPIVersion',
] as const;

const known = new Set<string>([...configurableGates, ...fixedGates]);

/** Parses one --feature-gates value; repeated flags accumulate, later settings win. */
export function parseFeatureGates(value: string, previous: Record<string, boolean> = {}): Record<string, boolean> {
  const gates = { ...previous };
  for (const pair of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = pair.indexOf('=');
    const name = (eq < 0 ? pair : pair.slice(0, eq)).trim();
    const setting = eq < 0 ? '' : pair.slice(eq + 1).trim().toLowerCase();
    if (eq < 0 || !name) throw new InvalidArgumentError(`missing bool value for ${name || pair}: want Name=true or Name=false`);
    if (!known.has(name)) throw new InvalidArgumentError(`unrecognized feature gate: ${name}`);
    if (setting !== 'true' && setting !== 'false') throw new InvalidArgumentError(`invalid value of ${name}=${setting}, want true or false`);
    gates[name] = setting === 'true';
  }
  return gates;
}

/** Gates set on the command line that tsflux does not act on. */
export function ignoredGates(gates: Record<string, boolean>): string[] {
  return Object.keys(gates).filter((name) => (fixedGates as readonly string[]).includes(name));
}
