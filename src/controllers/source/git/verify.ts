// Verifies the OpenPGP signature of the raw commit and/or tag object against trusted public keys,
// the way `git verify-commit` would, but without a gpg keyring: the keys come from a Secret.
import * as openpgp from 'openpgp';
import { runGit } from './exec.ts';

/** spec.verify.mode; `head` is accepted as an alias of HEAD as upstream does. */
export type VerificationMode = 'HEAD' | 'head' | 'Tag' | 'TagAndHEAD';

export class VerificationError extends Error {}

export interface SignedPayload {
  payload: string;
  signature: string;
}

/** Splits a raw commit object into the signed bytes and its `gpgsig` header. */
export function splitCommitSignature(raw: string): SignedPayload | undefined {
  const end = raw.indexOf('\n\n');
  const headers = (end < 0 ? raw : raw.slice(0, end)).split('\n');
  const body = end < 0 ? '' : raw.slice(end);
  const kept: string[] = [];
  const signature: string[] = [];
  let inSignature = false;
  for (const line of headers) {
    if (line.startsWith('gpgsig ')) {
      inSignature = true;
      signature.push(line.slice('gpgsig '.length));
    } else if (inSignature && line.startsWith(' ')) {
      signature.push(line.slice(1));
    } else {
      inSignature = false;
      kept.push(line);
    }
  }
  if (signature.length === 0) return undefined;
  return { payload: kept.join('\n') + body, signature: signature.join('\n') + '\n' };
}

/** Splits a raw tag object into the signed bytes and the trailing armored signature. */
export function splitTagSignature(raw: string): SignedPayload | undefined {
  const at = raw.search(/^-----BEGIN PGP SIGNATURE-----$/m);
  if (at < 0) return undefined;
  return { payload: raw.slice(0, at), signature: raw.slice(at) };
}

/** Reads every armored key of every `*.asc` entry of a verification Secret. */
export async function readTrustedKeys(armored: readonly string[]): Promise<openpgp.PublicKey[]> {
  const keys: openpgp.PublicKey[] = [];
  for (const text of armored) {
    try {
      keys.push(...(await openpgp.readKeys({ armoredKeys: text })).map((k) => k.toPublic()));
    } catch (err) {
      throw new VerificationError(`unable to read OpenPGP public keys: ${(err as Error).message}`);
    }
  }
  if (keys.length === 0) throw new VerificationError('no OpenPGP public keys found in the verification Secret');
  return keys;
}

/** Returns the id (hex) of the trusted key that made the signature, or throws VerificationError. */
export async function verifySignature(what: string, signed: SignedPayload, keys: openpgp.PublicKey[]): Promise<string> {
  let signature;
  try {
    signature = await openpgp.readSignature({ armoredSignature: signed.signature });
  } catch (err) {
    throw new VerificationError(`unable to read the signature of ${what}: ${(err as Error).message}`);
  }
  const message = await openpgp.createMessage({ binary: new TextEncoder().encode(signed.payload) });
  const result = await openpgp.verify({ message, signature, verificationKeys: keys, format: 'binary' });
  for (const sig of result.signatures) {
    try {
      await sig.verified;
      return sig.keyID.toHex();
    } catch {
      // try the next signature packet
    }
  }
  const ids = result.signatures.map((s) => s.keyID.toHex()).join(', ');
  throw new VerificationError(`unable to verify ${what}: signature made by key '${ids}' does not match any trusted key`);
}

export interface VerifyCheckoutOptions {
  dir: string;
  commit: string;
  /** Full tag ref when the GitRepository tracks a tag. */
  tagRef?: string;
  mode: VerificationMode;
  keys: openpgp.PublicKey[];
}

/** Verifies what `mode` asks for in a checkout; returns a human-readable summary for the condition. */
export async function verifyCheckout(options: VerifyCheckoutOptions): Promise<string> {
  const verified: string[] = [];
  const wantsTag = options.mode === 'Tag' || options.mode === 'TagAndHEAD';
  const wantsHead = options.mode !== 'Tag';
  if (wantsTag) {
    if (!options.tagRef) throw new VerificationError(`cannot verify tag object's signature if a tag reference is not specified`);
    const tagName = options.tagRef.replace(/^refs\/tags\//, '');
    const type = (await runGit(['cat-file', '-t', options.tagRef], { cwd: options.dir })).stdout.trim();
    if (type !== 'tag') throw new VerificationError(`unable to verify tag '${tagName}': it is a lightweight tag, which cannot be signed`);
    const raw = (await runGit(['cat-file', 'tag', options.tagRef], { cwd: options.dir })).stdout;
    const signed = splitTagSignature(raw);
    if (!signed) throw new VerificationError(`unable to verify tag '${tagName}': the tag is not signed`);
    verified.push(`tag '${tagName}' with key '${await verifySignature(`tag '${tagName}'`, signed, options.keys)}'`);
  }
  if (wantsHead) {
    const raw = (await runGit(['cat-file', 'commit', options.commit], { cwd: options.dir })).stdout;
    const signed = splitCommitSignature(raw);
    if (!signed) throw new VerificationError(`unable to verify commit '${options.commit}': the commit is not signed`);
    verified.push(`commit '${options.commit}' with key '${await verifySignature(`commit '${options.commit}'`, signed, options.keys)}'`);
  }
  return `verified signature of\n\t- ${verified.join('\n\t- ')}`;
}
