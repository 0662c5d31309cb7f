// `tsflux create secret git`: the Secret a GitRepository's secretRef names, from flags — basic auth,
// a bearer token, or SSH (a given or generated key pair, plus the server's known_hosts).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface GitSecretFlags {
  url: string;
  username?: string;
  password?: string;
  bearerToken?: string;
  privateKeyFile?: string;
  sshKeyAlgorithm: string;
  sshEcdsaCurve: string;
  sshRsaBits: string;
  caFile?: string;
}

export interface GitSecretData {
  data: Record<string, string>;
  /** For SSH: the public key to register as a deploy key. */
  publicKey?: string;
}

export async function gitSecretData(flags: GitSecretFlags): Promise<GitSecretData> {
  const url = new URL(flags.url);
  const data: Record<string, string> = {};
  if (flags.caFile) data['ca.crt'] = await readFile(flags.caFile, 'utf8');
  if (url.protocol === 'ssh:') {
    const { privateKey, publicKey } = flags.privateKeyFile ? await readKeyPair(flags.privateKeyFile) : await generateKeyPair(flags);
    data.identity = privateKey;
    data['identity.pub'] = publicKey;
    data.known_hosts = await scanHostKeys(url);
    if (flags.password) data.password = flags.password;
    return { data, publicKey };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported URL scheme '${url.protocol}' in '${flags.url}'`);
  if (flags.bearerToken) data.bearerToken = flags.bearerToken;
  else if (flags.username || flags.password) {
    if (!flags.username || !flags.password) throw new Error('for basic auth both --username and --password are required');
    data.username = flags.username;
    data.password = flags.password;
  }
  return { data };
}

async function readKeyPair(file: string): Promise<{ privateKey: string; publicKey: string }> {
  const privateKey = await readFile(file, 'utf8');
  const { stdout } = await run('ssh-keygen', ['-y', '-f', file]);
  return { privateKey, publicKey: stdout.trim() };
}

async function generateKeyPair(flags: GitSecretFlags): Promise<{ privateKey: string; publicKey: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'tsflux-keygen-'));
  try {
    const size: Record<string, string[]> = {
      ecdsa: ['-b', { p256: '256', p384: '384', p521: '521' }[flags.sshEcdsaCurve] ?? '384'],
      rsa: ['-b', flags.sshRsaBits],
      ed25519: [],
    };
    const args = size[flags.sshKeyAlgorithm];
    if (!args) throw new Error(`unsupported --ssh-key-algorithm '${flags.sshKeyAlgorithm}': use ecdsa, ed25519 or rsa`);
    await run('ssh-keygen', ['-q', '-t', flags.sshKeyAlgorithm, ...args, '-N', '', '-C', 'tsflux', '-f', join(dir, 'key')]);
    return { privateKey: await readFile(join(dir, 'key'), 'utf8'), publicKey: (await readFile(join(dir, 'key.pub'), 'utf8')).trim() };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function scanHostKeys(url: URL): Promise<string> {
  const port = url.port || '22';
  try {
    const { stdout } = await run('ssh-keyscan', ['-p', port, '-T', '10', url.hostname]);
    if (stdout.trim() === '') throw new Error('no host keys returned');
    return stdout;
  } catch (err) {
    throw new Error(`scanning the SSH host keys of ${url.hostname}:${port}: ${(err as Error).message}`, { cause: err });
  }
}
