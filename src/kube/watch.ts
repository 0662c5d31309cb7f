// Decodes one watch response: newline-delimited JSON events. An ERROR event ends the watch as a typed
// error (410 Expired becomes GoneError, the caller's cue to relist); a broken connection is an error
// too, so the caller reconnects; the server closing the stream normally, or the caller aborting, just
// ends the iteration. Closing the client ends it with ClientClosedError.
import { errorFromStatus, isClientClosed, type RequestContext } from './errors.ts';
import type { KubeObject, Status, WatchEvent } from './types.ts';

export interface ByteStream extends AsyncIterable<Uint8Array> {
  destroy(): void;
}

export async function* readWatchEvents<T extends KubeObject>(
  body: ByteStream,
  context: RequestContext,
  signal?: AbortSignal,
): AsyncGenerator<WatchEvent<T>> {
  const chunks = body[Symbol.asyncIterator]();
  const decoder = new TextDecoder();
  let pending = '';
  try {
    while (true) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await chunks.next();
      } catch (e) {
        if (signal?.aborted) return;
        if (isClientClosed(e)) throw e;
        throw new Error(`${context.action}: the watch stream broke: ${(e as Error).message}`, { cause: e });
      }
      if (next.done) break;
      pending += decoder.decode(next.value, { stream: true });
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line.trim()) yield parseWatchEvent<T>(line, context);
      }
    }
    pending += decoder.decode();
    if (pending.trim()) yield parseWatchEvent<T>(pending, context);
  } finally {
    body.destroy();
  }
}

export function parseWatchEvent<T extends KubeObject>(line: string, context: RequestContext): WatchEvent<T> {
  let event: WatchEvent<T>;
  try {
    event = JSON.parse(line) as WatchEvent<T>;
  } catch (e) {
    throw new Error(`${context.action}: the apiserver sent a watch event that is not JSON: ${line.slice(0, 200)}`, { cause: e });
  }
  if (event.type === 'ERROR') throw errorFromStatus(event.object as Status, context);
  return event;
}
