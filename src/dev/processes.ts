// The processes of a local cluster, recorded in DIR/state.json so that another process (the CLI's
// `cluster stop`, an e2e test restarting the apiserver, the reaper) can find and signal them.
import { spawn } from 'node:child_process';
import { openSync, closeSync, existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

export interface ComponentState {
  name: string;
  pid: number;
  command: string;
  args: string[];
  log: string;
}

export interface ClusterState {
  ports: Record<string, number>;
  server: string;
  components: ComponentState[];
  /** The process whose death must take the cluster with it (the e2e runner); absent for `cluster start`. */
  ownerPid?: number;
  reaperPid?: number;
}

export const statePath = (dir: string) => join(dir, 'state.json');

export function readState(dir: string): ClusterState | undefined {
  const path = statePath(dir);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as ClusterState;
}

export function writeState(dir: string, state: ClusterState): void {
  const tmp = `${statePath(dir)}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2));
  renameSync(tmp, statePath(dir));
}

/** Starts a component in its own process group, appending its output to its log file. */
export function spawnComponent(name: string, command: string, args: string[], logFile: string): ComponentState {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', fd, fd] });
    child.unref();
    if (child.pid === undefined) throw new Error(`starting ${name}: ${command} did not start`);
    return { name, pid: child.pid, command, args, log: logFile };
  } finally {
    closeSync(fd);
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Stops a component's whole process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function killComponent(c: Pick<ComponentState, 'pid'>, graceMs = 5000): Promise<void> {
  signalGroup(c.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(c.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (isAlive(c.pid)) signalGroup(c.pid, 'SIGKILL');
  while (isAlive(c.pid)) await new Promise((r) => setTimeout(r, 20));
}
