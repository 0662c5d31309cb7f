export { computeHealth } from './compute.ts';
export type { HealthResult, HealthStatus, ObservedObject } from './types.ts';
