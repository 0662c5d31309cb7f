// A real SSH git server for tests, in process (no openssh-server needed): ssh2 handles the SSH
// protocol, host key and public-key authentication; the real git-upload-pack / git-receive-pack run
// as child processes behind each exec channel.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import ssh2 from 'ssh2';

export interface SshKeyPair {
  /** OpenSSH private key (what a GitRepository Secret holds under `identity`). */
  privateKey: string;
  /** `ssh-ed25519 AAAA... comment` */
  publicKey: string;
}

/** Generates an ed25519 key pair with ssh-keygen, encrypted when a passphrase is given. */
export function generateSshKey(comment = 'tsflux-test', passphrase = ''): SshKeyPair {
  const dir = mkdtempSync(join(tmpdir(), 'tsflux-sshkey-'));
  try {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', comment, '-f', join(dir, 'key')]);
    return { privateKey: readFileSync(join(dir, 'key'), 'utf8'), publicKey: readFileSync(join(dir, 'key.pub'), 'utf8').trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface GitSshServerOptions {
  root: string;
  hostKey: SshKeyPair;
  /** Public keys (authorized_keys lines) allowed to log in. */
  authorizedKeys: string[];
}

export interface GitSshServer {
  port: number;
  /** ssh://git@127.0.0.1:<port> */
  url: string;
  /** The known_hosts line matching the server's host key. */
  knownHosts: string;
  close(): Promise<void>;
}

const GIT_COMMAND = /^(git-upload-pack|git-receive-pack|git upload-pack|git receive-pack) '?([^']+)'?$/;

export async function startGitSshServer(options: GitSshServerOptions): Promise<GitSshServer> {
  const allowed = options.authorizedKeys.map((line) => {
    const key = ssh2.utils.parseKey(line);
    if (key instanceof Error) throw new Error(`parsing authorized key '${line}': ${key.message}`);
    return key;
  });
  const server = new ssh2.Server({ hostKeys: [options.hostKey.privateKey] }, (client) => {
    client.on('error', () => {}); // a client refusing our host key just disconnects
    client.on('authentication', (ctx) => {
      if (ctx.method !== 'publickey') return ctx.reject(['publickey']);
      const match = allowed.find((k) => k.type === ctx.key.algo && k.getPublicSSH().equals(ctx.key.data));
      if (!match) return ctx.reject(['publickey']);
      if (!ctx.signature) return ctx.accept(); // the client asks whether this key would do
      return match.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) === true ? ctx.accept() : ctx.reject(['publickey']);
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        const env: Record<string, string> = {};
        session.on('env', (accept, _reject, info) => {
          env[info.key] = info.val;
          accept?.();
        });
        session.on('exec', (accept, reject, info) => {
          const m = GIT_COMMAND.exec(info.command);
          const path = m ? normalize(m[2]!) : '';
          if (!m || path.split('/').includes('..')) return reject();
          const stream = accept();
          const git = spawn(m[1]!.replace(' ', '-'), [join(options.root, path)], {
            env: { PATH: process.env.PATH ?? '/usr/bin:/bin', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', ...(env.GIT_PROTOCOL ? { GIT_PROTOCOL: env.GIT_PROTOCOL } : {}) },
          });
          // A client that hangs up mid-transfer must not take the test process down.
          stream.on('error', () => git.kill());
          git.on('error', () => stream.close());
          stream.pipe(git.stdin);
          git.stdin.on('error', () => {});
          git.stdout.pipe(stream, { end: false });
          git.stderr.pipe(stream.stderr);
          git.on('close', (code) => {
            stream.exit(code ?? 1);
            stream.end();
          });
        });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const [type, blob] = options.hostKey.publicKey.split(' ');
  return {
    port,
    url: `ssh://git@127.0.0.1:${port}`,
    knownHosts: `[127.0.0.1]:${port} ${type} ${blob}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
