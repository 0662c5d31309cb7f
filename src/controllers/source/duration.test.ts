import { it } from 'node:test';
import assert from 'node:assert/strict';
import { formatGoDuration, parseGoDuration } from './duration.ts';

void it('parses and prints Go durations like time.ParseDuration and Duration.String', () => {
  assert.equal(parseGoDuration('1m30s'), 90_000);
  assert.equal(parseGoDuration('1.5h'), 5_400_000);
  assert.equal(parseGoDuration('250ms'), 250);
  assert.throws(() => parseGoDuration('10'), /invalid duration/);
  assert.throws(() => parseGoDuration(''), /invalid duration/);
  assert.deepEqual([60_000, 30_000, 90_000, 3_600_000, 500, 1_500, 0].map(formatGoDuration), ['1m0s', '30s', '1m30s', '1h0m0s', '500ms', '1.5s', '0s']);
});
