// Durations as Flux APIs and controller flags spell them (metav1.Duration: Go's time.ParseDuration
// syntax, `1m30s`, `500ms`), in the milliseconds timers want. One parser for the whole code base: the
// Go-exact one of the template engine.
import { durationString, parseDuration } from '../engines/sprig/go-time.ts';

/** Milliseconds in a Go duration string; throws Go's message on malformed input (`10`, `1x`, ``). */
export function parseGoDuration(text: string): number {
  return Number(parseDuration(text)) / 1_000_000;
}

/** Go's Duration.String(): `1m0s`, `1h30m0s`, `1.5s`, `500ms`. */
export function formatGoDuration(ms: number): string {
  return durationString(BigInt(Math.round(ms * 1_000_000)));
}
