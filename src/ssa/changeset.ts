// What an apply or prune did to each object, in the words Flux uses in events and logs.
import type { KubeObject } from '../kube/index.ts';
import { describeId, type ObjectId } from './object-id.ts';

export type Action = 'created' | 'configured' | 'unchanged' | 'deleted' | 'skipped';

export interface ChangeSetEntry {
  id: ObjectId;
  action: Action;
  /**
   * The object as the apiserver answered at this step (the apply's response, or the live object when
   * unchanged), so a health check can start from it instead of reading it again.
   */
  object?: KubeObject;
}

/** "Deployment/apps/web configured" lines, one per changed object, unchanged ones left out. */
export function describeChanges(entries: ChangeSetEntry[]): string {
  return entries
    .filter((e) => e.action !== 'unchanged' && e.action !== 'skipped')
    .map((e) => `${describeId(e.id)} ${e.action}`)
    .join('\n');
}
