// Artifact digests in `<algorithm>:<hex>` form, as in status.artifact.digest.
import { createHash, type Hash } from 'node:crypto';

const SUPPORTED = new Set(['sha256', 'sha384', 'sha512', 'sha1']);

export interface ParsedDigest {
  algorithm: string;
  hex: string;
}

export class DigestError extends Error {}

export function parseDigest(digest: string): ParsedDigest {
  const m = /^([a-z0-9]+):([0-9a-f]+)$/.exec(digest);
  if (!m || !SUPPORTED.has(m[1]!)) throw new DigestError(`invalid or unsupported digest '${digest}'`);
  return { algorithm: m[1]!, hex: m[2]! };
}

export function digester(algorithm: string): Hash {
  return createHash(algorithm);
}
