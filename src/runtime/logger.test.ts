import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Logger, parseLogLevel } from './logger.ts';

function capture(level: 'trace' | 'debug' | 'info' | 'error' = 'info') {
  const lines: string[] = [];
  const logger = new Logger({ level, write: (l) => lines.push(l), now: () => new Date('2026-01-01T00:00:00Z') });
  return { logger, lines };
}

test('each line is one JSON object with Flux field names, context fields first-level', () => {
  const { logger, lines } = capture();
  const log = logger
    .with({ controller: 'kustomization', controllerGroup: 'kustomize.toolkit.fluxcd.io', controllerKind: 'Kustomization' })
    .with({ name: 'apps', namespace: 'flux-system', reconcileID: 'r-1' });
  log.info('server-side apply completed', { revision: 'main@sha1:abc' });
  log.error('Reconciler error', new Error('applying Deployment/apps/web: field is immutable'));
  assert.equal(lines.length, 2);
  for (const line of lines) assert.ok(line.endsWith('\n') && !line.slice(0, -1).includes('\n'));
  assert.deepEqual(JSON.parse(lines[0]!), {
    level: 'info',
    ts: '2026-01-01T00:00:00.000Z',
    msg: 'server-side apply completed',
    controller: 'kustomization',
    controllerGroup: 'kustomize.toolkit.fluxcd.io',
    controllerKind: 'Kustomization',
    name: 'apps',
    namespace: 'flux-system',
    reconcileID: 'r-1',
    revision: 'main@sha1:abc',
  });
  const err = JSON.parse(lines[1]!);
  assert.equal(err.level, 'error');
  assert.equal(err.error, 'applying Deployment/apps/web: field is immutable');
});

test('levels below the configured one are dropped', () => {
  const { logger, lines } = capture('info');
  logger.debug('hidden');
  logger.trace('hidden');
  logger.info('shown');
  assert.deepEqual(lines.map((l) => JSON.parse(l).msg), ['shown']);
  assert.throws(() => parseLogLevel('verbose'), /unknown log level "verbose"/);
});

test('awkward values (multi-line text, bigints, cycles) still give one JSON line', () => {
  const { logger, lines } = capture();
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  logger.info('line one\nline two', { big: 10n, cyclic, nested: { err: new Error('inner') } });
  assert.equal(lines.length, 1);
  const parsed = JSON.parse(lines[0]!);
  assert.equal(parsed.msg, 'line one\nline two');
  assert.equal(parsed.big, '10');
  assert.equal(parsed.cyclic.self, '[circular]');
  assert.equal(parsed.nested.err, 'inner');
});
