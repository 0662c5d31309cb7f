// Cloud KMS and Vault master keys in SOPS metadata. tsflux unwraps data keys with age and OpenPGP
// only, so a file that relies on AWS KMS, GCP KMS, Azure Key Vault or HashiCorp Vault gets an error
// naming the service and the key instead of a bare "no private key".
import { parseAllDocuments } from 'yaml';
import type { SopsFormat } from '../../../engines/sops/index.ts';

/** sops metadata list → the service it names and the field identifying the key. */
const services: Record<string, { service: string; field: string }> = {
  kms: { service: 'AWS KMS', field: 'arn' },
  gcp_kms: { service: 'GCP KMS', field: 'resource_id' },
  azure_kv: { service: 'Azure Key Vault', field: 'vault_url' },
  hc_vault: { service: 'HashiCorp Vault', field: 'vault_address' },
};

export interface SopsKeyInventory {
  /** `AWS KMS arn:aws:kms:…` for every cloud or Vault master key. */
  cloud: string[];
  /** How many age and OpenPGP master keys the file has. */
  local: number;
}

const entries = (v: unknown) => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);

export function sopsKeyInventory(sops: unknown): SopsKeyInventory {
  const meta = (sops && typeof sops === 'object' ? sops : {}) as Record<string, unknown>;
  const cloud = Object.entries(services).flatMap(([list, { service, field }]) =>
    entries(meta[list]).map((key) => `${service} ${String(key[field] ?? '(unnamed key)')}`),
  );
  return { cloud, local: entries(meta.age).length + entries(meta.pgp).length };
}

/** The `sops` metadata of an encrypted file (undefined when it cannot be read; decryption then says why). */
export function fileSopsMetadata(text: string, format: SopsFormat): unknown {
  try {
    if (format === 'yaml') return (parseAllDocuments(text)[0]?.toJS() as Record<string, unknown> | undefined)?.sops;
    if (format !== 'dotenv') return (JSON.parse(text) as Record<string, unknown>).sops;
  } catch {
    return undefined;
  }
  // dotenv flattens the metadata into `sops_<list>__list_<i>__map_<field>=<value>` lines.
  const meta: Record<string, Record<string, string>[]> = {};
  for (const m of text.matchAll(/^sops_([a-z_]+?)__list_(\d+)__map_([a-z_]+)=(.*)$/gm)) {
    const list = (meta[m[1]!] ??= []);
    (list[Number(m[2])] ??= {})[m[3]!] = m[4]!;
  }
  return meta;
}

/** Why `where` cannot be decrypted when cloud keys are all it has; undefined if it has age/OpenPGP keys too. */
export function onlyCloudKeysError(where: string, keys: SopsKeyInventory): string | undefined {
  if (keys.cloud.length === 0 || keys.local > 0) return undefined;
  return `failed to decrypt ${where}: its SOPS data key is encrypted only with ${keys.cloud.join(', ')}, and tsflux does not support cloud KMS or Vault (AWS KMS, GCP KMS, Azure Key Vault, HashiCorp Vault): add an age or OpenPGP recipient to the file`;
}

/** A note for a failed decryption of a file that also has cloud keys tsflux could not try. */
export function cloudKeysNote(keys: SopsKeyInventory): string {
  return keys.cloud.length > 0 ? `; its ${keys.cloud.join(', ')} keys were not tried: tsflux does not support cloud KMS or Vault` : '';
}
