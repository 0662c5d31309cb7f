// Services and Deployments running the controllers in a cluster, one Deployment per controller as
// Flux ships them; each runs `tsflux controllers --only <name>` from the tsflux image.
import type { FluxComponent } from '../api/kind.ts';
import type { KubeObject } from '../kube/types.ts';
import { controllerSelector } from './components.ts';

/** Ports as Flux's Deployments name them; the Services below target them by name. */
const ports = {
  'http-prom': 8080,
  healthz: 9440,
  http: 9090,
  'http-webhook': 9292,
};

export interface WorkloadOptions {
  namespace: string;
  image: string;
  labels: Record<string, string>;
}

export function serviceManifests(components: FluxComponent[], opts: WorkloadOptions): KubeObject[] {
  const service = (name: string, app: FluxComponent, targetPort: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: opts.namespace, labels: { ...opts.labels, 'control-plane': 'controller' } },
    spec: { type: 'ClusterIP', selector: { app }, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort }] },
  });
  const services: KubeObject[] = [];
  // The artifact server: consumers download artifacts from http://source-controller.<ns>.svc/...
  if (components.includes('source-controller')) services.push(service('source-controller', 'source-controller', 'http'));
  if (components.includes('notification-controller')) {
    services.push(service('notification-controller', 'notification-controller', 'http'));
    services.push(service('webhook-receiver', 'notification-controller', 'http-webhook'));
  }
  return services;
}

/**
 * The flags of `tsflux controllers` each Deployment runs with: those Flux's manifests give its
 * controllers (events to notification-controller, every namespace, info JSON logs, leader election,
 * source-controller's artifact storage advertised through its Service), plus the listen addresses the
 * container ports and probes rely on.
 */
export function controllerArgs(component: FluxComponent, namespace: string): string[] {
  const args = ['controllers', '--only', controllerSelector(component)];
  // notification-controller is where events go; upstream gives it no --events-addr either.
  if (component !== 'notification-controller') args.push(`--events-addr=http://notification-controller.${namespace}.svc.cluster.local./`);
  args.push(
    '--watch-all-namespaces=true',
    '--log-level=info',
    '--log-encoding=json',
    '--enable-leader-election',
    `--metrics-addr=:${ports['http-prom']}`,
    `--health-addr=:${ports.healthz}`,
  );
  if (component === 'source-controller') {
    // $(RUNTIME_NAMESPACE) is expanded by the kubelet from the container's env.
    args.push('--storage-path=/data', `--storage-addr=:${ports.http}`, '--storage-adv-addr=source-controller.$(RUNTIME_NAMESPACE).svc.cluster.local.');
  }
  return args;
}

export function deploymentManifest(component: FluxComponent, opts: WorkloadOptions): KubeObject {
  const containerPorts = [
    { containerPort: ports['http-prom'], name: 'http-prom', protocol: 'TCP' },
    { containerPort: ports.healthz, name: 'healthz', protocol: 'TCP' },
  ];
  if (component === 'source-controller' || component === 'notification-controller') {
    containerPorts.unshift({ containerPort: ports.http, name: 'http', protocol: 'TCP' });
  }
  if (component === 'notification-controller') {
    containerPorts.push({ containerPort: ports['http-webhook'], name: 'http-webhook', protocol: 'TCP' });
  }
  const volumes = [{ name: 'temp', emptyDir: {} }];
  const volumeMounts = [{ name: 'temp', mountPath: '/tmp' }];
  if (component === 'source-controller' || component === 'image-reflector-controller') {
    volumes.push({ name: 'data', emptyDir: {} });
    volumeMounts.push({ name: 'data', mountPath: '/data' });
  }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: component,
      namespace: opts.namespace,
      labels: { ...opts.labels, 'app.kubernetes.io/component': component, 'control-plane': 'controller' },
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: component } },
      template: {
        metadata: { labels: { app: component }, annotations: { 'prometheus.io/port': '8080', 'prometheus.io/scrape': 'true' } },
        spec: {
          serviceAccountName: component,
          priorityClassName: 'system-cluster-critical',
          terminationGracePeriodSeconds: 10,
          securityContext: { fsGroup: 1337 },
          containers: [
            {
              name: 'manager',
              image: opts.image,
              imagePullPolicy: 'IfNotPresent',
              args: controllerArgs(component, opts.namespace),
              env: [
                { name: 'RUNTIME_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                { name: 'NODE_OPTIONS', value: '--max-old-space-size=768' },
              ],
              ports: containerPorts,
              livenessProbe: { httpGet: { path: '/healthz', port: 'healthz' } },
              readinessProbe: { httpGet: { path: '/readyz', port: 'healthz' } },
              resources: {
                limits: { cpu: '1000m', memory: '1Gi' },
                requests: { cpu: component === 'source-controller' ? '50m' : '100m', memory: '64Mi' },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                capabilities: { drop: ['ALL'] },
                seccompProfile: { type: 'RuntimeDefault' },
              },
              volumeMounts,
            },
          ],
          volumes,
        },
      },
    },
  };
}
