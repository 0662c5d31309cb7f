// Which kustomize release a build follows. The default is v5.5.0, the kustomize that kubectl embeds on
// these machines; v5.8.1 (kubectl v1.36, and the kustomize Flux 2.9 builds with) differs in the ways
// README.md lists, and only those are followed.

import type { MergeSchema } from './patch/merge-schema.ts';

export type KustomizeVersion = 'v5.5.0' | 'v5.8.1';

export const KUSTOMIZE_VERSIONS: readonly KustomizeVersion[] = ['v5.5.0', 'v5.8.1'];

/** What the transformer steps of a level need besides the resources and the kustomization. */
export interface StepSettings {
  /** The merge schema of an `openapi:` field, when one is set. */
  schema: MergeSchema | undefined;
  version: KustomizeVersion;
}
