// Fully populated examples of every Flux kind, written from the upstream specs. Together, the examples
// of a kind set every field its schema declares (a unit test checks this), each one is typed with the
// kind's TypeScript type (so the compiler checks it) and valid for the apiserver (the e2e test creates
// them). Several examples per kind where CEL rules make fields mutually exclusive.
import type { KindDefinition } from '../../src/api/kind.ts';
import type { KubeObject } from '../../src/kube/types.ts';
import {
  AlertDefinition,
  BucketDefinition,
  ExternalArtifactDefinition,
  GitRepositoryDefinition,
  HelmChartDefinition,
  HelmReleaseDefinition,
  HelmRepositoryDefinition,
  ImagePolicyDefinition,
  ImageRepositoryDefinition,
  ImageUpdateAutomationDefinition,
  KustomizationDefinition,
  OCIRepositoryDefinition,
  ProviderDefinition,
  ReceiverDefinition,
} from '../../src/api/index.ts';
import type {
  Alert,
  Artifact,
  Bucket,
  Condition,
  ExternalArtifact,
  GitRepository,
  HelmChart,
  HelmRelease,
  HelmRepository,
  ImagePolicy,
  ImageRepository,
  ImageUpdateAutomation,
  Kustomization,
  OCIRepository,
  Provider,
  Receiver,
} from '../../src/api/index.ts';

export interface KindExamples {
  definition: KindDefinition;
  examples: KubeObject[];
}

const time = '2026-01-02T03:04:05Z';

const condition: Condition = {
  type: 'Ready',
  status: 'True',
  observedGeneration: 1,
  lastTransitionTime: time,
  reason: 'Succeeded',
  message: "stored artifact for revision 'main@sha1:0123456789abcdef0123456789abcdef01234567'",
};

const artifact: Artifact = {
  path: 'gitrepository/default/podinfo/0123456789abcdef.tar.gz',
  url: 'http://source-controller.flux-system.svc.cluster.local./gitrepository/default/podinfo/0123456789abcdef.tar.gz',
  revision: 'main@sha1:0123456789abcdef0123456789abcdef01234567',
  digest: 'sha256:2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6',
  lastUpdateTime: time,
  size: 1234,
  metadata: { 'org.opencontainers.image.revision': 'main@sha1:0123456789abcdef' },
};

const reconcileStatus = { observedGeneration: 1, conditions: [condition], lastHandledReconcileAt: '2026-01-02T03:00:00Z' };
const labels = { team: 'platform' };
const annotations = { 'example.com/owner': 'ops' };
const selector = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  namespace: 'apps',
  name: 'podinfo',
  annotationSelector: 'example.com/patch=true',
  labelSelector: 'app=podinfo',
};
const patch = { patch: '- op: replace\n  path: /spec/replicas\n  value: 2\n', target: selector };
const image = { name: 'podinfo', newName: 'ghcr.io/stefanprodan/podinfo', newTag: '6.7.0', digest: 'sha256:2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6' };
const healthCheckExpr = {
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  current: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True')",
  inProgress: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'Unknown')",
  failed: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'False')",
};
const inventory = { entries: [{ id: 'apps_podinfo_apps_Deployment', v: 'v1' }] };

function meta(name: string, namespace: string) {
  return { name, namespace, labels, annotations: { 'reconcile.fluxcd.io/requestedAt': '2026-01-02T03:00:00Z' } };
}

