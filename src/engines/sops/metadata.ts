// The `sops` section of an encrypted document: which master keys wrap the data key, and which
// values the encryption rules cover.
import { SopsError } from './errors.ts';

export interface SopsMetadata {
  age: { recipient: string; enc: string }[];
  pgp: { fp: string; enc: string }[];
  mac: string;
  lastmodified: string;
  version?: string;
  unencrypted_suffix?: string;
  encrypted_suffix?: string;
  unencrypted_regex?: string;
  encrypted_regex?: string;
  unencrypted_comment_regex?: string;
  encrypted_comment_regex?: string;
  mac_only_encrypted?: boolean;
  shamir_threshold?: number;
  key_groups?: unknown[];
  [cloudKms: string]: unknown;
}

export function readMetadata(raw: unknown, where: string): SopsMetadata {
  if (!raw || typeof raw !== 'object') throw new SopsError(`${where}: no sops metadata found`);
  const m = raw as Record<string, unknown>;
  if (typeof m.mac !== 'string' || typeof m.lastmodified !== 'string') {
    throw new SopsError(`${where}: sops metadata lacks mac or lastmodified`);
  }
  if (Array.isArray(m.key_groups) && m.key_groups.length > 0) {
    throw new SopsError(`${where}: sops key_groups (Shamir secret sharing) are not supported`);
  }
  for (const unsupported of ['unencrypted_comment_regex', 'encrypted_comment_regex']) {
    if (m[unsupported]) throw new SopsError(`${where}: sops ${unsupported} is not supported`);
  }
  const list = (v: unknown) => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);
  return {
    ...(m as object),
    age: list(m.age).map((a) => ({ recipient: String(a.recipient ?? ''), enc: String(a.enc ?? '') })),
    pgp: list(m.pgp).map((p) => ({ fp: String(p.fp ?? ''), enc: String(p.enc ?? '') })),
    mac: m.mac,
    lastmodified: m.lastmodified,
  } as SopsMetadata;
}

/**
 * Rebuilds nested metadata from the flat `sops_age__list_0__map_enc` keys that dotenv and ini files
 * carry. Values keep their string form except the flags sops writes as booleans.
 */
export function unflattenMetadata(flat: Record<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const tokens = key.split(/(?=__map_|__list_)/);
    let cur: Record<string, unknown> | unknown[] = root;
    tokens.forEach((token, i) => {
      const last = i === tokens.length - 1;
      const nextIsList = tokens[i + 1]?.startsWith('__list_');
      const name: string | number = token.startsWith('__list_') ? Number(token.slice(7)) : token.replace(/^__map_/, '');
      const container = cur as Record<string | number, unknown>;
      if (last) container[name] = value === 'true' ? true : value === 'false' ? false : value.replace(/\\n/g, '\n');
      else container[name] ??= nextIsList ? [] : {};
      cur = container[name] as Record<string, unknown>;
    });
  }
  return root;
}
