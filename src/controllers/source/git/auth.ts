// Turns GitRepository credentials into an environment for the git CLI. Secrets never appear in the
// command line (visible in `ps`): headers and TLS settings go through GIT_CONFIG_* variables, key
// material goes into 0600 files in a private directory removed after the operation.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface GitProxy {
  /** http://, https:// or socks5:// address. */
  address: string;
  username?: string;
  password?: string;
}

/** Credentials as found in a GitRepository's secretRef / proxySecretRef Secrets. */
export interface GitAuth {
  username?: string;
  password?: string;
  bearerToken?: string;
  /** PEM/OpenSSH private key for ssh:// URLs. */
  identity?: string;
  /** known_hosts lines for ssh:// URLs; the server's host key must match one. */
  knownHosts?: string;
  /** PEM CA bundle trusted for https://. */
  caFile?: string;
  /** PEM client certificate and key for mutual TLS. */
  certFile?: string;
  keyFile?: string;
  proxy?: GitProxy;
}

export interface GitAuthSession {
  env: Record<string, string>;
  /** Removes the key files. */
  dispose(): Promise<void>;
}

export class GitAuthError extends Error {}

export async function openAuthSession(url: string, auth: GitAuth = {}): Promise<GitAuthSession> {
  const dir = await mkdtemp(join(tmpdir(), 'tsflux-git-auth-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    const config: [string, string][] = [];
    const env: Record<string, string> = {};
    const secretFile = async (name: string, content: string) => {
      const path = join(dir, name);
      await writeFile(path, content.endsWith('\n') ? content : `${content}\n`, { mode: 0o600 });
      return path;
    };
    const scheme = new URL(url).protocol;
    if (scheme === 'ssh:') {
      if (!auth.knownHosts) throw new GitAuthError(`no known_hosts given for '${url}': an SSH host key cannot be verified without it`);
      const knownHosts = await secretFile('known_hosts', auth.knownHosts);
      const ssh = ['ssh', '-F', '/dev/null', '-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${quote(knownHosts)}`, '-o', 'GlobalKnownHostsFile=/dev/null'];
      if (auth.identity) ssh.push('-o', 'IdentitiesOnly=yes', '-o', 'PasswordAuthentication=no', '-o', 'KbdInteractiveAuthentication=no', '-i', quote(await secretFile('identity', auth.identity)));
      if (auth.proxy) ssh.push('-o', quote(await sshProxyCommand(auth.proxy, secretFile)));
      if (auth.identity && auth.password) {
        // An encrypted identity: ssh asks SSH_ASKPASS for the passphrase, which reads it from a 0600
        // file (never from the command line or the environment).
        const passphrase = await secretFile('passphrase', auth.password);
        const askpass = join(dir, 'askpass');
        await writeFile(askpass, `#!/bin/sh\nexec cat ${quote(passphrase)}\n`, { mode: 0o700 });
        env.SSH_ASKPASS = askpass;
        env.SSH_ASKPASS_REQUIRE = 'force';
        env.DISPLAY = env.DISPLAY ?? ':0';
      } else {
        ssh.push('-o', 'BatchMode=yes');
      }
      // git runs GIT_SSH_COMMAND through sh; every path above is ours and quoted.
      env.GIT_SSH_COMMAND = ssh.join(' ');
    } else if (scheme === 'https:' || scheme === 'http:') {
      if (auth.bearerToken) config.push(['http.extraHeader', `Authorization: Bearer ${auth.bearerToken}`]);
      else if (auth.username !== undefined || auth.password !== undefined) {
        const basic = Buffer.from(`${auth.username ?? ''}:${auth.password ?? ''}`).toString('base64');
        config.push(['http.extraHeader', `Authorization: Basic ${basic}`]);
      }
      if (auth.caFile) config.push(['http.sslCAInfo', await secretFile('ca.crt', auth.caFile)]);
      if (auth.certFile && auth.keyFile) {
        config.push(['http.sslCert', await secretFile('tls.crt', auth.certFile)], ['http.sslKey', await secretFile('tls.key', auth.keyFile)]);
      }
      if (auth.proxy) {
        config.push(['http.proxy', proxyUrl(auth.proxy)]);
        // The Secret's proxy takes precedence over the environment's, exclusions included.
        env.no_proxy = env.NO_PROXY = '';
      }
    } else {
      throw new GitAuthError(`unsupported URL scheme '${scheme}' in '${url}': only http, https and ssh are supported`);
    }
    config.forEach(([key, value], i) => {
      env[`GIT_CONFIG_KEY_${i}`] = key;
      env[`GIT_CONFIG_VALUE_${i}`] = value;
    });
    env.GIT_CONFIG_COUNT = String(config.length);
    return { env, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}

const PROXY_CONNECT = fileURLToPath(new URL('./proxy-connect.ts', import.meta.url));

/** ssh reaches a server through a SOCKS5 or HTTP CONNECT proxy via proxy-connect.ts, as its ProxyCommand. */
async function sshProxyCommand(proxy: GitProxy, secretFile: (name: string, content: string) => Promise<string>): Promise<string> {
  const u = new URL(proxy.address);
  if (!['socks5:', 'socks5h:', 'http:', 'https:'].includes(u.protocol)) {
    throw new GitAuthError(`unsupported proxy scheme '${u.protocol}' in '${u.protocol}//${u.host}': use socks5, http or https`);
  }
  const file = await secretFile('proxy', proxyUrl(proxy));
  // ssh runs the command through the shell; every path here is ours and has no quote in it.
  return `ProxyCommand="${process.execPath}" --no-warnings "${PROXY_CONNECT}" "${file}" %h %p`;
}

function proxyUrl(proxy: GitProxy): string {
  const u = new URL(proxy.address);
  if (proxy.username) u.username = encodeURIComponent(proxy.username);
  if (proxy.password) u.password = encodeURIComponent(proxy.password);
  return u.toString();
}

function quote(path: string): string {
  return `'${path.replaceAll("'", `'\\''`)}'`;
}
