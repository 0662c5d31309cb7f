// Provides the reference `helm` binaries (pinned in tools/helm/versions) that the differential tests and
// the helm-template benchmark compare our Helm engine with. They are built from Go modules on first use
// into a cache folder outside the work tree and reused afterwards.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type HelmMajor = 'v3' | 'v4';

const versionsFile = new URL('../../tools/helm/versions', import.meta.url);

export function pinnedHelmVersion(major: HelmMajor): string {
  for (const line of readFileSync(versionsFile, 'utf8').split('\n')) {
    const [m, version] = line.trim().split(/\s+/);
    if (m === major && version) return version;
  }
  throw new Error(`tools/helm/versions has no pin for helm ${major}`);
}

// Upstream's release Makefile stamps the version and, for v3 only, the Kubernetes version that
// `helm template` reports by default, derived from client-go (v0.36 → 1.36). v4 reads it from the build
// info at run time, so `go install` already gives the released behaviour.
function ldflags(major: HelmMajor, version: string): string {
  const flags = [`-X helm.sh/helm/${major}/internal/version.version=${version}`];
  if (major === 'v3') {
    flags.push('-X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1', '-X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=36');
  }
  return flags.join(' ');
}

function cacheRoot(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'tsflux', 'helm');
}

/** Returns the path of the reference helm binary, building it (minutes, with progress on stderr) when missing. */
export async function ensureHelmBinary(major: HelmMajor, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<string> {
  const version = pinnedHelmVersion(major);
  const dir = join(cacheRoot(), version);
  const binary = join(dir, 'helm');
  const stampFile = join(dir, 'build-flags');
  const flags = ldflags(major, version);
  if (existsSync(binary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === flags) return binary;

  await mkdir(dir, { recursive: true });
  const pkg = `helm.sh/helm/${major}/cmd/helm@${version}`;
  log(`building reference helm ${version} (go install ${pkg}); this takes a few minutes the first time`);
  const child = spawn('go', ['install', '-trimpath', '-ldflags', flags, pkg], {
    env: { ...process.env, GOBIN: dir, CGO_ENABLED: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const relay = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (line.trim() === '') continue;
      output.push(line);
      log(`  ${line}`);
    }
  };
  child.stdout.on('data', relay);
  child.stderr.on('data', relay);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', (err) => reject(new Error(`building helm ${version}: cannot run go: ${err.message}`)));
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`building helm ${version}: go install exited with ${code}:\n${output.slice(-20).join('\n')}`);
  writeFileSync(stampFile, flags);
  log(`reference helm ${version} ready at ${binary}`);
  return binary;
}

if (import.meta.main) {
  const majors = process.argv.slice(2) as HelmMajor[];
  for (const major of majors.length > 0 ? majors : (['v3', 'v4'] as const)) console.log(await ensureHelmBinary(major));
}
