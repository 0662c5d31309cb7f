// The Kustomization's intervals in milliseconds.
import type { Kustomization } from '../../api/kustomize/kustomization.ts';
import { parseGoDuration } from '../../runtime/duration.ts';

// Whole milliseconds: the timers count in them.
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
