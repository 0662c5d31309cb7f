// Health rules for built-in kinds whose controllers report progress through replica counts and
// phases rather than standard conditions. Facts from sigs.k8s.io/cli-utils kstatus.
import { conditions, findCondition, intField, stringField } from './fields.ts';
import { current, failed, inProgress, type HealthResult, type ObservedObject } from './types.ts';

type Rule = (obj: ObservedObject, now: Date) => HealthResult;

/** How long a Pod may stay unschedulable before it counts as failed. */
const SCHEDULE_WINDOW_MS = 15_000;
const MAX_INT32 = 2147483647;

const alwaysReady: Rule = () => current('Resource is always ready');

function replicaGaps(checks: [boolean, string, string][]): HealthResult | undefined {
  for (const [bad, reason, message] of checks) if (bad) return inProgress(reason, message);
  return undefined;
}

const deployment: Rule = (obj) => {
  let progressing = intField(obj, 'spec.progressDeadlineSeconds', MAX_INT32) === MAX_INT32;
  let available = false;
  for (const c of conditions(obj)) {
    if (c.type === 'Progressing') {
      if (c.reason === 'ProgressDeadlineExceeded') return failed(c.reason, 'Progress deadline exceeded');
      if (c.status === 'True' && c.reason === 'NewReplicaSetAvailable') progressing = true;
    } else if (c.type === 'Available' && c.status === 'True') {
      available = true;
    }
  }
  const spec = intField(obj, 'spec.replicas', 1);
  const replicas = intField(obj, 'status.replicas', 0);
  const updated = intField(obj, 'status.updatedReplicas', 0);
  const ready = intField(obj, 'status.readyReplicas', 0);
  const avail = intField(obj, 'status.availableReplicas', 0);
  return (
    replicaGaps([
      [spec > replicas, 'LessReplicas', `Replicas: ${replicas}/${spec}`],
      [spec > updated, 'LessUpdated', `Updated: ${updated}/${spec}`],
      [replicas > spec, 'ExtraPods', `Pending termination: ${replicas - spec}`],
      [updated > avail, 'LessAvailable', `Available: ${avail}/${updated}`],
      [spec > ready, 'LessReady', `Ready: ${ready}/${spec}`],
      [!progressing, 'ReplicaSetNotAvailable', 'ReplicaSet not Available'],
      [!available, 'DeploymentNotAvailable', 'Deployment not Available'],
    ]) ?? current(`Deployment is available. Replicas: ${replicas}`)
  );
};

const statefulSet: Rule = (obj) => {
  if (stringField(obj, 'spec.updateStrategy.type', '') === 'OnDelete') return current('StatefulSet is using the ondelete update strategy');
  const spec = intField(obj, 'spec.replicas', 1);
  const ready = intField(obj, 'status.readyReplicas', 0);
  const currentReplicas = intField(obj, 'status.currentReplicas', 0);
  const updated = intField(obj, 'status.updatedReplicas', 0);
  const replicas = intField(obj, 'status.replicas', 0);
  const partition = intField(obj, 'spec.updateStrategy.rollingUpdate.partition', -1);
  const gap = replicaGaps([
    [spec > replicas, 'LessReplicas', `Replicas: ${replicas}/${spec}`],
    [spec > ready, 'LessReady', `Ready: ${ready}/${spec}`],
    [replicas > spec, 'ExtraPods', `Pending termination: ${replicas - spec}`],
  ]);
  if (gap) return gap;
  if (partition !== -1) {
    if (updated < spec - partition) return inProgress('PartitionRollout', `updated: ${updated}/${spec - partition}`);
    return current(`Partition rollout complete. updated: ${updated}`);
  }
  if (spec > currentReplicas) return inProgress('LessCurrent', `current: ${currentReplicas}/${spec}`);
  if (stringField(obj, 'status.currentRevision', '') !== stringField(obj, 'status.updateRevision', '')) {
    return inProgress('RevisionMismatch', 'Waiting for updated revision to match current');
  }
  return current(`All replicas scheduled as expected. Replicas: ${replicas}`);
};

const daemonSet: Rule = (obj) => {
  // The DaemonSet controller always sets both generations once it has seen the object.
  if (obj.metadata.generation === undefined) return inProgress('NoGeneration', `${obj.kind} metadata.generation not found`);
  if (intField(obj, 'status.observedGeneration', -1) === -1) return inProgress('NoObservedGeneration', `${obj.kind} status.observedGeneration not found`);
  const desired = intField(obj, 'status.desiredNumberScheduled', -1);
  if (desired === -1) return inProgress('NoDesiredNumber', 'Missing .status.desiredNumberScheduled');
  const cur = intField(obj, 'status.currentNumberScheduled', 0);
  const updated = intField(obj, 'status.updatedNumberScheduled', 0);
  const avail = intField(obj, 'status.numberAvailable', 0);
  const ready = intField(obj, 'status.numberReady', 0);
  return (
    replicaGaps([
      [desired > cur, 'LessCurrent', `Current: ${cur}/${desired}`],
      [desired > updated, 'LessUpdated', `Updated: ${updated}/${desired}`],
      [desired > avail, 'LessAvailable', `Available: ${avail}/${desired}`],
      [desired > ready, 'LessReady', `Ready: ${ready}/${desired}`],
    ]) ?? current(`All replicas scheduled as expected. Replicas: ${desired}`)
  );
};

