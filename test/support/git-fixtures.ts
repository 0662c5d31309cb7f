// Real git repositories for tests: a bare repository (what servers serve) and a working copy to
// commit, tag (optionally signed with gpg) and push to it, including force-pushes and moved tags.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const identity = {
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export interface GpgKey {
  home: string;
  fingerprint: string;
  /** ASCII-armored public key, as stored in a verify Secret (`*.asc`). */
  publicKey: string;
}

/** Generates an ed25519 signing key in a throwaway GNUPGHOME. */
export function generateGpgKey(name = 'Flux Test'): GpgKey {
  const home = mkdtempSync(join(tmpdir(), 'tsflux-gpg-'));
  const env = { ...process.env, GNUPGHOME: home };
  const email = `${name.toLowerCase().replaceAll(' ', '.')}@example.com`;
  execFileSync('gpg', ['--batch', '--passphrase', '', '--quick-gen-key', `${name} <${email}>`, 'ed25519', 'sign', 'never'], { env, stdio: 'pipe' });
  const listing = execFileSync('gpg', ['--batch', '--with-colons', '--list-secret-keys', email], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const fingerprint = /^fpr:+([0-9A-F]+):/m.exec(listing)![1]!;
  const publicKey = execFileSync('gpg', ['--batch', '--armor', '--export', fingerprint], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { home, fingerprint, publicKey };
}

export interface SshSigningKey {
  /** Directory holding the key files (remove when done). */
  home: string;
  privateKeyPath: string;
  /** `ssh-ed25519 AAAA...`, as stored in a verify Secret (`*.sshpub`). */
  publicKey: string;
}

/** An ed25519 key for git's SSH commit and tag signing (gpg.format=ssh). */
export function generateSshSigningKey(): SshSigningKey {
  const home = mkdtempSync(join(tmpdir(), 'tsflux-sshsign-'));
  const privateKeyPath = join(home, 'signing');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'signer', '-f', privateKeyPath]);
  return { home, privateKeyPath, publicKey: readFileSync(`${privateKeyPath}.pub`, 'utf8').trim() };
}

export type SigningKey = GpgKey | SshSigningKey;

function signingConfig(key: SigningKey): { env: Record<string, string>; args: string[] } {
  if ('fingerprint' in key) return { env: { GNUPGHOME: key.home }, args: ['-c', `user.signingkey=${key.fingerprint}`] };
  return { env: {}, args: ['-c', 'gpg.format=ssh', '-c', `user.signingkey=${key.privateKeyPath}`] };
}

export class TestRepo {
  /** Path of the bare repository (under the server root). */
  readonly bare: string;
  readonly work: string;
  constructor(bare: string, work: string) {
    this.bare = bare;
    this.work = work;
  }

  /** Creates `<root>/<name>.git` (bare, default branch main) and a working copy pointing at it. */
  static create(root: string, name: string, branch = 'main'): TestRepo {
    const bare = join(root, `${name}.git`);
    mkdirSync(dirname(bare), { recursive: true });
    execFileSync('git', ['init', '--quiet', '--bare', '-b', branch, bare], { env: { ...process.env, ...identity } });
    const work = mkdtempSync(join(tmpdir(), 'tsflux-work-'));
    const repo = new TestRepo(bare, work);
    repo.git('init', '--quiet', '-b', branch);
    repo.git('remote', 'add', 'origin', bare);
    return repo;
  }

  git(...args: string[]): string {
    return this.gitWith({}, ...args);
  }

  gitWith(env: Record<string, string>, ...args: string[]): string {
    return execFileSync('git', args, { cwd: this.work, env: { ...process.env, ...identity, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }

  write(files: Record<string, string>): this {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(this.work, path)), { recursive: true });
      writeFileSync(join(this.work, path), content);
    }
    return this;
  }

  remove(path: string): this {
    rmSync(join(this.work, path), { recursive: true, force: true });
    return this;
  }

  /** Commits everything; returns the commit id. */
  commit(message: string, sign?: SigningKey): string {
    this.git('add', '--all');
    if (sign) {
      const { env, args } = signingConfig(sign);
      this.gitWith(env, ...args, 'commit', '--quiet', '--allow-empty', '-S', '-m', message);
    } else {
      this.git('commit', '--quiet', '--allow-empty', '-m', message);
    }
    return this.git('rev-parse', 'HEAD');
  }

  /** Creates (or moves, with force) a tag at HEAD: annotated when a message or a key is given. */
  tag(name: string, options: { message?: string; sign?: SigningKey } = {}): void {
    if (options.sign) {
      const { env, args } = signingConfig(options.sign);
      this.gitWith(env, ...args, 'tag', '--force', '-s', '-m', options.message ?? name, name);
    } else if (options.message) this.git('tag', '--force', '-a', '-m', options.message, name);
    else this.git('tag', '--force', name);
  }

  push(...refspecs: string[]): void {
    this.git('push', '--quiet', '--force', 'origin', ...(refspecs.length > 0 ? refspecs : ['HEAD']));
  }

  head(): string {
    return this.git('rev-parse', 'HEAD');
  }

  dispose(): void {
    rmSync(this.work, { recursive: true, force: true });
  }
}
