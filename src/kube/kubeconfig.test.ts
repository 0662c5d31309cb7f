import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadKubeconfig, parseKubeconfig } from './kubeconfig.ts';
import { loadInClusterConfig } from './in-cluster.ts';
import { ExecCredentialPlugin } from './exec-credential.ts';
import { credentialSource } from './credentials.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64');

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tsflux-kubeconfig-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function config(extra: { clusters?: unknown[]; users?: unknown[]; contexts?: unknown[]; current?: string }) {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: extra.clusters ?? [],
    users: extra.users ?? [],
    contexts: extra.contexts ?? [],
    'current-context': extra.current,
  });
}

void test('inline data is decoded, file paths are relative to the kubeconfig, the context picks cluster, user and namespace', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'ca.pem'), 'CA FROM FILE');
  await writeFile(join(dir, 'token'), 'file-token');
  const text = config({
    clusters: [
      { name: 'a', cluster: { server: 'https://10.0.0.1:6443/', 'certificate-authority': 'ca.pem', 'tls-server-name': 'kubernetes' } },
      { name: 'b', cluster: { server: 'https://b.example:443', 'certificate-authority-data': b64('CA DATA'), 'insecure-skip-tls-verify': true } },
    ],
    users: [
      { name: 'certs', user: { 'client-certificate-data': b64('CERT'), 'client-key-data': b64('KEY') } },
      { name: 'tok', user: { tokenFile: 'token', as: 'jane', 'as-groups': ['devs'] } },
    ],
    contexts: [
      { name: 'one', context: { cluster: 'a', user: 'tok', namespace: 'apps' } },
      { name: 'two', context: { cluster: 'b', user: 'certs' } },
    ],
    current: 'one',
  });
  const one = await parseKubeconfig(text, { file: join(dir, 'config') });
  assert.equal(one.server, 'https://10.0.0.1:6443');
  assert.equal(one.namespace, 'apps');
  assert.deepEqual(one.tls, { ca: 'CA FROM FILE', cert: undefined, key: undefined, insecureSkipVerify: false, serverName: 'kubernetes' });
  assert.equal(one.auth.tokenFile, join(dir, 'token'));
  assert.deepEqual(one.impersonate, { user: 'jane', groups: ['devs'], uid: undefined, extra: undefined });
  assert.deepEqual(await credentialSource(one).get(), { authorization: 'Bearer file-token' });

  const two = await parseKubeconfig(text, { file: join(dir, 'config'), context: 'two' });
  assert.equal(two.namespace, 'default');
  assert.deepEqual(two.tls, { ca: 'CA DATA', cert: 'CERT', key: 'KEY', insecureSkipVerify: true, serverName: undefined });
  assert.deepEqual(await credentialSource(two).get(), {});
});

void test('$KUBECONFIG lists several files: the first to define a name or current-context wins, missing files are skipped', async (t) => {
  const dir = await tempDir(t);
  const first = join(dir, 'first');
  const second = join(dir, 'second');
  await writeFile(first, config({ users: [{ name: 'u', user: { token: 'from-first' } }], current: 'ctx' }));
  await writeFile(
    second,
    config({
      clusters: [{ name: 'c', cluster: { server: 'https://second:6443' } }],
      users: [{ name: 'u', user: { token: 'from-second' } }],
      contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
      current: 'other',
    }),
  );
  const env = { KUBECONFIG: [join(dir, 'missing'), first, second].join(':') };
  const conn = await loadKubeconfig({ env });
  assert.ok(conn);
  assert.equal(conn.server, 'https://second:6443');
  assert.equal(conn.auth.token, 'from-first');
  assert.match(conn.origin, /^context "ctx" of /);
});

void test('no kubeconfig at all yields undefined (so the client can go in-cluster); an explicit missing path is an error', async (t) => {
  const dir = await tempDir(t);
  assert.equal(await loadKubeconfig({ env: { KUBECONFIG: join(dir, 'nothing') } }), undefined);
  await assert.rejects(loadKubeconfig({ path: join(dir, 'nothing') }), /reading kubeconfig .*nothing: ENOENT/);
});

