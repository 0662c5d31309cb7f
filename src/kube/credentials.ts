// Who we are on each request: the Authorization header and, for exec plugins that mint certificates,
// the client certificate. Token files are re-read every minute because projected service account
// tokens rotate under a running pod.
import { readFile } from 'node:fs/promises';
import type { ConnectionConfig } from './connection.ts';
import { ExecCredentialPlugin } from './exec-credential.ts';

export interface Credentials {
  authorization?: string;
  /** PEM client certificate and key overriding the kubeconfig's (from an exec plugin). */
  clientCert?: { cert: string; key: string };
}

export interface CredentialSource {
  get(): Promise<Credentials>;
  /** Called after a 401: true when fresh credentials may fix it (so the request is worth one retry). */
  invalidate(): boolean;
}

const tokenFileTtlMs = 60_000;

export function credentialSource(conn: ConnectionConfig): CredentialSource {
  const { auth } = conn;
  if (auth.exec) {
    const plugin = new ExecCredentialPlugin(auth.exec, conn);
    return {
      async get() {
        const c = await plugin.get();
        return {
          authorization: c.token ? `Bearer ${c.token}` : undefined,
          clientCert: c.clientCertificateData && c.clientKeyData ? { cert: c.clientCertificateData, key: c.clientKeyData } : undefined,
        };
      },
      invalidate() {
        plugin.invalidate();
        return true;
      },
    };
  }
  if (auth.token) {
    const fixed: Credentials = { authorization: `Bearer ${auth.token}` };
    return { get: async () => fixed, invalidate: () => false };
  }
  if (auth.tokenFile) return tokenFileSource(auth.tokenFile);
  if (auth.username !== undefined && auth.password !== undefined) {
    const fixed: Credentials = { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` };
    return { get: async () => fixed, invalidate: () => false };
  }
  return { get: async () => ({}), invalidate: () => false };
}

function tokenFileSource(path: string): CredentialSource {
  let cached: { value: Credentials; readAt: number } | undefined;
  return {
    async get() {
      if (cached && Date.now() - cached.readAt < tokenFileTtlMs) return cached.value;
      let token: string;
      try {
        token = (await readFile(path, 'utf8')).trim();
      } catch (e) {
        throw new Error(`reading bearer token file ${path}: ${(e as Error).message}`, { cause: e });
      }
      cached = { value: { authorization: `Bearer ${token}` }, readAt: Date.now() };
      return cached.value;
    },
    invalidate() {
      cached = undefined;
      return true;
    },
  };
}
