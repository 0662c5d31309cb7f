// How a Flux kind is described: its names in the API, its spec and status schemas and how kubectl
// shows it. Each kind file calls `defineKind` once; the CRD, the TypeScript type and the `Kind`
// constant the controllers use are all derived from that one description.
import type { Static, TSchema } from '@sinclair/typebox';
import type { KubeObject } from '../kube/types.ts';

/** Where a kind lives in the API, in the shape the Kubernetes client and the runtime take. */
export interface KindInfo {
  apiVersion: string;
  kind: string;
  group: string;
  version: string;
  plural: string;
}

export interface PrinterColumn {
  name: string;
  type: 'string' | 'date' | 'integer' | 'number' | 'boolean';
  jsonPath: string;
  description?: string;
  priority?: number;
}

export interface KindDefinition<Spec extends TSchema = TSchema, Status extends TSchema | undefined = TSchema | undefined> {
  info: KindInfo;
  singular: string;
  shortNames: string[];
  categories: string[];
  /** Which controller owns the kind: labels the CRD and picks the install component. */
  component: FluxComponent;
  spec: Spec;
  /** Absent for kinds without status (Provider, Alert); such kinds get no status subresource. */
  status: Status;
  printerColumns: PrinterColumn[];
  description: string;
}

export type FluxComponent =
  | 'source-controller'
  | 'kustomize-controller'
  | 'helm-controller'
  | 'notification-controller'
  | 'image-reflector-controller'
  | 'image-automation-controller';

/** A Flux object as stored by the apiserver: typed spec, optional status. */
export type FluxObject<Spec, Status = never> = KubeObject & { spec: Spec } & ([Status] extends [never] ? unknown : { status?: Status });

export type SpecOf<D extends KindDefinition> = Static<D['spec']>;
export type StatusOf<D extends KindDefinition> = D['status'] extends TSchema ? Static<D['status']> : never;

export function kindInfo(group: string, version: string, kind: string, plural: string): KindInfo {
  return { apiVersion: `${group}/${version}`, kind, group, version, plural };
}

export function defineKind<Spec extends TSchema, Status extends TSchema | undefined>(
  definition: KindDefinition<Spec, Status>,
): KindDefinition<Spec, Status> {
  return definition;
}

// Printer columns every reconciled kind shows, in the order upstream declares them.
export const ageColumn: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };
export const readyColumn: PrinterColumn = { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' };
export const statusColumn: PrinterColumn = { name: 'Status', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].message' };