void test('broken kubeconfigs are rejected with a message naming the problem', async () => {
  const file = '/x/config';
  await assert.rejects(parseKubeconfig(config({ current: 'nope' }), { file }), /has no context "nope"/);
  await assert.rejects(
    parseKubeconfig(config({ contexts: [{ name: 'c', context: { cluster: 'gone', user: 'u' } }], current: 'c' }), { file }),
    /context "c" of \/x\/config names cluster "gone", which is not defined/,
  );
  await assert.rejects(
    parseKubeconfig(
      config({
        clusters: [{ name: 'k', cluster: { server: 'https://k' } }],
        users: [{ name: 'u', user: { 'auth-provider': { name: 'gcp' } } }],
        contexts: [{ name: 'c', context: { cluster: 'k', user: 'u' } }],
        current: 'c',
      }),
      { file },
    ),
    /auth-provider "gcp" is not supported; configure an exec credential plugin instead/,
  );
  await assert.rejects(
    parseKubeconfig(
      config({
        clusters: [{ name: 'k', cluster: { server: 'https://k', 'proxy-url': 'ftp://proxy:21' } }],
        contexts: [{ name: 'c', context: { cluster: 'k' } }],
        current: 'c',
      }),
      { file },
    ),
    /context "c" of .*: cluster "k": proxy-url "ftp:\/\/proxy:21" has scheme ftp; supported: http, https, socks5/,
  );
});

void test('proxy-url is kept for the transport (http, https and socks5, as client-go accepts)', async () => {
  const file = '/x/config';
  for (const proxy of ['http://user:pw@proxy:3128', 'https://proxy', 'socks5://127.0.0.1:1080']) {
    const conn = await parseKubeconfig(
      config({ clusters: [{ name: 'k', cluster: { server: 'https://k', 'proxy-url': proxy } }], contexts: [{ name: 'c', context: { cluster: 'k' } }], current: 'c' }),
      { file },
    );
    assert.equal(conn.proxyUrl, new URL(proxy).href);
  }
});

void test('without proxy-url the proxy environment applies, as client-go does; proxy-url wins over it', async (t) => {
  const saved = { HTTPS_PROXY: process.env.HTTPS_PROXY, NO_PROXY: process.env.NO_PROXY };
  t.after(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  process.env.HTTPS_PROXY = 'http://env-proxy:3128';
  delete process.env.NO_PROXY;
  const kubeconfig = (cluster: Record<string, string>) =>
    parseKubeconfig(config({ clusters: [{ name: 'k', cluster }], contexts: [{ name: 'c', context: { cluster: 'k' } }], current: 'c' }), { file: '/x/config' });
  assert.equal((await kubeconfig({ server: 'https://k.example:6443' })).proxyUrl, 'http://env-proxy:3128/');
  assert.equal((await kubeconfig({ server: 'https://k.example:6443', 'proxy-url': 'http://named:1' })).proxyUrl, 'http://named:1/');
  assert.equal((await kubeconfig({ server: 'https://127.0.0.1:6443' })).proxyUrl, undefined);
});

/** A real exec plugin: counts its runs, records what it was told, prints an ExecCredential. */
async function writePlugin(dir: string, apiVersion: string, status: Record<string, string>): Promise<string> {
  const script = join(dir, 'plugin.sh');
  await writeFile(
    script,
    `#!/bin/sh
echo run >> "${join(dir, 'runs')}"
printf '%s' "$KUBERNETES_EXEC_INFO" > "${join(dir, 'exec-info.json')}"
if [ "$FAIL" = "1" ]; then echo "login required: run kubelogin" >&2; exit 3; fi
cat <<JSON
${JSON.stringify({ apiVersion, kind: 'ExecCredential', status }).replaceAll('TOKEN', '$PLUGIN_TOKEN')}
JSON
`,
  );
  await chmod(script, 0o755);
  return script;
}

async function runs(dir: string): Promise<number> {
  return (await readFile(join(dir, 'runs'), 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
}

void test('an exec plugin (v1) gets its env and cluster info, and its token is cached until expirationTimestamp', async (t) => {
  const dir = await tempDir(t);
  await writePlugin(dir, 'client.authentication.k8s.io/v1', { token: 'TOKEN', expirationTimestamp: '2030-01-01T00:00:00Z' });
  const text = config({
    clusters: [{ name: 'k', cluster: { server: 'https://k:6443', 'certificate-authority-data': b64('THE CA') } }],
    users: [
      {
        name: 'u',
        user: {
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1',
            command: './plugin.sh', // relative with a slash: resolved against the kubeconfig's folder
            env: [{ name: 'PLUGIN_TOKEN', value: 'minted-1' }],
            provideClusterInfo: true,
            interactiveMode: 'Never',
          },
        },
      },
    ],
    contexts: [{ name: 'c', context: { cluster: 'k', user: 'u' } }],
    current: 'c',
  });
  const conn = await parseKubeconfig(text, { file: join(dir, 'config') });
  assert.ok(conn.auth.exec);
  let now = Date.parse('2029-12-31T23:00:00Z');
  const plugin = new ExecCredentialPlugin(conn.auth.exec, conn, () => now);

  const [a, b] = await Promise.all([plugin.get(), plugin.get()]);
  assert.equal(a.token, 'minted-1');
  assert.equal(b.token, 'minted-1');
  assert.equal(await runs(dir), 1, 'concurrent callers share one run');
  const info = JSON.parse(await readFile(join(dir, 'exec-info.json'), 'utf8'));
  assert.deepEqual(info, {
    apiVersion: 'client.authentication.k8s.io/v1',
    kind: 'ExecCredential',
    spec: { interactive: false, cluster: { server: 'https://k:6443', 'certificate-authority-data': b64('THE CA') } },
  });

  now = Date.parse('2029-12-31T23:59:00Z');
  await plugin.get();
  assert.equal(await runs(dir), 1, 'still valid: cached');
  now = Date.parse('2029-12-31T23:59:55Z'); // inside the refresh margin before expiry
  await plugin.get();
  assert.equal(await runs(dir), 2, 'expiring: the plugin runs again');
  plugin.invalidate();
  await plugin.get();
  assert.equal(await runs(dir), 3, 'after a 401 the plugin runs again');
});

void test('an exec plugin (v1beta1) may return a client certificate instead of a token', async (t) => {
  const dir = await tempDir(t);
  const command = await writePlugin(dir, 'client.authentication.k8s.io/v1beta1', { clientCertificateData: 'PEM CERT', clientKeyData: 'PEM KEY' });
  const conn = {
    server: 'https://k',
    origin: 'test',
    namespace: 'default',
    tls: { insecureSkipVerify: false },
    auth: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command, args: [], env: [], provideClusterInfo: false } },
  };
  assert.deepEqual(await credentialSource(conn).get(), { authorization: undefined, clientCert: { cert: 'PEM CERT', key: 'PEM KEY' } });
  assert.deepEqual(JSON.parse(await readFile(join(dir, 'exec-info.json'), 'utf8')).spec, { interactive: false });
});

