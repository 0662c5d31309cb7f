// The Kustomization's intervals in milliseconds and Go's duration spelling for messages.
import type { Kustomization } from '../../api/kustomize/kustomization.ts';
import { formatGoDuration, parseGoDuration } from '../../runtime/duration.ts';

// Whole milliseconds: the timers and the messages below count in them.
const ms = (goDuration: string) => Math.trunc(parseGoDuration(goDuration));

export interface Timing {
  intervalMs: number;
  retryIntervalMs: number;
  /** Build, apply and health check together (upstream GetTimeout: interval − 30s unless set, at least 30s). */
  timeoutMs: number;
}

export function timingOf(ks: Kustomization): Timing {
  const intervalMs = ms(ks.spec.interval);
  const timeoutMs = Math.max(30_000, ks.spec.timeout ? ms(ks.spec.timeout) : intervalMs - 30_000);
  return { intervalMs, retryIntervalMs: ks.spec.retryInterval ? ms(ks.spec.retryInterval) : intervalMs, timeoutMs };
}

/** `1m30s`, as Go prints a time.Duration, to the millisecond (elapsed times come from performance.now()). */
export const goDuration = (milliseconds: number) => formatGoDuration(Math.round(milliseconds));
