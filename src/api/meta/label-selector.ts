// metav1.LabelSelector as it appears in CRD schemas.
import { StringMap, Type } from '../schema.ts';
import type { Static } from '../schema.ts';

export const LabelSelectorSchema = Type.Object(
  {
    matchExpressions: Type.Optional(
      Type.Array(
        Type.Object({
          key: Type.String(),
          operator: Type.String(),
          values: Type.Optional(Type.Array(Type.String(), { 'x-kubernetes-list-type': 'atomic' })),
        }),
        { 'x-kubernetes-list-type': 'atomic' },
      ),
    ),
    matchLabels: Type.Optional(StringMap()),
  },
  { 'x-kubernetes-map-type': 'atomic' },
);
export type LabelSelector = Static<typeof LabelSelectorSchema>;
