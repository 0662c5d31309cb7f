// SOPS decryption during the build, as kustomize-controller does it: encrypted files a secretGenerator
// reads (dotenv, JSON, YAML, binary) are decrypted before kustomize sees them, and encrypted Secret
// manifests after the build. Keys come from the decryption Secret: `*.agekey` (age) and `*.asc` (OpenPGP);
// files that need a cloud KMS or Vault get an error naming the service (sops-cloud-keys.ts).
import { posix } from 'node:path';
import { KustomizeDecryptAnnotation, DisabledValue } from '../../../api/meta/annotations.ts';
import type { FileSystem, JsonObject } from '../../../engines/kustomize/index.ts';
import { decryptFile, decryptObject, formatFromPath, isSopsEncrypted, type SopsKeys } from '../../../engines/sops/index.ts';
import { BuildError } from './errors.ts';
import { cloudKeysNote, fileSopsMetadata, onlyCloudKeysError, sopsKeyInventory } from './sops-cloud-keys.ts';

/** Keys from the data of the `spec.decryption.secretRef` Secret (values already base64-decoded). */
export function sopsKeysFromSecret(data: Record<string, string>): SopsKeys {
  const age: string[] = [];
  const pgp: string[] = [];
  for (const [name, value] of Object.entries(data)) {
    if (name.endsWith('.agekey')) age.push(value);
    else if (name.endsWith('.asc')) pgp.push(value);
  }
  return { age, pgp };
}

/** Whether a file's text is a sops document, in the format its name implies. */
function isEncryptedFile(text: string, path: string): boolean {
  const format = formatFromPath(path);
  if (format === 'dotenv') return /^sops_mac=ENC\[/m.test(text);
  if (format === 'yaml') return /^sops:\s*$/m.test(text) && /^\s+mac: ENC\[/m.test(text);
  try {
    return isSopsEncrypted(JSON.parse(text));
  } catch {
    return false;
  }
}

/**
 * A file system that decrypts sops-encrypted non-manifest files on read (generator sources). Kubernetes
 * manifests are left alone here: encrypted Secrets are decrypted object by object after the build.
 */
export function decryptingFileSystem(base: FileSystem, decrypted: Map<string, Uint8Array>): FileSystem {
  return {
    stat: (path) => base.stat(path),
    realPath: (path) => base.realPath(path),
    readFile: (path) => decrypted.get(path) ?? base.readFile(path),
  };
}

/**
 * Decrypts, ahead of the synchronous build, every encrypted generator source under `root` (files that
 * are not YAML manifests). Returns path → cleartext for `decryptingFileSystem`.
 */
export async function decryptSources(files: { path: string; text: string }[], keys: SopsKeys, root: string): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const { path, text } of files) {
    if (!isEncryptedFile(text, path)) continue;
    const format = formatFromPath(path);
    if (format === 'yaml' && /^kind:/m.test(text)) continue; // a manifest: decrypted after the build
    const where = posix.relative(root, path);
    const masterKeys = sopsKeyInventory(fileSopsMetadata(text, format));
    const unusable = onlyCloudKeysError(where, masterKeys);
    if (unusable) throw new BuildError(unusable);
    try {
      out.set(path, new TextEncoder().encode(await decryptFile(text, format, keys, where)));
    } catch (err) {
      throw new BuildError(`failed to decrypt ${where}: ${(err as Error).message}${cloudKeysNote(masterKeys)}`);
    }
  }
  return out;
}

/** Decrypts an encrypted Secret manifest; `keys` undefined means the Kustomization has no decryption. */
export async function decryptManifest(obj: JsonObject, keys: SopsKeys | undefined, describe: string): Promise<JsonObject> {
  if (!isSopsEncrypted(obj)) return obj;
  const annotations = (obj.metadata as { annotations?: Record<string, string> } | undefined)?.annotations;
  if (annotations?.[KustomizeDecryptAnnotation] === DisabledValue) return obj;
  if (obj.kind !== 'Secret' || !keys) {
    throw new BuildError(`${describe} is SOPS encrypted, configuring decryption is required for this secret to be reconciled`);
  }
  const masterKeys = sopsKeyInventory(obj.sops);
  const unusable = onlyCloudKeysError(describe, masterKeys);
  if (unusable) throw new BuildError(unusable);
  try {
    return (await decryptObject(obj as Record<string, unknown>, keys, describe, { verifyMac: false })) as JsonObject;
  } catch (err) {
    throw new BuildError(`failed to decrypt ${describe}: ${(err as Error).message}${cloudKeysNote(masterKeys)}`);
  }
}
