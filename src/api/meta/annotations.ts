// Annotation and label keys that carry meaning between users, the flux CLI and the controllers.

/** Set by `flux reconcile`: reconcile now if the token differs from status.lastHandledReconcileAt. */
export const ReconcileRequestAnnotation = 'reconcile.fluxcd.io/requestedAt';
/** HelmRelease: one-off forced install/upgrade (token must equal requestedAt). */
export const ForceRequestAnnotation = 'reconcile.fluxcd.io/forceAt';
/** HelmRelease: reset failure counters (token must equal requestedAt). */
export const ResetRequestAnnotation = 'reconcile.fluxcd.io/resetAt';
/** Label on Secrets/ConfigMaps whose changes trigger reconciliation of the objects referencing them. */
export const WatchLabel = 'reconcile.fluxcd.io/watch';
export const WatchLabelEnabledValue = 'Enabled';
/** Label selecting the controller shard responsible for an object. */
export const ShardingKeyLabel = 'sharding.fluxcd.io/key';

/** Finalizer put on every reconciled Flux object. */
export const FluxFinalizer = 'finalizers.fluxcd.io';

// kustomize-controller
export const KustomizeGroup = 'kustomize.toolkit.fluxcd.io';
/** Label or annotation: never apply nor prune this object (value `disabled`). */
export const KustomizeReconcileAnnotation = `${KustomizeGroup}/reconcile`;
/** Apply policy: Override (default) | Merge | IfNotPresent | Ignore. */
export const KustomizeSSAAnnotation = `${KustomizeGroup}/ssa`;
/** `Enabled`: recreate the object when an immutable field changes. */
export const KustomizeForceAnnotation = `${KustomizeGroup}/force`;
/** `Disabled`: leave the object in place when it leaves the source. */
export const KustomizePruneAnnotation = `${KustomizeGroup}/prune`;
/** `disabled`: skip postBuild variable substitution. */
export const KustomizeSubstituteAnnotation = `${KustomizeGroup}/substitute`;
/** `Disabled` on a Secret: skip SOPS decryption. */
export const KustomizeDecryptAnnotation = `${KustomizeGroup}/decrypt`;
/** Owner labels stamped on every object a Kustomization applies. */
export const KustomizeNameLabel = `${KustomizeGroup}/name`;
export const KustomizeNamespaceLabel = `${KustomizeGroup}/namespace`;

export const EnabledValue = 'Enabled';
export const DisabledValue = 'Disabled';
export const DisabledLowercaseValue = 'disabled';
export const SSAOverrideValue = 'Override';
export const SSAMergeValue = 'Merge';
export const SSAIfNotPresentValue = 'IfNotPresent';
export const SSAIgnoreValue = 'Ignore';

// helm-controller
export const HelmGroup = 'helm.toolkit.fluxcd.io';
/** Origin labels stamped (via post-render) on every object a HelmRelease renders. */
export const HelmNameLabel = `${HelmGroup}/name`;
export const HelmNamespaceLabel = `${HelmGroup}/namespace`;
/** `disabled`: exclude the object from drift detection. */
export const HelmDriftDetectionAnnotation = `${HelmGroup}/driftDetection`;
/** Event metadata keys set by helm-controller. */
export const HelmRevisionAnnotation = `${HelmGroup}/revision`;
export const HelmAppVersionAnnotation = `${HelmGroup}/app-version`;
export const HelmOCIDigestAnnotation = `${HelmGroup}/oci-digest`;

// notification
/** Prefix of object annotations copied into event metadata. */
export const EventMetadataAnnotationPrefix = 'event.toolkit.fluxcd.io/';
export const ChangeRequestAnnotation = 'event.toolkit.fluxcd.io/change_request';

/** Field manager whose edits kustomize-controller leaves alone. */
export const FluxClientSideApplyManager = 'flux-client-side-apply';
