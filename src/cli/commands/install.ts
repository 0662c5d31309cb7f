// `tsflux install`: puts the Flux CRDs on the current cluster, or with --export prints everything needed
// to run the controllers in a cluster (namespace, CRDs, RBAC, Services, Deployments) as YAML.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { KubeClient } from '../../kube/index.ts';
import { controllerSelector, defaultComponents, parseComponents } from '../../install/components.ts';
import { installCrds } from '../../install/crds.ts';
import { crdsFor, installManifests } from '../../install/manifests.ts';
import { availableBundles } from './controllers.ts';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

interface InstallOptions {
  export?: boolean;
  components: string;
  componentsExtra: string;
  image: string;
  kubeconfig?: string;
  context?: string;
  namespace: string;
}

export function registerInstallCommands(program: Command): void {
  program
    .command('install')
    .description('install the Flux CRDs on the current cluster (server-side apply), or --export the full installation as YAML')
    .option('--export', 'print the namespace, CRDs, RBAC, Services and Deployments as multi-document YAML instead of applying')
    .option('--components <list>', 'controllers to install, comma-separated', defaultComponents.join(','))
    .option('--components-extra <list>', 'additional controllers: image-reflector-controller,image-automation-controller', '')
    .option('--image <ref>', 'container image running `tsflux controllers` (for --export)', `ghcr.io/tsflux/tsflux:v${pkg.version}`)
    .action(async (_opts: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<InstallOptions>();
      try {
        const components = [...new Set([...parseComponents(opts.components), ...parseComponents(opts.componentsExtra)])];
        if (opts.export) {
          // A Deployment of a controller tsflux does not have yet would only crash-loop: its CRDs and RBAC are exported alone.
          const runnable = components.filter((c) => availableBundles.some((b) => b.name === controllerSelector(c)));
          for (const c of components.filter((x) => !runnable.includes(x))) console.error(`► ${c}: CRDs and RBAC only, tsflux cannot run this controller yet`);
          const docs = installManifests({ namespace: opts.namespace, components, runnable, image: opts.image, version: pkg.version });
          process.stdout.write(docs.map((d) => `---\n${stringify(d, { lineWidth: 0 })}`).join(''));
          return;
        }
        const client = await KubeClient.fromKubeconfig({ path: opts.kubeconfig, context: opts.context });
        await installCrds(client, crdsFor(components), { log: (line) => console.error(`► ${line}`) });
        console.error(`✔ Flux CRDs installed on ${client.server}`);
      } catch (err) {
        cmd.error(`✗ install failed: ${(err as Error).message}`);
      }
    });
}
