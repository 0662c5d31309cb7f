// The controller runtime's public face for controller authors: import from here.
export { defineController, ReconcileError, StalledError } from './controller.ts';
export type { CacheReader, ControllerDefinition, ControllerSpec, KindRef, ReconcileContext, ReconcileResult, WatchSpec } from './controller.ts';
export { objectKey, splitKey } from './cache.ts';
export type { CacheEvent, IndexFunction, Informer } from './cache.ts';
export {
  conditionTime,
  getCondition,
  isConditionTrue,
  markReady,
  markReconciling,
  markRetrying,
  markStalled,
  removeCondition,
  setCondition,
} from './conditions.ts';
export type { Condition, ConditionStatus, FluxStatus, ObjectWithStatus } from './conditions.ts';
export { metadataKey } from './events.ts';
export type { EventType } from './events.ts';
export { hasFinalizer, isBeingDeleted, isSuspended, needsReconcile, reconcileRequest } from './flux-object.ts';
export { applyStatus, updateWithRetry } from './patch.ts';
export type { ControllerBundle, ControllerOptions } from './registry.ts';
