// `tsflux controllers`: runs the Flux controllers in one process, with the flags of Flux's controller
// Deployments (metrics and health addresses, leader election, events address, concurrency, sharding).
// Every line it writes is a JSON log line, so it can run as a Deployment behind any log pipeline.
import { Command, InvalidArgumentError, Option } from 'commander';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { parseGoDuration } from '../../runtime/duration.ts';
import { kustomizeControllerBundle } from '../../controllers/kustomize/index.ts';
import { ObjectLevelWorkloadIdentity } from '../../controllers/kustomize/workload-identity.ts';
import { sourceControllerBundle } from '../../controllers/source/index.ts';
import { ignoredGates, parseFeatureGates } from './feature-gates.ts';
import { addSourceStorageOptions } from './source-storage-flags.ts';
import { KubeClient } from '../../kube/index.ts';
import { Logger, parseLogLevel, type LogLevel } from '../../runtime/logger.ts';
import { Manager } from '../../runtime/manager.ts';
import { RuntimeMetrics } from '../../runtime/metrics.ts';
import { startProbeServers } from '../../runtime/probes-server.ts';
import { defaultControllerOptions, fluxControllerNames, selectBundles, type ControllerBundle, type ControllerOptions } from '../../runtime/registry.ts';

/** The controllers this build can run: each controller folder adds its bundle here. */
export const availableBundles: ControllerBundle[] = [sourceControllerBundle(), kustomizeControllerBundle()];

export interface ControllersOptions {
  only: string[];
  metricsAddr: string;
  healthAddr: string;
  enableLeaderElection: boolean;
  leaderElectionLeaseDuration: number;
  leaderElectionRenewDeadline: number;
  leaderElectionRetryPeriod: number;
  leaderElectionReleaseOnCancel: boolean;
  eventsAddr: string;
  concurrent?: number;
  watchLabelSelector: string;
  watchAllNamespaces: boolean;
  kubeApiQps: number;
  kubeApiBurst: number;
  minRetryDelay: number;
  maxRetryDelay: number;
  intervalJitterPercentage: number;
  watchConfigsLabelSelector: string;
  /** Inverted by commander's `--no-` prefix: false when --no-cross-namespace-refs is set. */
  crossNamespaceRefs: boolean;
  /** Inverted likewise: false when --no-remote-bases is set (builds then refuse remote bases). */
  remoteBases: boolean;
  requeueDependency: number;
  defaultServiceAccount: string;
  defaultKubeconfigServiceAccount: string;
  featureGates: Record<string, boolean>;
  logLevel: LogLevel;
  logEncoding: string;
  kubeconfig?: string;
  context?: string;
  namespace: string;
}

