// Turns a kind definition into the apiextensions.k8s.io/v1 CustomResourceDefinition the apiserver
// serves. The schema objects are TypeBox values; serialising through JSON drops TypeBox's symbol
// bookkeeping and leaves plain OpenAPI v3.
import type { KubeObject } from '../kube/types.ts';
import type { KindDefinition, PrinterColumn } from './kind.ts';
import { KustomizeSubstituteAnnotation } from './meta/annotations.ts';

export interface JSONSchemaProps {
  type?: string;
  format?: string;
  description?: string;
  properties?: Record<string, JSONSchemaProps>;
  additionalProperties?: JSONSchemaProps | boolean;
  items?: JSONSchemaProps;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  pattern?: string;
  anyOf?: JSONSchemaProps[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-validations'?: { rule: string; message?: string }[];
  [key: string]: unknown;
}

export interface CustomResourceDefinition extends KubeObject {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  spec: {
    group: string;
    names: { kind: string; listKind: string; plural: string; singular: string; shortNames?: string[]; categories?: string[] };
    scope: 'Namespaced';
    versions: {
      name: string;
      served: boolean;
      storage: boolean;
      schema: { openAPIV3Schema: JSONSchemaProps };
      subresources?: { status?: Record<string, never> };
      additionalPrinterColumns: PrinterColumn[];
    }[];
  };
}

/** Plain JSON copy of a TypeBox schema (symbol keys removed). */
export function plainSchema(schema: unknown): JSONSchemaProps {
  return JSON.parse(JSON.stringify(schema)) as JSONSchemaProps;
}

export function openAPISchemaOf(definition: KindDefinition): JSONSchemaProps {
  const properties: Record<string, JSONSchemaProps> = {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object.' },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents.' },
    metadata: { type: 'object' },
    spec: { description: `Desired state of the ${definition.info.kind}.`, ...plainSchema(definition.spec) },
  };
  if (definition.status) properties.status = { description: `Observed state of the ${definition.info.kind}.`, ...plainSchema(definition.status) };
  return { type: 'object', description: definition.description, properties };
}

export function customResourceDefinition(definition: KindDefinition): CustomResourceDefinition {
  const { info } = definition;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${info.plural}.${info.group}`,
      annotations: { [KustomizeSubstituteAnnotation]: 'disabled' },
      labels: {
        'app.kubernetes.io/component': definition.component,
        'app.kubernetes.io/instance': 'flux-system',
        'app.kubernetes.io/part-of': 'flux',
      },
    },
    spec: {
      group: info.group,
      names: {
        kind: info.kind,
        listKind: `${info.kind}List`,
        plural: info.plural,
        singular: definition.singular,
        ...(definition.shortNames.length > 0 ? { shortNames: definition.shortNames } : {}),
        ...(definition.categories.length > 0 ? { categories: definition.categories } : {}),
      },
      scope: 'Namespaced',
      versions: [
        {
          name: info.version,
          served: true,
          storage: true,
          schema: { openAPIV3Schema: openAPISchemaOf(definition) },
          ...(definition.status ? { subresources: { status: {} } } : {}),
          additionalPrinterColumns: definition.printerColumns,
        },
      ],
    },
  };
}
