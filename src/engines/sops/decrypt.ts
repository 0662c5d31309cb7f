// Decrypting one sops-encrypted document held as a JavaScript object (for Flux: a Secret manifest
// after the kustomize build, whose key order is the file's).
import { dataKey, type SopsKeys } from './data-key.ts';
import { readMetadata } from './metadata.ts';
import { decryptTree } from './tree.ts';

export function isSopsEncrypted(obj: unknown): boolean {
  const sops = (obj as { sops?: { mac?: unknown } } | null)?.sops;
  return typeof sops?.mac === 'string' && sops.mac.startsWith('ENC[');
}

/**
 * Returns the document without its `sops` section, every encrypted value replaced by its cleartext.
 * `verifyMac: false` is for manifests a kustomize build has already changed (a namespace or prefix
 * added), which kustomize-controller decrypts without checking the MAC over the whole tree.
 */
export async function decryptObject(obj: Record<string, unknown>, keys: SopsKeys, where = 'document', options: { verifyMac?: boolean } = {}): Promise<Record<string, unknown>> {
  const [plain] = await decryptBranches([obj], keys, where, options.verifyMac ?? true);
  return plain!;
}

/** Decrypts the documents of one file; the first document's `sops` section describes them all. */
export async function decryptBranches(docs: Record<string, unknown>[], keys: SopsKeys, where: string, verifyMac = true): Promise<Record<string, unknown>[]> {
  const meta = readMetadata(docs[0]?.sops, where);
  const key = await dataKey(meta, keys);
  const branches = docs.map(({ sops: _sops, ...rest }) => rest);
  return decryptTree(branches, meta, key, where, verifyMac);
}
