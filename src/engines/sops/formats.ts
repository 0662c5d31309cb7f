// The file formats sops encrypts: YAML and JSON documents, dotenv files and binary blobs.
import { parseAllDocuments, stringify } from 'yaml';
import { SopsError } from './errors.ts';
import type { SopsKeys } from './data-key.ts';
import { decryptBranches, decryptObject } from './decrypt.ts';
import { unflattenMetadata } from './metadata.ts';

export type SopsFormat = 'yaml' | 'json' | 'dotenv' | 'binary';

/** The format sops infers from a file name, as Flux does for secretGenerator sources. */
export function formatFromPath(path: string): SopsFormat {
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  if (/\.json$/i.test(path)) return 'json';
  if (/\.env$/i.test(path)) return 'dotenv';
  return 'binary';
}

/** Decrypts a whole file and returns its cleartext, in the same format. */
export async function decryptFile(content: string, format: SopsFormat, keys: SopsKeys, where = 'file'): Promise<string> {
  switch (format) {
    case 'yaml': {
      const docs = parseAllDocuments(content).map((doc) => {
        if (doc.errors.length > 0) throw new SopsError(`${where}: ${doc.errors[0]!.message}`);
        return doc.toJS() as Record<string, unknown>;
      });
      const plain = await decryptBranches(docs, keys, where);
      return plain.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
    }
    case 'json': {
      const plain = await decryptObject(parseJson(content, where), keys, where);
      return `${JSON.stringify(plain, null, '\t')}\n`;
    }
    case 'binary': {
      const plain = await decryptObject(parseJson(content, where), keys, where);
      if (typeof plain.data !== 'string') throw new SopsError(`${where}: binary sops file has no 'data' string`);
      return plain.data;
    }
    case 'dotenv':
      return decryptDotenv(content, keys, where);
  }
}

function parseJson(content: string, where: string): Record<string, unknown> {
  try {
    return JSON.parse(content) as Record<string, unknown>;
  } catch (err) {
    throw new SopsError(`${where}: invalid JSON: ${(err as Error).message}`);
  }
}

async function decryptDotenv(content: string, keys: SopsKeys, where: string): Promise<string> {
  const values: Record<string, unknown> = {};
  const flatMeta: Record<string, string> = {};
  const lines: string[] = [];
  for (const raw of content.split('\n')) {
    if (raw.trim() === '') continue;
    if (raw.startsWith('#')) {
      const slot = `#comment${lines.length}`;
      values[slot] = { comment: raw.slice(1) };
      lines.push(slot);
      continue;
    }
    const eq = raw.indexOf('=');
    if (eq < 0) throw new SopsError(`${where}: invalid dotenv line '${raw}'`);
    const key = raw.slice(0, eq);
    const value = raw.slice(eq + 1);
    if (key.startsWith('sops_')) flatMeta[key.slice(5)] = value;
    else {
      values[key] = value;
      lines.push(key);
    }
  }
  const [plain] = await decryptBranches([{ ...values, sops: unflattenMetadata(flatMeta) }], keys, where);
  return lines.map((k) => (k.startsWith('#comment') ? `#${(plain![k] as { comment: string }).comment}` : `${k}=${String(plain![k])}`)).join('\n') + '\n';
}
