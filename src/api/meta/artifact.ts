// meta.Artifact: what a source reports in status.artifact and what consumers download.
import { Int64, StringMap, Time, Type } from '../schema.ts';
import type { Static } from '../schema.ts';

export const ArtifactSchema = Type.Object({
  /** `<kind>/<namespace>/<name>/<file>` relative to the storage root. */
  path: Type.String(),
  /** HTTP address on the source-controller artifact server. */
  url: Type.String(),
  /** Human-readable revision in the origin system, e.g. `main@sha1:<sha>`. */
  revision: Type.String(),
  /** `<algorithm>:<checksum>` of the file. */
  digest: Type.String({ pattern: '^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$' }),
  lastUpdateTime: Time(),
  size: Type.Optional(Int64()),
  /** Upstream metadata such as OCI annotations. */
  metadata: Type.Optional(StringMap()),
});
export type Artifact = Static<typeof ArtifactSchema>;
