import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { GoneError } from './errors.ts';
import { readWatchEvents } from './watch.ts';
import type { WatchEvent } from './types.ts';

const ctx = { action: 'watching v1 ConfigMap in namespace ns', method: 'GET', path: '/api/v1/namespaces/ns/configmaps' };

function stream(chunks: string[]): Readable {
  return Readable.from(chunks.map((c) => Buffer.from(c)));
}

async function collect(body: Readable): Promise<WatchEvent[]> {
  const out: WatchEvent[] = [];
  for await (const e of readWatchEvents(body, ctx)) out.push(e);
  return out;
}

const added = { type: 'ADDED', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ä', resourceVersion: '5' } } };
const bookmark = { type: 'BOOKMARK', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { resourceVersion: '9' } } };

void test('events split across chunks, even inside a multi-byte character, are reassembled', async () => {
  const text = `${JSON.stringify(added)}\n${JSON.stringify(bookmark)}\n`;
  const bytes = Buffer.from(text);
  const cut = bytes.indexOf(Buffer.from('ä')) + 1; // in the middle of the two-byte ä
  const body = Readable.from([bytes.subarray(0, cut), bytes.subarray(cut, cut + 7), bytes.subarray(cut + 7)]);
  assert.deepEqual(await collect(body), [added, bookmark]);
});

void test('a last event without a trailing newline is still delivered', async () => {
  assert.deepEqual(await collect(stream([JSON.stringify(added)])), [added]);
});

void test('an ERROR event with 410 ends the watch with GoneError carrying the apiserver message', async () => {
  const gone = { type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'too old resource version: 2 (40)', reason: 'Expired', code: 410 } };
  const body = stream([`${JSON.stringify(added)}\n${JSON.stringify(gone)}\n`]);
  const seen: WatchEvent[] = [];
  await assert.rejects(
    async () => {
      for await (const e of readWatchEvents(body, ctx)) seen.push(e);
    },
    (e: unknown) => e instanceof GoneError && e.message === `${ctx.action}: too old resource version: 2 (40)`,
  );
  assert.deepEqual(seen, [added]);
  assert.ok(body.destroyed, 'the response body is released');
});

void test('a stream that breaks mid-watch is an error naming the watch', async () => {
  const body = new Readable({ read() {} });
  body.push(`${JSON.stringify(added)}\n`);
  setImmediate(() => body.destroy(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })));
  await assert.rejects(collect(body), /watching v1 ConfigMap in namespace ns: the watch stream broke: other side closed/);
});