export function fluxExamples(namespace: string): KindExamples[] {
  const gitRepositories: GitRepository[] = [
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: meta('podinfo', namespace),
      spec: {
        url: 'https://github.com/stefanprodan/podinfo',
        secretRef: { name: 'git-auth' },
        provider: 'azure',
        serviceAccountName: 'git-reader',
        interval: '5m',
        timeout: '90s',
        ref: { branch: 'master', tag: '6.7.0', semver: '>=6.0.0', name: 'refs/heads/master', commit: '0123456789abcdef0123456789abcdef01234567' },
        verify: { mode: 'TagAndHEAD', secretRef: { name: 'pgp-keys' } },
        proxySecretRef: { name: 'proxy' },
        ignore: '/*\n!/kustomize\n',
        suspend: false,
        recurseSubmodules: true,
        include: [{ repository: { name: 'shared' }, fromPath: 'deploy', toPath: 'shared' }],
        sparseCheckout: ['kustomize/'],
      },
      status: {
        ...reconcileStatus,
        artifact,
        includedArtifacts: [artifact],
        observedIgnore: '/*\n!/kustomize\n',
        observedRecurseSubmodules: true,
        observedInclude: [{ repository: { name: 'shared' }, fromPath: 'deploy', toPath: 'shared' }],
        observedSparseCheckout: ['kustomize/'],
        sourceVerificationMode: 'TagAndHEAD',
      },
    },
  ];

  const ociRepositories: OCIRepository[] = [
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'OCIRepository',
      metadata: meta('podinfo-oci', namespace),
      spec: {
        url: 'oci://ghcr.io/stefanprodan/manifests/podinfo',
        ref: { digest: 'sha256:2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6', semver: '6.x', semverFilter: '.*-rc.*', tag: 'latest' },
        layerSelector: { mediaType: 'application/vnd.cncf.flux.content.v1.tar+gzip', operation: 'copy' },
        provider: 'aws',
        secretRef: { name: 'regcred' },
        verify: {
          provider: 'cosign',
          secretRef: { name: 'cosign-pub' },
          matchOIDCIdentity: [{ issuer: '^https://token.actions.githubusercontent.com$', subject: '^https://github.com/stefanprodan/podinfo.*$' }],
          trustedRootSecretRef: { name: 'sigstore-root' },
        },
        serviceAccountName: 'puller',
        certSecretRef: { name: 'registry-tls' },
        proxySecretRef: { name: 'proxy' },
        interval: '10m',
        timeout: '2m',
        ignore: '*.md',
        insecure: false,
        suspend: false,
      },
      status: {
        ...reconcileStatus,
        url: 'http://source-controller/ocirepository/x/latest.tar.gz',
        artifact,
        observedIgnore: '*.md',
        observedLayerSelector: { mediaType: 'application/vnd.cncf.flux.content.v1.tar+gzip', operation: 'copy' },
      },
    },
  ];

  const helmRepositories: HelmRepository[] = [
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'HelmRepository',
      metadata: meta('podinfo-charts', namespace),
      spec: {
        url: 'https://stefanprodan.github.io/podinfo',
        secretRef: { name: 'helm-auth' },
        certSecretRef: { name: 'helm-tls' },
        passCredentials: true,
        interval: '1h',
        insecure: false,
        timeout: '3m',
        suspend: false,
        accessFrom: { namespaceSelectors: [{ matchLabels: { 'kubernetes.io/metadata.name': 'apps' } }] },
        type: 'default',
        provider: 'generic',
      },
      status: { ...reconcileStatus, url: 'http://source-controller/helmrepository/x/index.yaml', artifact },
    },
  ];

  const helmCharts: HelmChart[] = [
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'HelmChart',
      metadata: meta('podinfo-chart', namespace),
      spec: {
        chart: 'podinfo',
        version: '6.x',
        sourceRef: { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'HelmRepository', name: 'podinfo-charts' },
        interval: '10m',
        reconcileStrategy: 'Revision',
        valuesFiles: ['values.yaml', 'values-prod.yaml'],
        ignoreMissingValuesFiles: true,
        suspend: false,
        verify: {
          provider: 'cosign',
          secretRef: { name: 'cosign-pub' },
          matchOIDCIdentity: [{ issuer: '^https://token.actions.githubusercontent.com$', subject: '^https://github.com/stefanprodan/.*$' }],
        },
      },
      status: {
        ...reconcileStatus,
        observedSourceArtifactRevision: 'sha256:abc',
        observedChartName: 'podinfo',
        observedValuesFiles: ['values.yaml'],
        url: 'http://source-controller/helmchart/x/podinfo-latest.tgz',
        artifact,
      },
    },
  ];

  const bucketStatus = { ...reconcileStatus, url: 'http://source-controller/bucket/x/latest.tar.gz', artifact, observedIgnore: '*.md' };
  const buckets: Bucket[] = [
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'Bucket',
      metadata: meta('minio', namespace),
      spec: {
        provider: 'generic',
        bucketName: 'manifests',
        endpoint: 'minio.minio.svc:9000',
        sts: { provider: 'ldap', endpoint: 'https://minio.example.com', secretRef: { name: 'ldap-creds' }, certSecretRef: { name: 'ldap-tls' } },
        insecure: true,
        region: 'us-east-1',
        prefix: 'apps/',
        secretRef: { name: 'minio-creds' },
        certSecretRef: { name: 'minio-tls' },
        proxySecretRef: { name: 'proxy' },
        interval: '5m',
        timeout: '30s',
        ignore: '*.md',
        suspend: false,
      },
      status: bucketStatus,
    },
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'Bucket',
      metadata: meta('s3', namespace),
      spec: {
        provider: 'aws',
        bucketName: 'manifests',
        endpoint: 's3.amazonaws.com',
        sts: { provider: 'aws', endpoint: 'https://sts.amazonaws.com' },
        region: 'eu-west-1',
        serviceAccountName: 's3-reader',
        interval: '5m',
        timeout: '60s',
      },
      status: bucketStatus,
    },
  ];

  const externalArtifacts: ExternalArtifact[] = [
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'ExternalArtifact',
      metadata: meta('app-artifact', namespace),
      spec: { sourceRef: { apiVersion: 'source.extensions.fluxcd.io/v1beta1', kind: 'ArtifactGenerator', name: 'monorepo', namespace } },
      status: { artifact, conditions: [condition] },
    },
  ];

  const kustomizationStatus = {
    ...reconcileStatus,
    lastAppliedRevision: 'main@sha1:0123456789abcdef0123456789abcdef01234567',
    lastAppliedOriginRevision: 'main@sha1:0123456789abcdef',
    lastAttemptedRevision: 'main@sha1:0123456789abcdef0123456789abcdef01234567',
    inventory,
    history: [
      {
        digest: 'sha256:2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6',
        firstReconciled: time,
        lastReconciled: time,
        lastReconciledDuration: '2.5s',
        lastReconciledStatus: 'ReconciliationSucceeded',
        totalReconciliations: 3,
        metadata: { revision: 'main@sha1:0123456789abcdef' },
      },
    ],
  };
  const kustomizations: Kustomization[] = [
    {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: meta('apps', namespace),
      spec: {
        commonMetadata: { labels, annotations },
        dependsOn: [{ name: 'infra', namespace, readyExpr: 'dep.status.conditions.all(c, c.type == "Ready")' }],
        decryption: { provider: 'sops', serviceAccountName: 'sops', secretRef: { name: 'sops-age' } },
        interval: '10m',
        retryInterval: '2m',
        kubeConfig: { secretRef: { name: 'remote-kubeconfig', key: 'value.yaml' }, configMapRef: { name: 'remote-cluster' } },
        path: './kustomize',
        postBuild: {
          substitute: { cluster_env: 'prod' },
          substituteFrom: [{ kind: 'ConfigMap', name: 'cluster-vars', optional: true }],
          substituteStrategy: 'Always',
        },
        prune: true,
        deletionPolicy: 'WaitForTermination',
        healthChecks: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo', namespace: 'apps' }],
        namePrefix: 'prod-',
        nameSuffix: '-v1',
        patches: [patch],
        images: [image],
        serviceAccountName: 'reconciler',
        sourceRef: { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', name: 'podinfo', namespace },
        suspend: false,
        targetNamespace: 'apps',
        timeout: '3m',
        force: true,
        wait: true,
        components: ['../components/ingress'],
        ignoreMissingComponents: true,
        healthCheckExprs: [healthCheckExpr],
        buildMetadata: ['originAnnotations', 'transformerAnnotations'],
        ignore: [{ paths: ['/spec/replicas'], target: selector }],
      },
      status: kustomizationStatus,
    },
  ];

  const releaseAction = {
    timeout: '10m',
    disableTakeOwnership: true,
    disableWait: true,
    disableWaitForJobs: true,
    disableHooks: true,
    disableOpenAPIValidation: true,
    disableSchemaValidation: true,
  };
  const helmReleaseStatus = {
    ...reconcileStatus,
    observedPostRenderersDigest: 'sha256:abc',
    observedCommonMetadataDigest: 'sha256:def',
    lastAttemptedGeneration: 1,
    helmChart: `${namespace}/${namespace}-podinfo`,
    storageNamespace: 'apps',
    history: [
      {
        apiVersion: 'helm.toolkit.fluxcd.io/v2',
        digest: 'sha256:2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6',
        name: 'podinfo',
        namespace: 'apps',
        version: 2,
        status: 'deployed',
        action: 'upgrade',
        chartName: 'podinfo',
        chartVersion: '6.7.0',
        appVersion: '6.7.0',
        configDigest: 'sha256:2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6',
        firstDeployed: time,
        lastDeployed: time,
        deleted: time,
        testHooks: { 'podinfo-grpc-test': { lastStarted: time, lastCompleted: time, phase: 'Succeeded' } },
        ociDigest: 'sha256:2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6',
      },
    ],
    inventory,
    lastAttemptedReleaseAction: 'upgrade' as const,
    lastAttemptedReleaseActionDuration: '12s',
    failures: 0,
    installFailures: 0,
    upgradeFailures: 1,
    lastAttemptedRevision: '6.7.0',
    lastAttemptedRevisionDigest: 'sha256:2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6',
    lastAttemptedValuesChecksum: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    lastReleaseRevision: 2,
    lastAttemptedConfigDigest: 'sha256:abc',
    lastHandledForceAt: '2026-01-02T03:00:00Z',
    lastHandledResetAt: '2026-01-02T03:00:00Z',
  };
  const helmReleases: HelmRelease[] = [
    {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: meta('podinfo', namespace),
      spec: {
        chart: {
          metadata: { labels, annotations },
          spec: {
            chart: 'podinfo',
            version: '6.x',
            sourceRef: { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'HelmRepository', name: 'podinfo-charts', namespace },
            interval: '30m',
            reconcileStrategy: 'ChartVersion',
            valuesFiles: ['values.yaml'],
            ignoreMissingValuesFiles: true,
            verify: { provider: 'cosign', secretRef: { name: 'cosign-pub' } },
          },
        },
        interval: '10m',
        kubeConfig: { secretRef: { name: 'remote-kubeconfig', key: 'value' }, configMapRef: { name: 'remote-cluster' } },
        suspend: false,
        releaseName: 'podinfo',
        targetNamespace: 'apps',
        storageNamespace: 'apps',
        dependsOn: [{ name: 'cert-manager', namespace, readyExpr: 'dep.status.observedGeneration == dep.metadata.generation' }],
        timeout: '5m',
        maxHistory: 10,
        serviceAccountName: 'helm-reconciler',
        persistentClient: false,
        driftDetection: { mode: 'warn', ignore: [{ paths: ['/spec/replicas'], target: selector }] },
        install: {
          ...releaseAction,
          strategy: { name: 'RetryOnFailure', retryInterval: '2m' },
          remediation: { retries: 3, ignoreTestFailures: true, remediateLastFailure: true },
          replace: true,
          skipCRDs: false,
          crds: 'CreateReplace',
          createNamespace: true,
          serverSideApply: true,
        },
        upgrade: {
          ...releaseAction,
          strategy: { name: 'RetryOnFailure', retryInterval: '1m' },
          remediation: { retries: -1, ignoreTestFailures: false, remediateLastFailure: false, strategy: 'uninstall' },
          force: true,
          preserveValues: true,
          cleanupOnFail: true,
          crds: 'Skip',
          serverSideApply: 'auto',
          chartNameChangeStrategy: 'InPlaceUpdate',
        },
        test: { enable: true, timeout: '2m', ignoreFailures: true, filters: [{ name: 'podinfo-grpc-test', exclude: true }] },
        rollback: {
          timeout: '5m',
          disableWait: true,
          disableWaitForJobs: true,
          disableHooks: true,
          recreate: true,
          force: true,
          cleanupOnFail: true,
          serverSideApply: 'enabled',
        },
        uninstall: { timeout: '5m', disableHooks: true, keepHistory: true, disableWait: true, deletionPropagation: 'foreground' },
        valuesFrom: [{ kind: 'ConfigMap', name: 'podinfo-values', valuesKey: 'values.yaml', targetPath: 'ui.message', optional: true, literal: true }],
        values: { replicaCount: 2, ui: { color: '#34577c' }, tags: ['a', 'b'] },
        postRenderers: [{ kustomize: { patches: [patch], images: [image] } }],
        postRenderStrategy: 'separate',
        commonMetadata: { labels, annotations },
        waitStrategy: { name: 'poller' },
        healthCheckExprs: [healthCheckExpr],
      },
      status: helmReleaseStatus,
    },
    {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: meta('podinfo-oci', namespace),
      spec: {
        chartRef: { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'OCIRepository', name: 'podinfo-oci', namespace },
        interval: '10m',
        values: 'a free-form scalar is valid JSON too',
      },
      status: helmReleaseStatus,
    },
  ];

  const providers: Provider[] = [
    {
      apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
      kind: 'Provider',
      metadata: meta('github-status', namespace),
      spec: {
        type: 'github',
        interval: '10m',
        channel: 'general',
        username: 'flux',
        address: 'https://github.com/stefanprodan/podinfo',
        timeout: '15s',
        proxy: 'http://proxy.example.com:3128',
        proxySecretRef: { name: 'proxy' },
        secretRef: { name: 'github-token' },
        serviceAccountName: 'notifier',
        certSecretRef: { name: 'github-tls' },
        suspend: false,
        commitStatusExpr: "(event.involvedObject.kind + '/' + event.involvedObject.name + '/' + provider.metadata.uid.split('-').first().value()).lowerAscii()",
      },
    },
  ];

  const alerts: Alert[] = [
    {
      apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
      kind: 'Alert',
      metadata: meta('on-call', namespace),
      spec: {
        providerRef: { name: 'github-status' },
        eventSeverity: 'error',
        eventSources: [
          { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', name: '*', namespace, matchLabels: { team: 'platform' } },
          { kind: 'HelmRelease', name: 'podinfo' },
        ],
        inclusionList: ['.*succeeded.*'],
        eventMetadata: { cluster: 'prod-eu', env: 'prod' },
        exclusionList: ['.*no changes.*'],
        summary: 'prod cluster',
        suspend: false,
      },
    },
  ];

  const receiverStatus = { ...reconcileStatus, webhookPath: '/hook/2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6' };
  const receivers: Receiver[] = [
    {
      apiVersion: 'notification.toolkit.fluxcd.io/v1',
      kind: 'Receiver',
      metadata: meta('github-push', namespace),
      spec: {
        type: 'github',
        interval: '1h',
        events: ['ping', 'push'],
        resources: [
          { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', name: '*', namespace, matchLabels: { repo: 'podinfo' }, filter: "res.metadata.name != 'skip'" },
        ],
        resourceFilter: 'req.ref == "refs/heads/main"',
        secretRef: { name: 'webhook-token' },
        suspend: false,
      },
      status: receiverStatus,
    },
    {
      apiVersion: 'notification.toolkit.fluxcd.io/v1',
      kind: 'Receiver',
      metadata: meta('ci-oidc', namespace),
      spec: {
        type: 'generic-oidc',
        interval: '10m',
        resources: [{ kind: 'OCIRepository', name: 'podinfo-oci' }],
        oidcProviders: [
          {
            issuerURL: 'https://token.actions.githubusercontent.com',
            audience: 'flux',
            variables: [{ name: 'owner', expression: 'claims.repository_owner' }],
            validations: [{ expression: "vars.owner == 'stefanprodan'", message: 'only stefanprodan repositories' }],
          },
        ],
      },
      status: receiverStatus,
    },
  ];

  const imageRepositories: ImageRepository[] = [
    {
      apiVersion: 'image.toolkit.fluxcd.io/v1',
      kind: 'ImageRepository',
      metadata: meta('podinfo', namespace),
      spec: {
        image: 'ghcr.io/stefanprodan/podinfo',
        interval: '5m',
        timeout: '1m',
        secretRef: { name: 'regcred' },
        proxySecretRef: { name: 'proxy' },
        serviceAccountName: 'puller',
        certSecretRef: { name: 'registry-tls' },
        suspend: false,
        accessFrom: { namespaceSelectors: [{ matchLabels: { team: 'platform' } }] },
        exclusionList: ['^.*\\.sig$', '^sha256-.*'],
        provider: 'gcp',
        insecure: false,
      },
      status: {
        ...reconcileStatus,
        canonicalImageName: 'ghcr.io/stefanprodan/podinfo',
        lastScanResult: { revision: 'sha256:abc', tagCount: 42, scanTime: time, latestTags: ['6.7.0', '6.6.0'] },
        observedExclusionList: ['^.*\\.sig$'],
      },
    },
  ];

  const imageRef = { name: 'ghcr.io/stefanprodan/podinfo', tag: '6.7.0', digest: 'sha256:2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6' };
  const imagePolicyStatus = { ...reconcileStatus, latestRef: imageRef, observedPreviousRef: { ...imageRef, tag: '6.6.0' } };
  const imagePolicies: ImagePolicy[] = [
    {
      apiVersion: 'image.toolkit.fluxcd.io/v1',
      kind: 'ImagePolicy',
      metadata: meta('podinfo-semver', namespace),
      spec: {
        imageRepositoryRef: { name: 'podinfo', namespace },
        policy: { semver: { range: '>=6.0.0' } },
        filterTags: { pattern: '^v(?P<version>.*)$', extract: '$version' },
        digestReflectionPolicy: 'Always',
        interval: '10m',
        suspend: false,
      },
      status: imagePolicyStatus,
    },
    {
      apiVersion: 'image.toolkit.fluxcd.io/v1',
      kind: 'ImagePolicy',
      metadata: meta('podinfo-order', namespace),
      spec: {
        imageRepositoryRef: { name: 'podinfo' },
        policy: { alphabetical: { order: 'desc' }, numerical: { order: 'asc' } },
        digestReflectionPolicy: 'IfNotPresent',
      },
      status: imagePolicyStatus,
    },
  ];

  const imageUpdateAutomations: ImageUpdateAutomation[] = [
    {
      apiVersion: 'image.toolkit.fluxcd.io/v1',
      kind: 'ImageUpdateAutomation',
      metadata: meta('podinfo', namespace),
      spec: {
        sourceRef: { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', name: 'podinfo', namespace },
        git: {
          checkout: { ref: { branch: 'main', tag: 'v1', semver: '1.x', name: 'refs/heads/main', commit: '0123456789abcdef0123456789abcdef01234567' } },
          commit: {
            author: { name: 'fluxcdbot', email: 'fluxcdbot@users.noreply.github.com' },
            signingKey: { secretRef: { name: 'signing-key' }, type: 'ssh' },
            messageTemplate: 'Automated image update by {{ .AutomationObject }}',
            messageTemplateValues: { env: 'prod' },
          },
          push: { branch: 'image-updates', refspec: 'refs/heads/image-updates:refs/heads/main', options: { 'merge_request.create': '' } },
        },
        interval: '30m',
        policySelector: {
          matchLabels: { app: 'podinfo' },
          matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend'] }],
        },
        update: { strategy: 'Setters', path: './clusters/prod' },
        suspend: false,
      },
      status: {
        ...reconcileStatus,
        lastAutomationRunTime: time,
        lastPushCommit: '0123456789abcdef0123456789abcdef01234567',
        lastPushTime: time,
        observedPolicies: { 'podinfo-semver': imageRef },
        observedSourceRevision: 'main@sha1:0123456789abcdef0123456789abcdef01234567',
      },
    },
  ];

  return [
    { definition: GitRepositoryDefinition, examples: gitRepositories },
    { definition: OCIRepositoryDefinition, examples: ociRepositories },
    { definition: HelmRepositoryDefinition, examples: helmRepositories },
    { definition: HelmChartDefinition, examples: helmCharts },
    { definition: BucketDefinition, examples: buckets },
    { definition: ExternalArtifactDefinition, examples: externalArtifacts },
    { definition: KustomizationDefinition, examples: kustomizations },
    { definition: HelmReleaseDefinition, examples: helmReleases },
    { definition: ProviderDefinition, examples: providers },
    { definition: AlertDefinition, examples: alerts },
    { definition: ReceiverDefinition, examples: receivers },
    { definition: ImageRepositoryDefinition, examples: imageRepositories },
    { definition: ImagePolicyDefinition, examples: imagePolicies },
    { definition: ImageUpdateAutomationDefinition, examples: imageUpdateAutomations },
  ];
}
