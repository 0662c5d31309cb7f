// Short-lived tokens for a ServiceAccount from the TokenRequest API (serviceaccounts/token): the
// identity a secret-less remote cluster trusts through its OIDC configuration.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeClient } from '../../kube/index.ts';
import { serviceAccountDir } from '../../kube/in-cluster.ts';

interface TokenRequestStatus {
  status?: { token?: string; expirationTimestamp?: string };
}

/**
 * A token for `namespace/name`; empty `audiences` leaves the apiserver's default audiences. The
 * apiserver may shorten `lifetimeSeconds` (--service-account-max-token-expiration).
 */
export async function requestServiceAccountToken(client: KubeClient, namespace: string, name: string, audiences: string[], lifetimeSeconds?: number): Promise<string> {
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/serviceaccounts/${encodeURIComponent(name)}/token`;
  let answer: TokenRequestStatus;
  try {
    answer = (await client.request('POST', path, {
      body: {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: { ...(audiences.length > 0 ? { audiences } : {}), ...(lifetimeSeconds ? { expirationSeconds: lifetimeSeconds } : {}) },
      },
    })) as TokenRequestStatus;
  } catch (err) {
    throw new Error(`failed to create kubernetes token for service account '${namespace}/${name}': ${(err as Error).message}`, { cause: err });
  }
  const token = answer.status?.token;
  if (!token) throw new Error(`failed to create kubernetes token for service account '${namespace}/${name}': the apiserver returned no token`);
  return token;
}

/**
 * The ServiceAccount the controller itself runs as, from the subject of its mounted token
 * (`system:serviceaccount:<namespace>:<name>`); only a controller running in a pod has one.
 */
export async function controllerServiceAccount(dir = serviceAccountDir): Promise<{ namespace: string; name: string }> {
  const file = join(dir, 'token');
  let jwt: string;
  try {
    jwt = (await readFile(file, 'utf8')).trim();
  } catch (err) {
    throw new Error(`failed to read service account token file ${file}: ${(err as Error).message}`, { cause: err });
  }
  let subject: unknown;
  try {
    subject = (JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: unknown }).sub;
  } catch (err) {
    throw new Error(`failed to parse service account token: ${(err as Error).message}`, { cause: err });
  }
  const parts = typeof subject === 'string' ? subject.split(':') : [];
  if (parts.length !== 4 || parts[0] !== 'system' || parts[1] !== 'serviceaccount') {
    throw new Error(`invalid subject format in service account token: ${String(subject)}`);
  }
  return { namespace: parts[2]!, name: parts[3]! };
}
