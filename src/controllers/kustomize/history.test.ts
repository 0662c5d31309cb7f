import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HistoryMaxSize, manifestsDigest, recordReconciliation } from './history.ts';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const run = (digest: string, status: string, s: number) => ({ digest, at: at(s), durationMs: 1500, status, metadata: { revision: `main@sha1:${digest}` } });

test('a repeated digest and outcome updates its snapshot and moves it first; a new outcome is a new snapshot', () => {
  let h = recordReconciliation(undefined, run('a', 'ReconciliationSucceeded', 1));
  h = recordReconciliation(h, run('b', 'ReconciliationSucceeded', 2));
  h = recordReconciliation(h, run('a', 'ReconciliationSucceeded', 3));
  assert.deepEqual(h.map((s) => [s.digest, s.totalReconciliations]), [['a', 2], ['b', 1]]);
  assert.equal(h[0]!.firstReconciled, '2026-01-01T00:00:01Z');
  assert.equal(h[0]!.lastReconciled, '2026-01-01T00:00:03Z');
  assert.equal(h[0]!.lastReconciledDuration, '1.5s');
  h = recordReconciliation(h, run('a', 'HealthCheckFailed', 4));
  assert.deepEqual(h.map((s) => `${s.digest}/${s.lastReconciledStatus}`), ['a/HealthCheckFailed', 'a/ReconciliationSucceeded', 'b/ReconciliationSucceeded']);
});

test('only the most recent snapshots are kept', () => {
  let h = recordReconciliation(undefined, run('d0', 'ReconciliationSucceeded', 0));
  for (let i = 1; i < 8; i++) h = recordReconciliation(h, run(`d${i}`, 'ReconciliationSucceeded', i));
  assert.equal(h.length, HistoryMaxSize);
  assert.deepEqual(h.map((s) => s.digest), ['d7', 'd6', 'd5', 'd4', 'd3']);
});

test('the digest follows the content of the built objects', () => {
  const cm = (v: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { v } });
  assert.match(manifestsDigest([cm('1')]), /^sha256:[0-9a-f]{64}$/);
  assert.equal(manifestsDigest([cm('1')]), manifestsDigest([cm('1')]));
  assert.notEqual(manifestsDigest([cm('1')]), manifestsDigest([cm('2')]));
});
