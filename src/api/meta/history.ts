// meta.History: the last few reconciliation attempts of a Kustomization, newest first.
import { Int64, StringMap, Time, Type } from '../schema.ts';
import type { Static } from '../schema.ts';

export const SnapshotSchema = Type.Object({
  /** Checksum of the desired state (revision + applied inventory). */
  digest: Type.String(),
  firstReconciled: Time(),
  lastReconciled: Time(),
  lastReconciledDuration: Type.String(),
  lastReconciledStatus: Type.String(),
  totalReconciliations: Int64(),
  metadata: Type.Optional(StringMap()),
});
export type Snapshot = Static<typeof SnapshotSchema>;

export const HistorySchema = Type.Array(SnapshotSchema);
export type History = Static<typeof HistorySchema>;
