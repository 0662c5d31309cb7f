// Events about reconciled objects, recorded twice as Flux does: as a Kubernetes Event (what
// `kubectl describe` and `flux events` show), and, when --events-addr is set, as the Flux event
// payload POSTed to notification-controller, which routes it to Alerts. A failure to record an event
// is logged, never raised: it must not fail the reconcile that produced it.
import { EventMetadataAnnotationPrefix } from '../api/meta/annotations.ts';
import type { KubeClient } from '../kube/index.ts';
import { isNotFound } from '../kube/errors.ts';
import type { KubeObject } from '../kube/types.ts';
import type { Logger } from './logger.ts';

/** Trace events are Kubernetes-only (Flux never forwards them to notification-controller). */
export type EventType = 'Normal' | 'Warning' | 'Trace';

export interface EventInput {
  type: EventType;
  reason: string;
  message: string;
  /** Keys already prefixed with the object's API group, e.g. `kustomize.toolkit.fluxcd.io/revision`. */
  metadata?: Record<string, string>;
}

export interface InvolvedObject {
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  apiVersion: string;
  resourceVersion?: string;
}

/** The JSON notification-controller accepts on its event endpoint (fluxcd/pkg apis/event v1beta1). */
export interface FluxEvent {
  involvedObject: InvolvedObject;
  severity: 'info' | 'error';
  timestamp: string;
  message: string;
  reason: string;
  metadata?: Record<string, string>;
  reportingController: string;
  reportingInstance?: string;
}

/** notification-controller rejects larger messages; Flux truncates before sending. */
const maxMessageLength = 39_000;

export function involvedObject(obj: KubeObject): InvolvedObject {
  const ref: InvolvedObject = { kind: obj.kind, name: obj.metadata.name ?? '', apiVersion: obj.apiVersion };
  if (obj.metadata.namespace) ref.namespace = obj.metadata.namespace;
  if (obj.metadata.uid) ref.uid = obj.metadata.uid;
  if (obj.metadata.resourceVersion) ref.resourceVersion = obj.metadata.resourceVersion;
  return ref;
}

/** `<group>/<key>`: how Flux names event metadata, e.g. metadataKey(kustomization, 'revision'). */
export function metadataKey(obj: KubeObject, key: string): string {
  const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
  return group ? `${group}/${key}` : key;
}

function eventMetadata(obj: KubeObject, input: EventInput): Record<string, string> | undefined {
  const metadata: Record<string, string> = { ...input.metadata };
  // Object annotations like `event.toolkit.fluxcd.io/summary` travel with every event of the object.
  for (const [key, value] of Object.entries(obj.metadata.annotations ?? {})) {
    if (key.startsWith(EventMetadataAnnotationPrefix)) metadata[key] = value;
  }
  return Object.keys(metadata).length > 0 ? metadata : undefined;
}

function truncate(message: string): string {
  return message.length <= maxMessageLength ? message : `${message.slice(0, maxMessageLength - 3)}...`;
}

/** The payload for notification-controller; undefined for Trace events, which are never forwarded. */
export function fluxEventPayload(
  obj: KubeObject,
  input: EventInput,
  reporter: { controller: string; instance?: string },
  now: Date,
): FluxEvent | undefined {
  if (input.type === 'Trace') return undefined;
  const event: FluxEvent = {
    involvedObject: involvedObject(obj),
    severity: input.type === 'Warning' ? 'error' : 'info',
    timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    message: truncate(input.message),
    reason: input.reason,
    reportingController: reporter.controller,
  };
  const metadata = eventMetadata(obj, input);
  if (metadata) event.metadata = metadata;
  if (reporter.instance) event.reportingInstance = reporter.instance;
  return event;
}

/** A core/v1 Event, named as client-go names them (`<object>.<unix nanos in hex>`). */
export function kubernetesEvent(
  obj: KubeObject,
  input: EventInput,
  reporter: { controller: string; instance?: string },
  now: Date,
  uniquifier = 0,
): KubeObject {
  const time = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const nanos = BigInt(now.getTime()) * 1_000_000n + BigInt(uniquifier % 1_000_000);
  const metadata: KubeObject['metadata'] = {
    name: `${obj.metadata.name}.${nanos.toString(16)}`,
    namespace: obj.metadata.namespace || 'default',
  };
  if (input.metadata && Object.keys(input.metadata).length > 0) metadata.annotations = { ...input.metadata };
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata,
    involvedObject: involvedObject(obj),
    reason: input.reason,
    message: truncate(input.message),
    source: { component: reporter.controller },
    firstTimestamp: time,
    lastTimestamp: time,
    count: 1,
    type: input.type === 'Warning' ? 'Warning' : 'Normal',
    reportingComponent: reporter.controller,
    reportingInstance: reporter.instance ?? '',
  };
}

const involvedKey = (obj: KubeObject) => obj.metadata.uid ?? `${obj.kind}/${obj.metadata.namespace}/${obj.metadata.name}`;

