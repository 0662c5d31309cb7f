// The Kustomization's intervals in milliseconds and Go's duration spelling for messages.
import type { Kustomization } from '../../api/kustomize/kustomization.ts';
import { durationString, parseDuration } from '../../engines/sprig/go-time.ts';

const ms = (goDuration: string) => Number(parseDuration(goDuration) / 1_000_000n);

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

/** `1m30s`, as Go prints a time.Duration. */
export const goDuration = (milliseconds: number) => durationString(BigInt(Math.round(milliseconds)) * 1_000_000n);
