// Runs the git CLI with an argument array (never through a shell) in its own process group, so a
// timeout can kill git together with the helpers it started (ssh, git-remote-https, ...).
import { spawn } from 'node:child_process';

export interface GitRunOptions {
  cwd?: string;
  /** Extra environment on top of a sanitized base (no user/system git config, no prompts). */
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Bytes to write to git's stdin. */
  input?: string | Uint8Array;
}

export interface GitResult {
  stdout: string;
  stderr: string;
}

export class GitCommandError extends Error {
  readonly stderr: string;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  constructor(message: string, stderr: string, exitCode: number | null, timedOut: boolean) {
    super(message);
    this.stderr = stderr;
    this.exitCode = exitCode;
    this.timedOut = timedOut;
  }
}

// The controller's own proxy settings reach git (as upstream's honour them); a proxySecretRef overrides them.
const PROXY_VARIABLES = ['http_proxy', 'https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY', 'no_proxy', 'NO_PROXY'];

/** The environment every git invocation starts from: nothing from the host user's git setup leaks in. */
export function baseGitEnvironment(): Record<string, string> {
  const proxies = Object.fromEntries(PROXY_VARIABLES.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])));
  return {
    ...proxies,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: 'true',
    SSH_ASKPASS: 'true',
    LC_ALL: 'C',
  };
}

export function runGit(args: readonly string[], options: GitRunOptions = {}): Promise<GitResult> {
  return runTool('git', args, options);
}

/** Runs git or one of its companions (ssh-keygen) under the same rules. */
export function runTool(command: string, args: readonly string[], options: GitRunOptions = {}): Promise<GitResult> {
  const env = { ...baseGitEnvironment(), ...options.env };
  const child = spawn(command, args, { cwd: options.cwd, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  child.stdin.on('error', () => {}); // git may exit before reading its input; the exit code tells.
  child.stdin.end(options.input ?? '');
  let timedOut = false;
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          killGroup(child.pid);
        }, options.timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new GitCommandError(`running ${command} ${args[0] ?? ''}: ${e.message}`, '', null, false));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (timedOut) {
        reject(new GitCommandError(`${command} ${args[0] ?? ''} timed out after ${formatSeconds(options.timeoutMs!)}`, stderr, code, true));
      } else if (code !== 0) {
        reject(new GitCommandError(describeFailure(stderr, code), stderr, code, false));
      } else {
        resolve({ stdout, stderr });
      }
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

// git prints its own context ("fatal: ...", "remote: ..."), and ssh a multi-line banner around a host
// key mismatch: keep the lines that say what failed, or every line when none of them is recognised.
const MEANINGFUL = /^(fatal|error|remote|ssh):|Host key verification failed|host key for .* has changed|Permission denied|Connection refused|Could not resolve|timed out/i;

function describeFailure(stderr: string, code: number | null): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('hint:') && !l.startsWith('warning: redirecting'));
  const meaningful = lines.filter((l) => MEANINGFUL.test(l) && !l.startsWith('fatal: Could not read from remote repository'));
  const chosen = meaningful.length > 0 ? meaningful : lines;
  return chosen.length > 0 ? chosen.join('; ') : `git exited with code ${code}`;
}
