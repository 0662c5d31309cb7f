// Object-level workload identity: a Kustomization naming its own ServiceAccount for cloud or remote
// cluster authentication. Upstream keeps it behind the ObjectLevelWorkloadIdentity feature gate, off by
// default, so a tenant cannot borrow an identity unless the platform admin opted in.
import type { Kustomization } from '../../api/kustomize/kustomization.ts';
import { FeatureGateDisabledReason } from '../../api/meta/conditions.ts';
import { StalledError } from '../../runtime/controller.ts';

export const ObjectLevelWorkloadIdentity = 'ObjectLevelWorkloadIdentity';

/** What token requests for a named ServiceAccount fail with while the gate is off. */
export const objectLevelWorkloadIdentityDisabled = `${ObjectLevelWorkloadIdentity} feature gate is not enabled`;

/**
 * spec.decryption.serviceAccountName without the gate stalls the Kustomization before anything is
 * fetched, with upstream's reason and message; only a spec change (or a restart with the gate) helps.
 */
export function checkDecryptionServiceAccount(ks: Kustomization, gateEnabled: boolean): void {
  if (!ks.spec.decryption?.serviceAccountName || gateEnabled) return;
  throw new StalledError(
    FeatureGateDisabledReason,
    `to use spec.decryption.serviceAccountName for decryption authentication please enable the ${ObjectLevelWorkloadIdentity} feature gate in the controller`,
  );
}
