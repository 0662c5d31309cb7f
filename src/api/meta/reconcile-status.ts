// Status fields every reconciled Flux kind carries, and the status default upstream CRDs declare
// (`observedGeneration: -1` until the controller has looked at the object once).
import { Described, Int64, Type } from '../schema.ts';
import type { TProperties } from '@sinclair/typebox';
import { ConditionsSchema } from './condition.ts';

/** meta.ReconcileRequestStatus: the last `reconcile.fluxcd.io/requestedAt` token handled. */
export const lastHandledReconcileAt = Type.Optional(
  Type.String({ description: 'Value of the last reconcile.fluxcd.io/requestedAt annotation the controller handled.' }),
);

/** Status object with observedGeneration, conditions, lastHandledReconcileAt and the kind's own fields. */
export function ReconcileStatus<P extends TProperties>(properties: P) {
  return Type.Object(
    {
      observedGeneration: Type.Optional(Described(Int64(), 'Last generation the controller reconciled.')),
      conditions: Type.Optional(Described(ConditionsSchema, 'Current state of the object.')),
      lastHandledReconcileAt,
      ...properties,
    },
    { default: { observedGeneration: -1 } },
  );
}
