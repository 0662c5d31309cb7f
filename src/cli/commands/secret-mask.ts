// Secret values never reach the terminal: `build kustomization` prints SOPS-encrypted Secrets with their
// values replaced by `**SOPS**` (as `flux build` does, nothing is decrypted), and `diff kustomization`
// shows only whether a Secret value changed, not the value.
import type { KubeObject } from '../../kube/index.ts';

export const SopsMask = '**SOPS**';
const DockerConfigJson = 'kubernetes.io/dockerconfigjson';

interface SecretLike extends KubeObject {
  type?: string;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  sops?: { mac?: unknown };
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const mapValues = (m: Record<string, string> | undefined, f: (v: string) => string) => (m ? Object.fromEntries(Object.entries(m).map(([k, v]) => [k, f(v)])) : undefined);
const looksEncrypted = (text: string) => text.includes('sops') && text.includes('ENC[');

/** A Secret as `flux build kustomization` prints it: SOPS-encrypted values masked, its sops metadata dropped. */
export function maskSopsSecret(obj: KubeObject): KubeObject {
  if (obj.kind !== 'Secret') return obj;
  const secret = obj as SecretLike;
  const out: SecretLike = { ...secret };
  if (typeof secret.sops?.mac === 'string' && secret.sops.mac.startsWith('ENC[')) {
    // The whole Secret is encrypted: every value is.
    delete out.sops;
    const mask = (secret.type ?? 'Opaque') === DockerConfigJson ? JSON.stringify({ mask: SopsMask }) : SopsMask;
    out.data = mapValues(secret.data, () => b64(mask));
    out.stringData = mapValues(secret.stringData, () => mask);
  } else {
    // Only some values may be encrypted files (a secretGenerator reading a sops file).
    out.data = mapValues(secret.data, (v) => (looksEncrypted(Buffer.from(v, 'base64').toString('utf8')) ? b64(SopsMask) : v));
    out.stringData = mapValues(secret.stringData, (v) => (looksEncrypted(v) ? b64(SopsMask) : v));
  }
  if (!out.data) delete out.data;
  if (!out.stringData) delete out.stringData;
  return out;
}

/** The live and would-be Secret with values hidden: `***` when equal, `*** (before)`/`*** (after)` when not. */
export function maskSecretPair(live: KubeObject, merged: KubeObject): [KubeObject, KubeObject] {
  if (live.kind !== 'Secret') return [live, merged];
  const a = { ...(live as SecretLike) };
  const b = { ...(merged as SecretLike) };
  const hide = (values: Record<string, string>, other: Record<string, string> | undefined, changed: string) =>
    Object.fromEntries(Object.keys(values).map((k) => [k, values[k] === other?.[k] ? '***' : changed]));
  for (const field of ['data', 'stringData'] as const) {
    const before = a[field];
    const after = b[field];
    if (before) a[field] = hide(before, after, '*** (before)');
    if (after) b[field] = hide(after, before, '*** (after)');
  }
  return [a, b];
}
