// Walks a decoded document the way sops does: the path of a value is its chain of map keys, each
// value is decrypted when the metadata's rules say it was encrypted, and every value feeds the MAC.
import { createHash } from 'node:crypto';
import { SopsError } from './errors.ts';
import type { SopsMetadata } from './metadata.ts';
import { decryptValue, isEncryptedValue, type Plain } from './value-cipher.ts';

/** Written first into the MAC when only encrypted values count, so the two MAC kinds never collide. */
const MAC_ONLY_ENCRYPTED_PREFIX = Buffer.from('8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69', 'hex');

/**
 * Decrypts the branches of one file (a YAML file's documents share one MAC) and verifies the MAC.
 * Comments given as `{ comment }` values are decrypted but, as in sops, not hashed.
 */
export function decryptTree(branches: Record<string, unknown>[], meta: SopsMetadata, key: Uint8Array, where: string, verifyMac = true): Record<string, unknown>[] {
  const mac = createHash('sha512');
  if (meta.mac_only_encrypted) mac.update(MAC_ONLY_ENCRYPTED_PREFIX);
  const rules = encryptionRules(meta);

  const leaf = (value: unknown, path: string[]): unknown => {
    const encrypted = rules(path);
    let plain: unknown = value;
    if (value && typeof value === 'object' && 'comment' in value) {
      const text = (value as { comment: string }).comment;
      return encrypted && isEncryptedValue(text) ? decryptValue(text, key, `${path.join(':')}:`) : value;
    }
    if (encrypted) {
      if (!isEncryptedValue(value)) {
        // sops refuses a value its rules say should be encrypted but is not.
        if (typeof value !== 'string') throw new SopsError(`${where}: expected an encrypted value at '${path.join(':')}', found ${typeof value}`);
      }
      plain = decryptValue(value as string, key, `${path.join(':')}:`);
    }
    if (plain && typeof plain === 'object' && 'comment' in plain) return plain;
    if (!meta.mac_only_encrypted || encrypted) mac.update(macBytes(plain as Plain));
    return plain;
  };

  const walk = (value: unknown, path: string[]): unknown => {
    if (value === null || value === undefined) return value;
    if (Array.isArray(value)) return value.map((v) => walk(v, path));
    if (typeof value === 'object' && !('comment' in value)) {
      // A comment sits beside the keys of its map, so its path is the map's own.
      const isComment = (v: unknown) => !!v && typeof v === 'object' && 'comment' in v;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, isComment(v) ? path : [...path, k])]));
    }
    return leaf(value, path);
  };

  const result = branches.map((b) => walk(b, []) as Record<string, unknown>);
  if (!verifyMac) return result;
  const stored = decryptValue(meta.mac, key, meta.lastmodified);
  if (mac.digest('hex').toUpperCase() !== stored) {
    throw new SopsError(`${where}: sops MAC mismatch: the file was modified after encryption`);
  }
  return result;
}

function encryptionRules(meta: SopsMetadata): (path: string[]) => boolean {
  const re = (source: string | undefined) => (source ? new RegExp(source, 'u') : undefined);
  const unencryptedRegex = re(meta.unencrypted_regex);
  const encryptedRegex = re(meta.encrypted_regex);
  return (path) => {
    let encrypted = true;
    if (meta.unencrypted_suffix && path.some((p) => p.endsWith(meta.unencrypted_suffix!))) encrypted = false;
    if (meta.encrypted_suffix) encrypted = path.some((p) => p.endsWith(meta.encrypted_suffix!));
    if (unencryptedRegex && path.some((p) => unencryptedRegex.test(p))) encrypted = false;
    if (encryptedRegex) encrypted = path.some((p) => encryptedRegex.test(p));
    return encrypted;
  };
}

/** The bytes sops hashes for a value: Go's formatting of strings, ints, floats and booleans. */
function macBytes(v: Plain): Buffer {
  if (typeof v === 'boolean') return Buffer.from(v ? 'True' : 'False');
  if (typeof v === 'number') return Buffer.from(formatFloat(v));
  return Buffer.from(String(v), 'utf8');
}

/** Go's strconv.FormatFloat(v, 'f', -1, 64): shortest digits, never an exponent. */
function formatFloat(v: number): string {
  const s = String(v);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, frac = '', exp] = m;
  const digits = lead! + frac;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
