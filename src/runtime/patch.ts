// Writes that must land even while other writers (users, kubectl, other controllers) touch the same
// object: the status goes through server-side apply on the status subresource, owned by the controller's
// field manager (no resourceVersion, so no conflict to lose); metadata edits such as finalizers are read
// fresh and retried on conflict.
import type { KubeClient } from '../kube/index.ts';
import { isConflict, isNotFound } from '../kube/errors.ts';
import type { KubeObject } from '../kube/types.ts';

function refOf(obj: KubeObject) {
  return { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name!, namespace: obj.metadata.namespace };
}

/**
 * Makes `status` the object's status as far as `fieldManager` is concerned. Fields this manager set
 * before and left out now are removed (a condition that no longer applies disappears).
 */
export async function applyStatus<T extends KubeObject>(
  client: KubeClient,
  obj: KubeObject,
  status: unknown,
  fieldManager: string,
): Promise<T> {
  const ref = refOf(obj);
  const patch: KubeObject = {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    metadata: ref.namespace ? { name: ref.name, namespace: ref.namespace } : { name: ref.name },
    status,
  };
  return client.apply<T>(patch, { fieldManager, force: true, subresource: 'status' });
}

/**
 * Reads `ref` fresh, lets `mutate` change it (returning false when nothing needs changing), and updates
 * it with optimistic locking; on a conflict, reads again and retries. Returns the stored object, or
 * undefined when it no longer exists.
 */
export async function updateWithRetry<T extends KubeObject>(
  client: KubeClient,
  ref: KubeObject,
  mutate: (fresh: T) => boolean,
  attempts = 5,
): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    let fresh: T;
    try {
      fresh = await client.get<T>(refOf(ref));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    if (!mutate(fresh)) return fresh;
    try {
      return await client.update<T>(fresh);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      if (!isConflict(error) || attempt >= attempts) throw error;
    }
  }
}

export async function addFinalizer<T extends KubeObject>(client: KubeClient, obj: T, finalizer: string): Promise<T | undefined> {
  // One request in the common case: a merge patch of the list as `obj` has it, guarded by its
  // resourceVersion. Only when someone changed the object since is it read fresh and retried.
  if (obj.metadata.resourceVersion && !obj.metadata.deletionTimestamp) {
    const finalizers = obj.metadata.finalizers ?? [];
    if (finalizers.includes(finalizer)) return obj;
    try {
      return await client.patch<T>(refOf(obj), { metadata: { resourceVersion: obj.metadata.resourceVersion, finalizers: [...finalizers, finalizer] } }, 'merge');
    } catch (error) {
      if (isNotFound(error)) return undefined;
      if (!isConflict(error)) throw error;
    }
  }
  return updateWithRetry<T>(client, obj, (fresh) => {
    const finalizers = fresh.metadata.finalizers ?? [];
    if (finalizers.includes(finalizer) || fresh.metadata.deletionTimestamp) return false;
    fresh.metadata.finalizers = [...finalizers, finalizer];
    return true;
  });
}

export async function removeFinalizer<T extends KubeObject>(client: KubeClient, obj: T, finalizer: string): Promise<T | undefined> {
  return updateWithRetry<T>(client, obj, (fresh) => {
    const finalizers = fresh.metadata.finalizers ?? [];
    if (!finalizers.includes(finalizer)) return false;
    fresh.metadata.finalizers = finalizers.filter((f) => f !== finalizer);
    return true;
  });
}