export interface EventRecorderOptions {
  client: KubeClient;
  /** e.g. `kustomize-controller`: source.component of Kubernetes Events and reportingController. */
  controller: string;
  /** The pod name in a cluster (hostname). */
  instance?: string;
  /** notification-controller's address (--events-addr); no POST when empty. */
  eventsAddr?: string;
  logger: Logger;
  now?: () => Date;
  /** How many distinct events to remember for aggregation. */
  aggregationCacheSize?: number;
}

interface Seen {
  name: string;
  namespace: string;
  count: number;
}

export class EventRecorder {
  readonly #opts: EventRecorderOptions;
  readonly #now: () => Date;
  // Repeats of one event (same object, type, reason, message) bump `count` on the existing Event, as
  // client-go's correlator does, instead of creating thousands of objects for a failing reconcile loop.
  readonly #seen = new Map<string, Seen>();
  readonly #pending = new Set<Promise<void>>();
  /** The last Kubernetes Event write of each object, which the next one waits for. */
  readonly #writing = new Map<string, Promise<void>>();
  #counter = 0;

  constructor(opts: EventRecorderOptions) {
    this.#opts = opts;
    this.#now = opts.now ?? (() => new Date());
  }

  /**
   * Sends the event without waiting for the apiserver (as client-go's recorder does), so a reconcile
   * does not pay a round trip per event. The Events of one object are written in order, which keeps
   * repeats aggregated; settled() waits for them.
   */
  async record(obj: KubeObject, input: EventInput): Promise<void> {
    const now = this.#now();
    const reporter = { controller: this.#opts.controller, instance: this.#opts.instance };
    const payload = this.#opts.eventsAddr ? fluxEventPayload(obj, input, reporter, now) : undefined;
    if (payload) this.#track(this.#post(payload));
    const object = involvedKey(obj);
    const write = (this.#writing.get(object) ?? Promise.resolve()).then(() =>
      this.#recordKubernetesEvent(obj, input, now).catch((error: unknown) => {
        this.#opts.logger.error('failed to record Kubernetes event', error, {
          reason: input.reason,
          name: obj.metadata.name,
          namespace: obj.metadata.namespace,
        });
      }),
    );
    this.#writing.set(object, write);
    this.#track(write);
    void write.finally(() => {
      if (this.#writing.get(object) === write) this.#writing.delete(object);
    });
  }

  /** Waits until the Kubernetes Events recorded so far for `obj` are written (or failed). */
  async settled(obj: KubeObject): Promise<void> {
    await this.#writing.get(involvedKey(obj));
  }

  /** Waits for events still in flight (graceful shutdown, tests). */
  async flush(): Promise<void> {
    await Promise.all([...this.#pending]);
  }

  async #recordKubernetesEvent(obj: KubeObject, input: EventInput, now: Date): Promise<void> {
    const key = [involvedKey(obj), input.type, input.reason, input.message].join('\u0000');
    const seen = this.#seen.get(key);
    if (seen) {
      try {
        const time = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
        await this.#opts.client.patch(
          { apiVersion: 'v1', kind: 'Event', name: seen.name, namespace: seen.namespace },
          { count: seen.count + 1, lastTimestamp: time },
          'merge',
        );
        seen.count++;
        this.#remember(key, seen);
        return;
      } catch (error) {
        if (!isNotFound(error)) throw error;
        // the Event expired (events have a TTL): start a new one
      }
    }
    const event = kubernetesEvent(obj, input, { controller: this.#opts.controller, instance: this.#opts.instance }, now, this.#counter++);
    await this.#opts.client.create(event);
    this.#remember(key, { name: event.metadata.name!, namespace: event.metadata.namespace!, count: 1 });
  }

  #remember(key: string, seen: Seen): void {
    this.#seen.delete(key); // re-insert to keep Map order = least recently used first
    this.#seen.set(key, seen);
    const limit = this.#opts.aggregationCacheSize ?? 4096;
    while (this.#seen.size > limit) this.#seen.delete(this.#seen.keys().next().value!);
  }

  #track(post: Promise<void>): void {
    this.#pending.add(post);
    void post.finally(() => this.#pending.delete(post));
  }

  /**
   * POSTs with a 5s timeout per attempt and up to 3 retries on network errors and 5xx; never on 4xx
   * (429 included, as Flux does: notification-controller uses it to drop duplicates).
   */
  async #post(payload: FluxEvent): Promise<void> {
    const url = this.#opts.eventsAddr!;
    let lastError = '';
    for (let attempt = 0; attempt < 4; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** (attempt - 1)));
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(payload),
          signal: AbortSignal.timeout(5000),
        });
        await response.arrayBuffer();
        if (response.ok) return;
        lastError = `HTTP ${response.status} ${response.statusText}`;
        if (response.status < 500) break;
      } catch (error) {
        lastError = error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error);
      }
    }
    this.#opts.logger.error('unable to send event to notification-controller', lastError, {
      url,
      reason: payload.reason,
      name: payload.involvedObject.name,
      namespace: payload.involvedObject.namespace,
    });
  }
}
