// Verifies the signature of the raw commit and/or tag object against trusted public keys from a
// Secret, the way `git verify-commit` would but without the user's keyrings: OpenPGP signatures with
// openpgp.js, SSH signatures (Flux 2.9+) with `ssh-keygen -Y verify` against an allowed-signers file.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PublicKey } from 'openpgp';
import { runGit, runTool } from './exec.ts';

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

// openpgp.js costs a long-running controller ~20 MiB resident once loaded: load it on first use only.
const loadOpenpgp = () => import('openpgp');

/** Splits a raw tag object into the signed bytes and the trailing armored signature. */
export function splitTagSignature(raw: string): SignedPayload | undefined {
  const at = raw.search(/^-----BEGIN (PGP|SSH) SIGNATURE-----$/m);
  if (at < 0) return undefined;
  return { payload: raw.slice(0, at), signature: raw.slice(at) };
}

export interface TrustedKeys {
  pgp: PublicKey[];
  /** authorized_keys-style lines (`ssh-ed25519 AAAA... comment`). */
  ssh: string[];
}

/** Reads the armored OpenPGP key rings (`*.asc`) and SSH public keys (`*.sshpub`) of a verification Secret. */
export async function readTrustedKeys(entries: { pgp: readonly string[]; ssh: readonly string[] }): Promise<TrustedKeys> {
  const pgp: PublicKey[] = [];
  const openpgp = await loadOpenpgp();
  for (const text of entries.pgp) {
    try {
      pgp.push(...(await openpgp.readKeys({ armoredKeys: text })).map((k) => k.toPublic()));
    } catch (err) {
      throw new VerificationError(`unable to read OpenPGP public keys: ${(err as Error).message}`);
    }
  }
  const ssh = entries.ssh.flatMap((text) => text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')));
  if (pgp.length === 0 && ssh.length === 0) throw new VerificationError('no OpenPGP (*.asc) or SSH (*.sshpub) public keys found in the verification Secret');
  return { pgp, ssh };
}

/** Returns the trusted key (id or fingerprint) that made the signature, or throws VerificationError. */
export async function verifySignature(what: string, signed: SignedPayload, keys: TrustedKeys): Promise<string> {
  if (signed.signature.startsWith('-----BEGIN SSH SIGNATURE-----')) return verifySshSignature(what, signed, keys.ssh);
  if (keys.pgp.length === 0) throw new VerificationError(`unable to verify ${what}: it has an OpenPGP signature but no OpenPGP keys are trusted`);
  const openpgp = await loadOpenpgp();
  let signature;
  try {
    signature = await openpgp.readSignature({ armoredSignature: signed.signature });
  } catch (err) {
    throw new VerificationError(`unable to read the signature of ${what}: ${(err as Error).message}`);
  }
  const message = await openpgp.createMessage({ binary: new TextEncoder().encode(signed.payload) });
  const result = await openpgp.verify({ message, signature, verificationKeys: keys.pgp, format: 'binary' });
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

// Git signs with namespace "git"; any trusted key may have signed, so every key gets the same principal.
async function verifySshSignature(what: string, signed: SignedPayload, keys: readonly string[]): Promise<string> {
  if (keys.length === 0) throw new VerificationError(`unable to verify ${what}: it has an SSH signature but no SSH keys are trusted`);
  const dir = await mkdtemp(join(tmpdir(), 'tsflux-sshsig-'));
  try {
    await writeFile(join(dir, 'allowed_signers'), keys.map((k) => `tsflux ${k}\n`).join(''));
    await writeFile(join(dir, 'signature'), signed.signature);
    const { stdout } = await runTool('ssh-keygen', ['-Y', 'verify', '-f', join(dir, 'allowed_signers'), '-I', 'tsflux', '-n', 'git', '-s', join(dir, 'signature')], {
      input: signed.payload,
    });
    return /key (SHA256:\S+)/.exec(stdout)?.[1] ?? stdout.trim();
  } catch (err) {
    throw new VerificationError(`unable to verify ${what}: the SSH signature does not match any trusted key (${(err as Error).message})`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface VerifyCheckoutOptions {
  dir: string;
  commit: string;
  /** Full tag ref when the GitRepository tracks a tag. */
  tagRef?: string;
  mode: VerificationMode;
  keys: TrustedKeys;
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
