import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatGoDuration, parseGoDuration } from './duration.ts';

void test('parses and prints Go durations like time.ParseDuration and Duration.String', () => {
  assert.equal(parseGoDuration('1m30s'), 90_000);
  assert.equal(parseGoDuration('1.5h'), 5_400_000);
  assert.equal(parseGoDuration('250ms'), 250);
  assert.equal(parseGoDuration('1h0m0s'), 3_600_000);
  assert.equal(parseGoDuration('0'), 0);
  assert.throws(() => parseGoDuration('10'), /time: missing unit in duration "10"/);
  assert.throws(() => parseGoDuration(''), /time: invalid duration ""/);
  assert.throws(() => parseGoDuration('5 m'), /time: unknown unit " m" in duration "5 m"/);
  assert.deepEqual([60_000, 30_000, 90_000, 3_600_000, 500, 1_500, 0].map(formatGoDuration), ['1m0s', '30s', '1m30s', '1h0m0s', '500ms', '1.5s', '0s']);
});
