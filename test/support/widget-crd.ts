// The Widget CRD end-to-end tests define for themselves: namespaced, served as v1 with a status
// subresource, in a group of the test's choosing, with the spec and status schemas the test needs.
import type { KubeObject } from '../../src/kube/index.ts';

type Schema = Record<string, unknown>;

export function widgetCrd(group: string, schemas: { spec: Schema; status: Schema }): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `widgets.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: { openAPIV3Schema: { type: 'object', properties: schemas } },
        },
      ],
    },
  } as KubeObject;
}
