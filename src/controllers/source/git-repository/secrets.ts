// Reads GitRepository Secrets (already base64-decoded) into git credentials, with upstream's keys.
import type { GitAuth, GitProxy } from '../git/auth.ts';

export type SecretData = Record<string, string>;

/** spec.secretRef: basic auth, bearer token, SSH identity + known_hosts, TLS CA / client cert. */
export function gitAuthFromSecret(data: SecretData): GitAuth {
  return {
    username: data.username,
    password: data.password,
    bearerToken: data.bearerToken,
    identity: data.identity,
    knownHosts: data.known_hosts,
    caFile: data['ca.crt'] ?? data.caFile,
    certFile: data['tls.crt'] ?? data.certFile,
    keyFile: data['tls.key'] ?? data.keyFile,
  };
}

/** spec.proxySecretRef: `address` (required), `username`, `password`. */
export function proxyFromSecret(data: SecretData, secretName: string): GitProxy {
  if (!data.address) throw new Error(`invalid proxy secret '${secretName}': key 'address' is missing`);
  return { address: data.address, username: data.username, password: data.password };
}

/** spec.verify.secretRef: `*.asc` entries are armored OpenPGP key rings, `*.sshpub` SSH public keys. */
export function trustedKeysFromSecret(data: SecretData): { pgp: string[]; ssh: string[] } {
  const sorted = Object.entries(data).sort(([a], [b]) => (a < b ? -1 : 1));
  return {
    pgp: sorted.filter(([key]) => key.endsWith('.asc')).map(([, value]) => value),
    ssh: sorted.filter(([key]) => key.endsWith('.sshpub')).map(([, value]) => value),
  };
}
