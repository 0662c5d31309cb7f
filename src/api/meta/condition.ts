// metav1.Condition, the status entry every Flux kind reports, with the exact validation the upstream
// apiserver types carry (the CRD rejects a status patch with a malformed condition).
import { StringEnum, Time, Int64, Type } from '../schema.ts';
import type { Static } from '../schema.ts';

export const ConditionSchema = Type.Object({
  type: Type.String({
    description: 'Type of the condition, e.g. Ready, Reconciling, Stalled.',
    maxLength: 316,
    pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$',
  }),
  status: StringEnum(['True', 'False', 'Unknown'], { description: 'Status of the condition.' }),
  observedGeneration: Type.Optional(Int64({ minimum: 0, description: 'Generation of the object the condition was computed for.' })),
  lastTransitionTime: Time({ description: 'When the status of the condition last changed.' }),
  reason: Type.String({ description: 'CamelCase reason for the last transition.', maxLength: 1024, minLength: 1, pattern: '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$' }),
  message: Type.String({ maxLength: 32768, description: 'Human-readable details of the last transition.' }),
});
export type Condition = Static<typeof ConditionSchema>;

export const ConditionsSchema = Type.Array(ConditionSchema);
