// The vocabulary of kstatus: what state a Kubernetes object is in, as seen from its status alone.

export type HealthStatus = 'InProgress' | 'Failed' | 'Current' | 'Terminating' | 'NotFound' | 'Unknown';

export interface HealthResult {
  status: HealthStatus;
  message: string;
  /** The standard condition (Reconciling or Stalled) this result implies, if any. */
  condition?: { type: 'Reconciling' | 'Stalled'; status: 'True'; reason: string; message: string };
}

export interface StatusCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** Any object as the apiserver returns it; only metadata and status are read. */
export interface ObservedObject {
  apiVersion: string;
  kind: string;
  metadata: { generation?: number; deletionTimestamp?: string; creationTimestamp?: string; [key: string]: unknown };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [key: string]: unknown;
}

export const current = (message: string): HealthResult => ({ status: 'Current', message });

export const inProgress = (reason: string, message: string): HealthResult => ({
  status: 'InProgress',
  message,
  condition: { type: 'Reconciling', status: 'True', reason, message },
});

export const failed = (reason: string, message: string): HealthResult => ({
  status: 'Failed',
  message,
  condition: { type: 'Stalled', status: 'True', reason, message },
});