void test('a failing exec plugin is reported with its stderr; a wrong apiVersion is refused', async (t) => {
  const dir = await tempDir(t);
  const command = await writePlugin(dir, 'client.authentication.k8s.io/v1', { token: 'x' });
  const base = { server: 'https://k', origin: 'test', namespace: 'default', tls: { insecureSkipVerify: false } };
  const failing = new ExecCredentialPlugin(
    { apiVersion: 'client.authentication.k8s.io/v1', command, args: [], env: [{ name: 'FAIL', value: '1' }], provideClusterInfo: false },
    { ...base, auth: {} },
  );
  await assert.rejects(failing.get(), /running exec credential plugin .*plugin\.sh: exited with code 3: login required: run kubelogin$/);
  const mismatched = new ExecCredentialPlugin(
    { apiVersion: 'client.authentication.k8s.io/v1beta1', command, args: [], env: [], provideClusterInfo: false },
    { ...base, auth: {} },
  );
  await assert.rejects(mismatched.get(), /returned client\.authentication\.k8s\.io\/v1 ExecCredential, want client\.authentication\.k8s\.io\/v1beta1 ExecCredential/);
});

void test('in-cluster config comes from the service account mount and the Service environment', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'ca.crt'), 'SA CA');
  await writeFile(join(dir, 'token'), 'sa-token\n');
  await writeFile(join(dir, 'namespace'), 'flux-system');
  const conn = await loadInClusterConfig({ dir, env: { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' } });
  assert.equal(conn.server, 'https://[fd00::1]:443');
  assert.equal(conn.namespace, 'flux-system');
  assert.equal(conn.tls.ca, 'SA CA');
  assert.deepEqual(await credentialSource(conn).get(), { authorization: 'Bearer sa-token' });
  await assert.rejects(loadInClusterConfig({ dir, env: {} }), /not running in a cluster/);
});
