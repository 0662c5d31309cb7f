import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ObjectWithStatus } from './conditions.ts';
import { Logger } from './logger.ts';
import { ProgressReporter } from './progress.ts';

function recorder(writeMs = 0) {
  const written: string[] = [];
  let inFlight = 0;
  let overlapped = false;
  const ctx = {
    log: new Logger({ level: 'error', write: () => {} }),
    async patchStatus(status: unknown) {
      const step = (status as { step: string }).step;
      inFlight++;
      if (inFlight > 1) overlapped = true;
      await sleep(writeMs);
      written.push(step);
      inFlight--;
    },
  };
  return { ctx, written, overlapped: () => overlapped };
}

const object = () => ({ metadata: {}, status: { step: '' } }) as unknown as ObjectWithStatus & { status: { step: string } };
const step = (name: string) => (o: ObjectWithStatus) => {
  (o.status as { step: string }).step = name;
};

test('a reconcile that ends before the delay writes no progress at all', async () => {
  const { ctx, written } = recorder();
  const progress = new ProgressReporter(object(), ctx, 50);
  progress.report(step('fetching'));
  progress.report(step('building'));
  await progress.close();
  await sleep(80);
  assert.deepEqual(written, []);
});

test('once the delay has passed, the current step is written, then every later one', async () => {
  const { ctx, written } = recorder();
  const obj = object();
  const progress = new ProgressReporter(obj, ctx, 30);
  progress.report(step('fetching'));
  progress.report(step('building'));
  await sleep(60);
  assert.deepEqual(written, ['building']);
  progress.report(step('health'));
  await progress.close();
  assert.deepEqual(written, ['building', 'health']);
});

test('steps reported while a write is in flight are written after it, one at a time, and close waits for them', async () => {
  const { ctx, written, overlapped } = recorder(40);
  const progress = new ProgressReporter(object(), ctx, 10);
  progress.report(step('fetching'));
  await sleep(20); // the write of 'fetching' is in flight
  progress.report(step('building'));
  progress.report(step('drift'));
  await progress.close();
  assert.equal(overlapped(), false);
  assert.deepEqual(written, ['fetching']);
});

test('a write in flight when more steps come is followed by one write of the latest step', async () => {
  const { ctx, written, overlapped } = recorder(30);
  const progress = new ProgressReporter(object(), ctx, 10);
  progress.report(step('fetching'));
  await sleep(15);
  progress.report(step('building'));
  progress.report(step('drift'));
  await sleep(100);
  await progress.close();
  assert.equal(overlapped(), false);
  assert.deepEqual(written, ['fetching', 'drift']);
});
