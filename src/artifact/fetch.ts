// Downloads an artifact from the source-controller's file server into a file, checking its digest
// against status.artifact.digest while it streams (the bytes are never trusted before the check).
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { digester, parseDigest } from './digest.ts';

export interface ArtifactRef {
  url: string;
  digest: string;
}

export class ArtifactDigestMismatchError extends Error {}

export interface DownloadOptions {
  /** Attempts for network errors and 5xx answers (upstream consumers retry as well). */
  attempts?: number;
  /** Maximum download size in bytes. */
  maxSize?: number;
  signal?: AbortSignal;
}

/** Downloads `artifact.url` into `file`; throws when the digest differs or the server fails. */
export async function downloadArtifact(artifact: ArtifactRef, file: string, options: DownloadOptions = {}): Promise<void> {
  const attempts = options.attempts ?? 3;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await downloadOnce(artifact, file, options);
      return;
    } catch (err) {
      await rm(file, { force: true });
      if (!(err instanceof RetryableDownloadError)) throw err;
      lastError = err;
      if (attempt < attempts) await new Promise((r) => setTimeout(r, 200 * 2 ** (attempt - 1)));
    }
  }
  throw lastError;
}

class RetryableDownloadError extends Error {}

async function downloadOnce(artifact: ArtifactRef, file: string, options: DownloadOptions): Promise<void> {
  const expected = parseDigest(artifact.digest);
  let response: Response;
  try {
    response = await fetch(artifact.url, { signal: options.signal });
  } catch (err) {
    throw new RetryableDownloadError(`downloading artifact from '${artifact.url}': ${causeText(err)}`);
  }
  if (!response.ok || !response.body) {
    const message = `downloading artifact from '${artifact.url}': HTTP ${response.status} ${response.statusText}`;
    await response.body?.cancel();
    throw response.status >= 500 ? new RetryableDownloadError(message) : new Error(message);
  }
  const hash = digester(expected.algorithm);
  let size = 0;
  const check = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (options.maxSize !== undefined && size > options.maxSize) {
        done(new Error(`artifact at '${artifact.url}' exceeds the maximum size of ${options.maxSize} bytes`));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(response.body), check, createWriteStream(file, { mode: 0o600 }));
  const actual = `${expected.algorithm}:${hash.digest('hex')}`;
  if (actual !== artifact.digest) {
    throw new ArtifactDigestMismatchError(`failed to verify artifact from '${artifact.url}': computed digest '${actual}' does not match '${artifact.digest}'`);
  }
}

function causeText(err: unknown): string {
  const e = err as Error & { cause?: Error };
  return e.cause?.message ? `${e.message}: ${e.cause.message}` : e.message;
}
