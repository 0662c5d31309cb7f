// kstatus: computes whether an object has reached the state its spec asks for, from the object alone.
// Order: deletion, generation observed, the standard Reconciling/Stalled conditions, kind-specific
// rules for built-in kinds, then the Ready condition most controllers (Flux's included) publish.
import { builtinRules } from './builtin-kinds.ts';
import { conditions, findCondition, intField } from './fields.ts';
import { current, failed, inProgress, type HealthResult, type ObservedObject } from './types.ts';

export function computeHealth(obj: ObservedObject, now: Date = new Date()): HealthResult {
  if (obj.metadata.deletionTimestamp) return { status: 'Terminating', message: 'Resource scheduled for deletion' };

  const generation = obj.metadata.generation;
  const observed = intField(obj, 'status.observedGeneration', -1);
  if (generation !== undefined && observed !== -1 && observed !== generation) {
    return inProgress('LatestGenerationNotObserved', `${obj.kind} generation is ${generation}, but latest observed generation is ${observed}`);
  }

  for (const c of conditions(obj)) {
    if (c.status !== 'True') continue;
    if (c.type === 'Reconciling') return inProgress(c.reason ?? '', c.message ?? '');
    if (c.type === 'Stalled') return failed(c.reason ?? '', c.message ?? '');
  }

  const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
  const rule = builtinRules[group ? `${group}/${obj.kind}` : obj.kind];
  if (rule) return rule(obj, now);

  // Beyond upstream kstatus: objects that publish a Ready condition (every Flux kind, most operators)
  // are judged by it, so a failed HelmRelease fails a health check instead of counting as Current.
  const ready = findCondition(obj, 'Ready');
  if (ready?.status === 'True') return current(ready.message || 'Resource is Ready');
  if (ready?.status === 'False') return failed(ready.reason ?? 'NotReady', ready.message ?? '');
  if (ready) return inProgress(ready.reason ?? 'Progressing', ready.message || 'Resource is not Ready yet');

  return current('Resource is current');
}
