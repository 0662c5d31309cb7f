// `tsflux helm template NAME CHART`: prints what `helm template` prints, rendered by our Helm engine.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where the command reads relative paths from and writes to; the process by default, a test harness otherwise. */
export interface HelmCommandIO {
  cwd(): string;
  stdout(text: string): void;
  stderr(text: string): void;
  fail(): void;
}

const processIO: HelmCommandIO = {
  cwd: () => process.cwd(),
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  fail: () => {
    process.exitCode = 1;
  },
};

const collect = (value: string, previous: string[]) => [...previous, value];
// --api-versions is a string slice in Helm: each flag may carry a comma-separated list.
const collectList = (value: string, previous: string[]) => [...previous, ...value.split(',').filter((v) => v !== '')];

interface TemplateFlags {
  values: string[];
  set: string[];
  setString: string[];
  setJson: string[];
  setFile: string[];
  setLiteral: string[];
  kubeVersion?: string;
  apiVersions: string[];
  includeCrds?: boolean;
  isUpgrade?: boolean;
  skipTests?: boolean;
  skipSchemaValidation?: boolean;
  showOnly: string[];
  hooks: boolean;
  helmMajor: string;
}

/** The namespace: -n given anywhere on the command line, else $HELM_NAMESPACE, else "default" (a kubeconfig's namespace is not read). */
function namespaceOf(cmd: Command): string {
  const root = cmd.parent?.parent ?? cmd;
  if (root.getOptionValueSource('namespace') === 'cli') return String(root.opts().namespace);
  return process.env.HELM_NAMESPACE || 'default';
}

/** An fs error worded as Go's os package words it for the path the user gave (helm prints those). */
function goFileError(path: string, err: NodeJS.ErrnoException): string {
  const reason: Record<string, string> = { ENOENT: 'no such file or directory', EACCES: 'permission denied', ENOTDIR: 'not a directory' };
  if (err.code === 'EISDIR') return `read ${path}: is a directory`;
  return reason[err.code ?? ''] ? `open ${path}: ${reason[err.code!]}` : err.message;
}

async function runTemplate(name: string, chartPath: string, flags: TemplateFlags, cmd: Command, io: HelmCommandIO): Promise<void> {
  // Loaded on use: the template engines are large and most tsflux commands never need them.
  const { formatTemplateOutput, loadChart, mergeUserValues, parseKubeVersion, renderRelease } = await import('../../engines/helm/index.ts');
  const flavor = flags.helmMajor === '4' ? 'v4' : 'v3';
  // helm checks --kube-version before anything else.
  if (flags.kubeVersion) {
    try {
      parseKubeVersion(flags.kubeVersion);
    } catch (err) {
      throw new Error(`invalid kube version '${flags.kubeVersion}': ${(err as Error).message}`);
    }
  }
  const read = (p: string) => {
    try {
      return readFileSync(resolve(io.cwd(), p), 'utf8');
    } catch (err) {
      throw new Error(goFileError(p, err as NodeJS.ErrnoException));
    }
  };
  const userValues = mergeUserValues({
    valueFiles: flags.values.map((f) => ({ name: f, text: f === '-' ? readFileSync(0, 'utf8') : read(f) })),
    setJson: flags.setJson,
    set: flags.set,
    setString: flags.setString,
    setFile: flags.setFile,
    setLiteral: flags.setLiteral,
    readFile: read,
    flavor,
  });
  const chart = await loadChart(resolve(io.cwd(), chartPath), { flavor });
  if (chart.metadata.Deprecated) io.stderr('WARNING: This chart is deprecated\n');
  const release = renderRelease(chart, userValues, {
    releaseName: name,
    namespace: namespaceOf(cmd),
    kubeVersion: flags.kubeVersion,
    apiVersions: flags.apiVersions,
    includeCrds: flags.includeCrds,
    isUpgrade: flags.isUpgrade,
    skipSchemaValidation: flags.skipSchemaValidation,
    flavor,
    helmVersion: flags.helmMajor === '4' ? 'v4.2.4' : 'v3.21.4',
  });
  io.stdout(formatTemplateOutput(release, { skipTests: flags.skipTests, noHooks: !flags.hooks, showOnly: flags.showOnly, flavor }));
}

export function registerHelmCommands(program: Command, io: HelmCommandIO = processIO): void {
  const helm = program.command('helm').description('Helm chart rendering, as the helm CLI does it');
  helm
    .command('template')
    .argument('<name>', 'release name (or the chart, with the release named "release-name")')
    .argument('[chart]', 'chart folder or .tgz archive')
    .description('render chart templates locally and print them, as `helm template` does')
    .option('-f, --values <file>', 'values file (repeatable)', collect, [])
    .option('--set <key=value>', 'set values (repeatable; comma-separated)', collect, [])
    .option('--set-string <key=value>', 'set STRING values (repeatable)', collect, [])
    .option('--set-json <key=json>', 'set JSON values (repeatable)', collect, [])
    .option('--set-file <key=path>', 'set values from files (repeatable)', collect, [])
    .option('--set-literal <key=value>', 'set a literal STRING value (repeatable)', collect, [])
    .option('--kube-version <version>', 'Kubernetes version used for Capabilities.KubeVersion')
    .option('-a, --api-versions <versions>', 'Kubernetes api versions used for Capabilities.APIVersions (repeatable)', collectList, [])
    .option('--include-crds', 'include CRDs in the templated output')
    .option('--is-upgrade', 'set .Release.IsUpgrade instead of .Release.IsInstall')
    .option('--skip-tests', 'skip tests from templated output')
    .option('--skip-schema-validation', 'disable JSON schema validation')
    .option('-s, --show-only <template>', 'only show manifests rendered from the given templates (repeatable)', collect, [])
    .option('--no-hooks', 'leave hooks out of the templated output')
    .option('--helm-major <3|4>', 'follow helm v3 (default) or v4 output where they differ', '3')
    .action(async (name: string, chartPath: string | undefined, flags: TemplateFlags, cmd: Command) => {
      try {
        if (chartPath === undefined) await runTemplate('release-name', name, flags, cmd, io);
        else await runTemplate(name, chartPath, flags, cmd, io);
      } catch (err) {
        const log = (err as { log?: string }).log;
        if (log) io.stderr(`${log}\n`);
        io.stderr(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
        io.fail();
      }
    });
}
