// Finding the Go toolchain that builds the local control plane, with an error that says what to do.
import { execFileSync } from 'node:child_process';

const REQUIRED_MINOR = 26;

export function goVersion(): string | undefined {
  try {
    return execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

/** Throws an actionable error when Go >= 1.26 is missing; `purpose` names what needed it. */
export function requireGo(purpose: string): void {
  const version = goVersion();
  const minor = version ? Number(/^go1\.(\d+)/.exec(version)?.[1] ?? 0) : 0;
  if (minor >= REQUIRED_MINOR) return;
  const found = version ? `found ${version}` : "no 'go' command on PATH";
  throw new Error(
    `Go 1.${REQUIRED_MINOR} or newer is needed to build the local Kubernetes control plane for ${purpose} (${found}). ` +
      'Install Go (https://go.dev/dl/ or your package manager) and make sure `go` is on PATH.',
  );
}
