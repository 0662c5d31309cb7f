// Condition types and reasons shared by the Flux controllers (fluxcd/pkg apis/meta and each
// controller's api package). Controllers must use these names: kstatus, the flux CLI and users'
// alerting all match on them.

// --- Condition types -------------------------------------------------------------------------------

/** The object has been reconciled and its desired state is in effect. */
export const ReadyCondition = 'Ready';
/** Abnormal-true: present only while the controller is working on a change. */
export const ReconcilingCondition = 'Reconciling';
/** Abnormal-true: the controller gave up until the spec changes. */
export const StalledCondition = 'Stalled';
/** Kustomization: the applied objects passed their health checks. */
export const HealthyCondition = 'Healthy';

// Source kinds
export const ArtifactInStorageCondition = 'ArtifactInStorage';
export const ArtifactOutdatedCondition = 'ArtifactOutdated';
export const SourceVerifiedCondition = 'SourceVerified';
export const FetchFailedCondition = 'FetchFailed';
export const BuildFailedCondition = 'BuildFailed';
export const IncludeUnavailableCondition = 'IncludeUnavailable';
export const StorageOperationFailedCondition = 'StorageOperationFailed';

// HelmRelease
export const ReleasedCondition = 'Released';
export const TestSuccessCondition = 'TestSuccess';
export const RemediatedCondition = 'Remediated';
export const DriftedCondition = 'Drifted';

// --- Generic reasons (fluxcd/pkg apis/meta) --------------------------------------------------------

export const SucceededReason = 'Succeeded';
export const FailedReason = 'Failed';
export const ProgressingReason = 'Progressing';
export const ProgressingWithRetryReason = 'ProgressingWithRetry';
export const SuspendedReason = 'Suspended';
export const DependencyNotReadyReason = 'DependencyNotReady';
export const InvalidPathReason = 'InvalidPath';
export const InvalidURLReason = 'InvalidURL';
export const InsecureConnectionsDisallowedReason = 'InsecureConnectionsDisallowed';
export const UnsupportedConnectionTypeReason = 'UnsupportedConnectionType';
export const PruneFailedReason = 'PruneFailed';
export const ArtifactFailedReason = 'ArtifactFailed';
export const BuildFailedReason = 'BuildFailed';
export const HealthCheckFailedReason = 'HealthCheckFailed';
export const HealthCheckCanceledReason = 'HealthCheckCanceled';
export const ReconciliationSucceededReason = 'ReconciliationSucceeded';
export const ReconciliationFailedReason = 'ReconciliationFailed';
export const InvalidCELExpressionReason = 'InvalidCELExpression';
export const FeatureGateDisabledReason = 'FeatureGateDisabled';
/** Cross-namespace reference refused (`--no-cross-namespace-refs` or an ACL). */
export const AccessDeniedReason = 'AccessDenied';

// --- Source reasons (source-controller api/v1) ------------------------------------------------------

export const NewRevisionReason = 'NewRevision';
export const ArtifactUpToDateReason = 'ArtifactUpToDate';
export const GitOperationSucceededReason = 'GitOperationSucceeded';
export const GitOperationFailedReason = 'GitOperationFailed';
export const AuthenticationFailedReason = 'AuthenticationFailed';
export const URLInvalidReason = 'URLInvalid';
export const InvalidProviderConfigurationReason = 'InvalidProviderConfiguration';
export const InvalidSTSConfigurationReason = 'InvalidSTSConfiguration';
export const DirectoryCreationFailedReason = 'DirectoryCreationFailed';
export const StatOperationFailedReason = 'StatOperationFailed';
export const ReadOperationFailedReason = 'ReadOperationFailed';
export const AcquireLockFailedReason = 'AcquireLockFailed';
export const ArchiveOperationFailedReason = 'ArchiveOperationFailed';
export const SymlinkUpdateFailedReason = 'SymlinkUpdateFailed';
export const CacheOperationFailedReason = 'CacheOperationFailed';
export const PatchOperationFailedReason = 'PatchOperationFailed';
export const VerificationErrorReason = 'VerificationError';
export const OCIArtifactPullFailedReason = 'OCIArtifactPullFailed';
export const OCIArtifactLayerOperationFailedReason = 'OCIArtifactLayerOperationFailed';
export const IndexationFailedReason = 'IndexationFailed';
export const IndexationSucceededReason = 'IndexationSucceed';
export const ChartPullSucceededReason = 'ChartPullSucceeded';
export const ChartPackageSucceededReason = 'ChartPackageSucceeded';
export const InvalidChartReferenceReason = 'InvalidChartReference';
export const IllegalPathReason = 'IllegalPath';
export const BucketOperationSucceededReason = 'BucketOperationSucceeded';
export const BucketOperationFailedReason = 'BucketOperationFailed';

// --- HelmRelease reasons (helm-controller api/v2) ---------------------------------------------------

export const InstallSucceededReason = 'InstallSucceeded';
export const InstallFailedReason = 'InstallFailed';
export const UpgradeSucceededReason = 'UpgradeSucceeded';
export const UpgradeFailedReason = 'UpgradeFailed';
export const TestSucceededReason = 'TestSucceeded';
export const TestFailedReason = 'TestFailed';
export const RollbackSucceededReason = 'RollbackSucceeded';
export const RollbackFailedReason = 'RollbackFailed';
export const UninstallSucceededReason = 'UninstallSucceeded';
export const UninstallFailedReason = 'UninstallFailed';
export const DriftDetectedReason = 'DriftDetected';
export const NoDriftDetectedReason = 'NoDriftDetected';
export const RetriesExceededReason = 'RetriesExceeded';
export const MissingRollbackTargetReason = 'MissingRollbackTarget';
export const InventoryBuildFailedReason = 'InventoryBuildFailed';
export const InitFailedReason = 'InitFailed';
export const GetLastReleaseFailedReason = 'GetLastReleaseFailed';

// --- Notification reasons ---------------------------------------------------------------------------

export const TokenNotFoundReason = 'TokenNotFound';
export const ValidationFailedReason = 'ValidationFailed';
export const InitializedReason = 'Initialized';

// --- Image reasons ----------------------------------------------------------------------------------

export const ImageURLInvalidReason = 'ImageURLInvalid';
export const IntervalNotConfiguredReason = 'IntervalNotConfigured';
export const InvalidUpdateStrategyReason = 'InvalidUpdateStrategy';
export const InvalidSourceConfigurationReason = 'InvalidSourceConfiguration';
export const SourceManagerFailedReason = 'SourceManagerFailed';
export const UpdateFailedReason = 'UpdateFailed';
export const InvalidPolicySelectorReason = 'InvalidPolicySelector';
export const RemovedTemplateFieldReason = 'RemovedTemplateField';