/** A Go-duration flag, parsed to milliseconds; the default is shown as Flux documents it. */
function durationOption(flag: string, description: string, defaultValue: string): Option {
  return new Option(`${flag} <duration>`, description)
    .argParser((value: string) => {
      try {
        return parseGoDuration(value);
      } catch {
        throw new InvalidArgumentError(`${flag} wants a Go duration such as 30s or 1m, got "${value}"`);
      }
    })
    .default(parseGoDuration(defaultValue), defaultValue);
}
const positiveInt = (flag: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${flag} wants a positive integer, got "${value}"`);
  return n;
};
const percentage = (value: string) => {
  const n = Number(value);
  if (!(n >= 0 && n < 100)) throw new InvalidArgumentError(`--interval-jitter-percentage wants a number in [0, 100), got "${value}"`);
  return n;
};
// Go's flag package accepts `--flag=false`; commander's optional value gives the same spelling.
const goBool = (value: string | undefined) => {
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  throw new InvalidArgumentError(`want true or false, got "${value}"`);
};

export function registerControllersCommands(program: Command, bundles: readonly ControllerBundle[] = availableBundles): void {
  const available = bundles.length > 0 ? bundles.map((b) => b.name).join(', ') : 'none yet';
  const command = program
    .command('controllers')
    .description(`run Flux controllers in this process (available: ${available}; Flux has ${fluxControllerNames.join(', ')})`)
    .option('--only <names>', 'comma-separated controllers to run (default: every available one)', (v) => v.split(',').map((s) => s.trim()).filter(Boolean), [])
    .option('--metrics-addr <addr>', 'address the /metrics endpoint binds to', ':8080')
    .option('--health-addr <addr>', 'address the /healthz and /readyz endpoints bind to', ':9440')
    .option('--enable-leader-election [bool]', 'elect a leader on a Lease so only one replica reconciles', goBool, false)
    .addOption(durationOption('--leader-election-lease-duration', 'how long a lease lasts without renewal', '35s'))
    .addOption(durationOption('--leader-election-renew-deadline', 'how long the leader retries renewing before giving up', '30s'))
    .addOption(durationOption('--leader-election-retry-period', 'how often to try to acquire or renew the lease', '5s'))
    .option('--leader-election-release-on-cancel [bool]', 'release the lease on graceful shutdown', goBool, true)
    .option('--events-addr <url>', 'notification-controller address events are POSTed to', '')
    .option('--concurrent <n>', 'workers per controller (default: Flux\'s per controller)', positiveInt('--concurrent'))
    .option('--watch-label-selector <selector>', 'only reconcile objects matching this label selector (sharding)', '')
    .option('--watch-all-namespaces [bool]', 'watch every namespace (false: only the runtime namespace)', goBool, true)
    .option('--kube-api-qps <n>', 'client-side requests per second to the apiserver', positiveInt('--kube-api-qps'), 50)
    .option('--kube-api-burst <n>', 'client-side request burst to the apiserver', positiveInt('--kube-api-burst'), 300)
    .addOption(durationOption('--min-retry-delay', 'first retry delay after a failed reconcile', '750ms'))
    .addOption(durationOption('--max-retry-delay', 'longest retry delay after repeated failures', '15m'))
    .option('--interval-jitter-percentage <n>', 'spread interval requeues by ± this percentage', percentage, 5)
    .option('--watch-configs-label-selector <selector>', 'Secrets/ConfigMaps with these labels trigger reconciles of the objects using them', defaultControllerOptions.watchConfigsLabelSelector)
    // commander reads `--no-x` as the negation of `x`: the parser returns the value of `x`.
    .addOption(new Option('--no-cross-namespace-refs [bool]', 'refuse references to objects in other namespaces').argParser((v) => !goBool(v)).default(true, 'false'))
    .addOption(new Option('--no-remote-bases [bool]', 'refuse remote kustomize bases (git repositories, http(s) files); by default builds fetch them').argParser((v) => !goBool(v)).default(true, 'false'))
    .addOption(durationOption('--requeue-dependency', 'how often to re-check dependencies that are not ready', '30s'))
    .option('--default-service-account <name>', 'service account to impersonate when an object names none', '')
    .option('--default-kubeconfig-service-account <name>', 'service account authenticating to a kubeConfig.configMapRef cluster when its ConfigMap names none (needs ObjectLevelWorkloadIdentity)', '')
    .option('--feature-gates <gates>', 'comma-separated Name=bool pairs, e.g. ObjectLevelWorkloadIdentity=true', (v, prev: Record<string, boolean>) => parseFeatureGates(v, prev), {})
    .option('--log-level <level>', 'trace, debug, info or error', parseLogLevel, 'info' as LogLevel)
    .option('--log-encoding <encoding>', 'json (the only encoding: every line is a JSON object)', 'json')
    .action(async (_opts: unknown, command: Command) => {
      process.exitCode = await runControllers(command.optsWithGlobals<ControllersOptions>(), bundles);
    });
  addSourceStorageOptions(command);
}

/** What every controller bundle is told, from the parsed flags. */
export function controllerOptionsOf(opts: ControllersOptions, runtimeNamespace: string): ControllerOptions {
  return {
    runtimeNamespace,
    watchConfigsLabelSelector: opts.watchConfigsLabelSelector,
    noCrossNamespaceRefs: !opts.crossNamespaceRefs,
    noRemoteBases: !opts.remoteBases,
    requeueDependencyMs: opts.requeueDependency,
    defaultServiceAccount: opts.defaultServiceAccount,
    defaultKubeConfigServiceAccount: opts.defaultKubeconfigServiceAccount,
    featureGates: opts.featureGates,
  };
}

/** Runs until SIGTERM/SIGINT; returns the process exit code. */
export async function runControllers(opts: ControllersOptions, bundles: readonly ControllerBundle[]): Promise<number> {
  const logger = new Logger({ level: opts.logLevel });
  if (opts.logEncoding !== 'json') {
    logger.error('unsupported --log-encoding', undefined, { encoding: opts.logEncoding, supported: ['json'] });
    return 2;
  }
  // As upstream: a lockdown default for object-level identities is meaningless without the gate.
  if (opts.defaultKubeconfigServiceAccount && !opts.featureGates[ObjectLevelWorkloadIdentity]) {
    logger.error(`invalid configuration: --default-kubeconfig-service-account requires --feature-gates=${ObjectLevelWorkloadIdentity}=true`);
    return 2;
  }
  for (const gate of ignoredGates(opts.featureGates)) {
    logger.info('feature gate accepted but not configurable in tsflux: its behaviour is built in', { gate, value: opts.featureGates[gate] });
  }
  let selected: ControllerBundle[];
  try {
    selected = selectBundles(bundles, opts.only);
  } catch (error) {
    logger.error('cannot start controllers', error, { available: bundles.map((b) => b.name), requested: opts.only });
    return 2;
  }
  const runtimeNamespace = process.env.RUNTIME_NAMESPACE || opts.namespace;
  const client = await KubeClient.fromKubeconfig({ path: opts.kubeconfig, context: opts.context, qps: opts.kubeApiQps, burst: opts.kubeApiBurst });
  const metrics = new RuntimeMetrics();
  const leaseName = selected.length === 1 ? `${selected[0]!.component}-leader-election` : 'tsflux-controllers-leader-election';
  const manager = new Manager({
    client,
    logger,
    metrics,
    namespace: opts.watchAllNamespaces ? undefined : runtimeNamespace,
    labelSelector: opts.watchLabelSelector || undefined,
    eventsAddr: opts.eventsAddr || undefined,
    instance: hostname(),
    retry: { baseDelayMs: opts.minRetryDelay, maxDelayMs: opts.maxRetryDelay },
    intervalJitterPercent: opts.intervalJitterPercentage,
    leaderElection: opts.enableLeaderElection
      ? {
          name: leaseName,
          namespace: runtimeNamespace,
          identity: `${hostname()}_${randomUUID()}`,
          leaseDurationMs: opts.leaderElectionLeaseDuration,
          renewDeadlineMs: opts.leaderElectionRenewDeadline,
          retryPeriodMs: opts.leaderElectionRetryPeriod,
          releaseOnCancel: opts.leaderElectionReleaseOnCancel,
        }
      : undefined,
  });
  const controllerOptions = controllerOptionsOf(opts, runtimeNamespace);
  const started: { stop(): Promise<void> }[] = [];
  try {
    for (const bundle of selected) if (bundle.start) started.push(await bundle.start(opts as unknown as Record<string, unknown>));
  } catch (error) {
    logger.error('cannot start controllers', error);
    for (const s of started) await s.stop();
    await client.close();
    return 1;
  }
  for (const bundle of selected) {
    for (const definition of bundle.controllers(controllerOptions)) {
      manager.add(definition, { fieldManager: bundle.component, concurrent: opts.concurrent ?? bundle.defaultConcurrent });
    }
  }
  logger.info('starting controllers', {
    controllers: selected.map((b) => b.component),
    available: bundles.map((b) => b.name),
    namespace: opts.watchAllNamespaces ? '' : runtimeNamespace,
    leaderElection: opts.enableLeaderElection,
  });

  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) {
      logger.error('second signal received, exiting without waiting', undefined, { signal });
      process.exit(1);
    }
    logger.info('shutdown signal received, stopping gracefully', { signal });
    stop.abort();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  let servers: Awaited<ReturnType<typeof startProbeServers>> | undefined;
  try {
    servers = await startProbeServers({
      metricsAddr: opts.metricsAddr || undefined,
      healthAddr: opts.healthAddr || undefined,
      metrics,
      isHealthy: () => manager.healthy,
      isReady: () => manager.ready,
      logger,
    });
    await manager.run(stop.signal);
    logger.info('controllers stopped');
    return 0;
  } catch (error) {
    logger.error('controllers failed', error);
    return 1;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    for (const s of started) await s.stop();
    await servers?.close();
    await client.close();
  }
}
