// Server-side apply of object sets, health waiting, inventories and pruning: what fluxcd/pkg/ssa is
// to Flux, shared by the controllers that apply objects.
export { ResourceManager, ApplyError, type ApplyOptions, type ApplyPolicy } from './apply.ts';
export { waitForSet, HealthCheckError, type WaitOptions } from './wait.ts';
export { deleteObjects, staleObjects, PruneError, type PruneOptions } from './prune.ts';
export { describeChanges, type Action, type ChangeSetEntry } from './changeset.ts';
export { objectId, describeId, inventoryEntry, parseInventoryEntry, apiVersionOf, type ObjectId, type InventoryEntry } from './object-id.ts';
export { cleanupPatch, type CleanupOptions, type FieldManagerMatch } from './cleanup.ts';
export { parsePointer, withIgnoredFields } from './ignore.ts';
export { splitStages, sortForApply, isClusterDefinition } from './stages.ts';