const replicaSet: Rule = (obj) => {
  if (conditions(obj).some((c) => c.type === 'ReplicaFailure' && c.status === 'True')) {
    return inProgress('ReplicaFailure', 'Replica Failure condition. Check Pods');
  }
  const spec = intField(obj, 'spec.replicas', 1);
  const replicas = intField(obj, 'status.replicas', 0);
  const ready = intField(obj, 'status.readyReplicas', 0);
  const avail = intField(obj, 'status.availableReplicas', 0);
  const labelled = intField(obj, 'status.fullyLabeledReplicas', 0);
  return (
    replicaGaps([
      [spec > labelled, 'LessLabelled', `Labelled: ${labelled}/${spec}`],
      [spec > avail, 'LessAvailable', `Available: ${avail}/${spec}`],
      [spec > ready, 'LessReady', `Ready: ${ready}/${spec}`],
      [replicas > spec, 'ExtraPods', `Pending termination: ${replicas - spec}`],
    ]) ?? current(`ReplicaSet is available. Replicas: ${replicas}`)
  );
};

const pod: Rule = (obj, now) => {
  const phase = stringField(obj, 'status.phase', '');
  switch (phase) {
    case 'Succeeded':
      return current('Pod has completed successfully');
    case 'Failed':
      return current('Pod has completed, but not successfully');
    case 'Running': {
      if (findCondition(obj, 'Ready')?.status === 'True') return current('Pod is Ready');
      const statuses = Array.isArray(obj.status?.containerStatuses) ? (obj.status.containerStatuses as Record<string, unknown>[]) : [];
      const looping = statuses.filter((s) => stringField(s, 'state.waiting.reason', '') === 'CrashLoopBackOff').map((s) => String(s.name));
      if (looping.length > 0) return failed('ContainerCrashLooping', `Containers in CrashLoop state: ${looping.join(',')}`);
      return inProgress('PodRunningNotReady', 'Pod is running but is not Ready');
    }
    case 'Pending': {
      const scheduled = findCondition(obj, 'PodScheduled');
      if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
        const created = Date.parse(obj.metadata.creationTimestamp ?? '');
        if (!Number.isNaN(created) && now.getTime() - SCHEDULE_WINDOW_MS < created) return inProgress('PodNotScheduled', 'Pod has not been scheduled');
        return failed('PodUnschedulable', 'Pod could not be scheduled');
      }
      return inProgress('PodPending', 'Pod is in the Pending phase');
    }
    case '':
      return inProgress('PodNotObserved', 'Pod phase not available');
    default:
      return { status: 'Unknown', message: `unknown phase ${phase}` };
  }
};

const job: Rule = (obj) => {
  const parallelism = intField(obj, 'spec.parallelism', 1);
  const completions = intField(obj, 'spec.completions', parallelism);
  const succeeded = intField(obj, 'status.succeeded', 0);
  const active = intField(obj, 'status.active', 0);
  const failedCount = intField(obj, 'status.failed', 0);
  for (const c of conditions(obj)) {
    if (c.status !== 'True') continue;
    if (c.type === 'Complete') return current(`Job Completed. succeeded: ${succeeded}/${completions}`);
    if (c.type === 'Failed') return failed('JobFailed', `Job Failed. failed: ${failedCount}/${completions}`);
    if (c.type === 'Suspended') return current('Job is suspended');
  }
  if (stringField(obj, 'status.startTime', '') === '') return inProgress('JobNotStarted', 'Job not started');
  return current(`Job in progress. success:${succeeded}, active: ${active}, failed: ${failedCount}`);
};

const service: Rule = (obj) => {
  if (stringField(obj, 'spec.type', 'ClusterIP') === 'LoadBalancer' && stringField(obj, 'spec.clusterIP', '') === '') {
    return inProgress('NoIPAssigned', 'ClusterIP not set. Service type: LoadBalancer');
  }
  return current('Service is ready');
};

const pvc: Rule = (obj) => {
  const phase = stringField(obj, 'status.phase', 'unknown');
  return phase === 'Bound' ? current('PVC is Bound') : inProgress('NotBound', `PVC is not Bound. phase: ${phase}`);
};

const crd: Rule = (obj) => {
  for (const c of conditions(obj)) {
    if (c.type === 'NamesAccepted' && c.status === 'False') return failed(c.reason ?? '', c.message ?? '');
    if (c.type === 'Established') {
      if (c.status === 'False' && c.reason !== 'Installing') return failed(c.reason ?? '', c.message ?? '');
      if (c.status === 'True') return current('CRD is established');
    }
  }
  return inProgress('Installing', 'Install in progress');
};

const apiService: Rule = (obj) => {
  const available = findCondition(obj, 'Available');
  if (available?.status === 'True') return current('APIService is available');
  return inProgress(available?.reason ?? 'NotAvailable', available?.message ?? 'APIService is not available');
};

/** Keyed by "group/Kind", or "Kind" for the core group. */
export const builtinRules: Record<string, Rule> = {
  Service: service,
  Pod: pod,
  Secret: alwaysReady,
  ConfigMap: alwaysReady,
  PersistentVolumeClaim: pvc,
  'apps/StatefulSet': statefulSet,
  'apps/DaemonSet': daemonSet,
  'extensions/DaemonSet': daemonSet,
  'apps/Deployment': deployment,
  'extensions/Deployment': deployment,
  'apps/ReplicaSet': replicaSet,
  'extensions/ReplicaSet': replicaSet,
  'policy/PodDisruptionBudget': () => current('AllowedDisruptions has been computed.'),
  'batch/CronJob': alwaysReady,
  'batch/Job': job,
  'apiextensions.k8s.io/CustomResourceDefinition': crd,
  'apiregistration.k8s.io/APIService': apiService,
};
