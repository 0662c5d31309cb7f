// The connection a pod gets from its service account: the apiserver's Service address from the
// environment, the cluster CA and a (rotating, hence re-read) token from the mounted secret.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConnectionConfig } from './connection.ts';
import { proxyFromEnvironment } from './env-proxy.ts';

export const serviceAccountDir = '/var/run/secrets/kubernetes.io/serviceaccount';

export async function loadInClusterConfig(
  opts: { env?: NodeJS.ProcessEnv; dir?: string } = {},
): Promise<ConnectionConfig> {
  const env = opts.env ?? process.env;
  const dir = opts.dir ?? serviceAccountDir;
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) {
    throw new Error('not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set, and no kubeconfig was found');
  }
  const read = async (name: string) => {
    try {
      return await readFile(join(dir, name), 'utf8');
    } catch (e) {
      throw new Error(`reading the service account's ${name} in ${dir}: ${(e as Error).message}`, { cause: e });
    }
  };
  const ca = await read('ca.crt');
  await read('token'); // fail now, not on the first request, when the token is not mounted
  let namespace = 'default';
  try {
    namespace = (await readFile(join(dir, 'namespace'), 'utf8')).trim() || 'default';
  } catch {
    // optional: older clusters and custom mounts omit it
  }
  const hostPart = host.includes(':') ? `[${host}]` : host; // IPv6 literal
  const server = `https://${hostPart}:${port}`;
  return {
    server,
    origin: `in-cluster service account (${dir})`,
    proxyUrl: proxyFromEnvironment(server),
    namespace,
    tls: { ca, insecureSkipVerify: false },
    auth: { tokenFile: join(dir, 'token') },
  };
}
