// What the remote cases of the kustomize corpus fetch: real git repositories behind git's own smart-HTTP
// server and plain files behind an HTTP file server, both on 127.0.0.1. Served content and cases hold
// placeholders: {{GIT}} and {{FILES}} (the servers' URLs), {{SSH}} (`git@127.0.0.1` of an SSH git server
// serving the same repositories, its port and key given to git through GIT_SSH_COMMAND) and
// {{SHA:<repo>:<ref>}} (a commit id). Below {{FILES}}/hang/ is a git server that never answers.
//
// Repository `org/<name>` is built from test/fixtures/kustomize-remote/served/repos/<name>/: each
// listed state's files are laid over the previous commit's and committed. It is served as
// org/<name>.git, and also as org/<name> and org/_git/<name> for the URL forms without `.git`.
// Git is told to fetch github.com URLs from the local server, so the github.com forms stay on loopback.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startGitHttpServer } from '../support/git-http-server.ts';
import { TestRepo } from '../support/git-fixtures.ts';
import { generateSshKey, startGitSshServer } from '../support/git-ssh-server.ts';

export const REMOTE_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'kustomize-remote');
const SERVED = join(REMOTE_FIXTURES, 'served');

interface State {
  tree: string;
  tag?: string;
  /** Start a branch of this name from the commit tagged `from`. */
  branch?: { name: string; from: string };
  /** Submodules to add (path → URL relative to this repository's own URL, as kustomize resolves them). */
  submodules?: Record<string, string>;
}

const HISTORIES: Record<string, State[]> = {
  app: [{ tree: 'v1', tag: 'v1' }, { tree: 'v2' }, { tree: 'feature', branch: { name: 'feature', from: 'v1' } }],
  lib: [{ tree: 'v1', tag: 'v1' }],
  // After lib, which it holds as a submodule.
  withsub: [{ tree: 'v1', tag: 'v1', submodules: { 'vendor/lib': '../lib.git' } }],
};

export interface RemoteServers {
  /** Replaces the placeholders in a case's or a served file's text. */
  substitute(text: string): string;
  /** Environment for git (ours and kubectl's): github.com URLs go to the local server. */
  gitEnv: Record<string, string>;
  close(): Promise<void>;
}

/** Copies `from` into `to`, replacing placeholders in every file. */
export function copySubstituted(from: string, to: string, substitute: (text: string) => string): void {
  for (const entry of readdirSync(from, { recursive: true, encoding: 'utf8' })) {
    const src = join(from, entry);
    const dst = join(to, entry);
    if (statSync(src).isDirectory()) mkdirSync(dst, { recursive: true });
    else writeFileSync(dst, substitute(readFileSync(src, 'utf8')));
  }
}

async function serveFiles(root: string, substitute: () => (text: string) => string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const { pathname, search } = new URL(req.url ?? '/', 'http://x');
    // A git server that never answers, for `?timeout=`: git's first request hangs, kustomize's own GET gets a 404.
    if (pathname.startsWith('/hang/') && pathname.endsWith('/info/refs') && search.includes('service=git-upload-pack')) return;
    const path = join(root, decodeURIComponent(pathname));
    if (relative(root, path).startsWith('..')) return void res.writeHead(403).end();
    let body: string;
    try {
      body = substitute()(readFileSync(path, 'utf8'));
    } catch {
      return void res.writeHead(404).end('404 page not found\n');
    }
    res.writeHead(200, { 'Content-Type': 'application/yaml' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export async function startRemoteServers(): Promise<RemoteServers> {
  const root = mkdtempSync(join(tmpdir(), 'tsflux-kustomize-remote-'));
  const shas = new Map<string, string>();
  const placeholders: Record<string, string> = {};
  const substitute = (text: string) =>
    text.replace(/\{\{(GIT|FILES|SSH|SHA:[\w-]+:[\w.-]+)\}\}/g, (_, name: string) => {
      const value = name.startsWith('SHA:') ? shas.get(name) : placeholders[name];
      if (value === undefined) throw new Error(`unknown placeholder {{${name}}}`);
      return value;
    });
  const git = await startGitHttpServer({ root });
  const files = await serveFiles(join(SERVED, 'files'), () => substitute);
  const client = generateSshKey('kustomize-remote');
  const ssh = await startGitSshServer({ root, hostKey: generateSshKey('host'), authorizedKeys: [client.publicKey] });
  writeFileSync(join(root, 'id'), client.privateKey, { mode: 0o600 });
  writeFileSync(join(root, 'known_hosts'), `${ssh.knownHosts}\n`);
  placeholders.GIT = git.url;
  placeholders.FILES = files.url;
  placeholders.SSH = 'git@127.0.0.1';
  for (const [name, states] of Object.entries(HISTORIES)) {
    const repo = TestRepo.create(join(root, 'org'), name);
    try {
      for (const state of states) {
        if (state.branch) repo.git('checkout', '--quiet', '-b', state.branch.name, state.branch.from);
        copySubstituted(join(SERVED, 'repos', name, state.tree), repo.work, substitute);
        for (const [path, url] of Object.entries(state.submodules ?? {})) repo.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '--quiet', url, path);
        repo.commit(state.tree);
        if (state.tag) repo.tag(state.tag);
        repo.push('--all');
        repo.push('--tags');
        if (state.tag) shas.set(`SHA:${name}:${state.tag}`, repo.head());
      }
    } finally {
      repo.dispose();
    }
    symlinkSync(`${name}.git`, join(root, 'org', name));
    mkdirSync(join(root, 'org', '_git'), { recursive: true });
    symlinkSync(`../${name}.git`, join(root, 'org', '_git', name));
  }
  const gitEnv = {
    GIT_CONFIG_COUNT: '2',
    GIT_CONFIG_KEY_0: `url.${git.url}/.insteadOf`,
    GIT_CONFIG_VALUE_0: 'https://github.com/',
    GIT_CONFIG_KEY_1: `url.${git.url}/.insteadOf`,
    GIT_CONFIG_VALUE_1: 'git@github.com:',
    GIT_SSH_COMMAND: `ssh -p ${ssh.port} -i ${join(root, 'id')} -o IdentitiesOnly=yes -o UserKnownHostsFile=${join(root, 'known_hosts')} -o StrictHostKeyChecking=yes`,
  };
  return {
    substitute,
    gitEnv,
    close: async () => {
      await git.close();
      await ssh.close();
      await files.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A case's folder copied into a fresh temp folder with its placeholders replaced; returns the copy. */
export function materializeCase(caseDir: string, servers: RemoteServers): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsflux-kustomize-case-'));
  copySubstituted(caseDir, dir, servers.substitute);
  return dir;
}
