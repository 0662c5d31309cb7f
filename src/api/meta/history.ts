// meta.History: the last few reconciliation attempts of a Kustomization, newest first.
import { Described, Int64, StringMap, Time, Type } from '../schema.ts';
import type { Static } from '../schema.ts';

export const SnapshotSchema = Type.Object({
  digest: Described(Type.String(), 'Digest of the reconciled desired state.'),
  firstReconciled: Described(Time(), 'First reconciliation of this state.'),
  lastReconciled: Described(Time(), 'Last reconciliation of this state.'),
  lastReconciledDuration: Described(Type.String(), 'Duration of the last reconciliation.'),
  lastReconciledStatus: Described(Type.String(), 'Outcome of the last reconciliation.'),
  totalReconciliations: Described(Int64(), 'Reconciliations of this state so far.'),
  metadata: Type.Optional(Described(StringMap(), 'Extra information, such as the revision.')),
});
export type Snapshot = Static<typeof SnapshotSchema>;

export const HistorySchema = Type.Array(SnapshotSchema);
export type History = Static<typeof HistorySchema>;
