// The Kustomization build pipeline: pure functions from an extracted artifact and a spec to objects.
export { buildManifests, type BuildInputs, type PipelineSpec } from './pipeline.ts';
export { BuildError } from './errors.ts';
export { sopsKeysFromSecret } from './decrypt.ts';
export { validateVariableNames, type Substitution } from './substitute.ts';
