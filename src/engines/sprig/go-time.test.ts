// Go's time layouts and durations (facts from Go's time package tests and docs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GoTime, durationString, formatTime, loadLocation, parseDuration, parseTime, UTC } from './go-time.ts';

test('reference-layout formatting', () => {
  const t = new GoTime(1136214245, 123456000); // 2006-01-02T15:04:05.123456Z
  assert.equal(formatTime(t, '2006-01-02T15:04:05Z07:00'), '2006-01-02T15:04:05Z');
  assert.equal(formatTime(t, 'Mon Jan _2 3:04:05 PM MST 2006'), 'Mon Jan  2 3:04:05 PM UTC 2006');
  assert.equal(formatTime(t, '.000 .999999999 ,000 002 Monday January 06'), '.123 .123456 ,123 002 Monday January 06');
  const ny = t.In(loadLocation('America/New_York')!);
  assert.equal(formatTime(ny, '15:04 MST -0700 Z07:00'), '10:04 EST -0500 -05:00');
});

test('parsing with zones and literal mismatches', () => {
  assert.equal(parseTime('2006-01-02T15:04:05Z07:00', '2024-03-05T10:20:30+02:00', UTC).Unix(), 1709626830n);
  assert.throws(() => parseTime('2006-01-02', '2024/03/05', UTC), /cannot parse "\/03\/05" as "-"/);
});

test('durations print and parse like time.Duration', () => {
  assert.equal(durationString(90n * 1_000_000_000n), '1m30s');
  assert.equal(durationString(1_500_000n), '1.5ms');
  assert.equal(durationString(-3_600_000_000_000n), '-1h0m0s');
  assert.equal(durationString(0n), '0s');
  assert.equal(parseDuration('1h30m'), 5_400_000_000_000n);
  assert.equal(parseDuration('-1.5h'), -5_400_000_000_000n);
  assert.throws(() => parseDuration('bogus'), /time: invalid duration "bogus"/);
});
