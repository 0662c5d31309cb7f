// meta.Artifact: what a source reports in status.artifact and what consumers download.
import { Described, Int64, StringMap, Time, Type } from '../schema.ts';
import type { Static } from '../schema.ts';

export const ArtifactSchema = Type.Object({
  path: Described(Type.String(), 'Path of the artifact file in the controller\'s storage: <kind>/<namespace>/<name>/<file>.'),
  url: Described(Type.String(), 'HTTP address where the artifact can be downloaded.'),
  revision: Described(
    Type.String(),
    'Human-readable revision in the origin system, e.g. a branch and commit, a tag and digest, a chart version.',
  ),
  digest: Described(
    Type.String({ pattern: '^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$' }),
    'Digest of the artifact file, <algorithm>:<checksum>.',
  ),
  lastUpdateTime: Described(Time(), 'When the artifact last changed.'),
  size: Type.Optional(Described(Int64(), 'Size of the artifact file in bytes.')),
  metadata: Type.Optional(Described(StringMap(), 'Upstream metadata, such as OCI annotations.')),
});
export type Artifact = Static<typeof ArtifactSchema>;
