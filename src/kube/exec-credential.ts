// Runs a kubeconfig exec credential plugin (client.authentication.k8s.io v1/v1beta1: aws, gke, kubelogin,
// ...) and caches what it prints until its expirationTimestamp, like kubectl. Concurrent callers share
// one run of the plugin.
import { execFile } from 'node:child_process';
import type { ConnectionConfig, ExecConfig } from './connection.ts';

export interface ExecCredentialResult {
  token?: string;
  /** PEM; when set the transport must present this client certificate instead of the kubeconfig's. */
  clientCertificateData?: string;
  clientKeyData?: string;
  /** Epoch ms; undefined means valid until the apiserver says 401. */
  expiresAt?: number;
}

/** Refresh a little before expiry so a request never leaves with a token that dies in flight. */
const expirySkewMs = 10_000;

export class ExecCredentialPlugin {
  readonly #exec: ExecConfig;
  readonly #connection: ConnectionConfig;
  readonly #now: () => number;
  #cached?: ExecCredentialResult;
  #running?: Promise<ExecCredentialResult>;

  constructor(exec: ExecConfig, connection: ConnectionConfig, now: () => number = Date.now) {
    this.#exec = exec;
    this.#connection = connection;
    this.#now = now;
  }

  async get(): Promise<ExecCredentialResult> {
    const cached = this.#cached;
    if (cached && (cached.expiresAt === undefined || cached.expiresAt - expirySkewMs > this.#now())) return cached;
    this.#running ??= this.#run().finally(() => (this.#running = undefined));
    this.#cached = await this.#running;
    return this.#cached;
  }

  /** Forget the cached credential (after a 401), so the next get() runs the plugin again. */
  invalidate(): void {
    this.#cached = undefined;
  }

  async #run(): Promise<ExecCredentialResult> {
    const exec = this.#exec;
    if (exec.interactiveMode === 'Always') {
      throw new Error(`exec credential plugin ${exec.command} needs an interactive terminal (interactiveMode: Always), which tsflux never has`);
    }
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const { name, value } of exec.env) env[name] = value;
    env.KUBERNETES_EXEC_INFO = JSON.stringify(this.#execInfo());
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(exec.command, exec.args, { env, maxBuffer: 4 << 20, timeout: 60_000 }, (err, out, errText) => {
        if (!err) return resolve(out);
        const code = (err as { code?: number | string }).code;
        const stderr = String(errText).trim();
        const why =
          typeof code === 'number' ? `exited with code ${code}${stderr ? `: ${stderr}` : ''}`
          : err.killed ? `killed (${err.signal ?? 'timeout'})`
          : `${err.message}${code === 'ENOENT' && exec.installHint ? `\n${exec.installHint}` : ''}`;
        reject(new Error(`running exec credential plugin ${exec.command}: ${why}`, { cause: err }));
      });
    });
    return this.#parse(stdout);
  }

  #execInfo(): unknown {
    const spec: Record<string, unknown> = { interactive: false };
    if (this.#exec.provideClusterInfo) {
      const { server, tls } = this.#connection;
      spec.cluster = {
        server,
        'tls-server-name': tls.serverName,
        'insecure-skip-tls-verify': tls.insecureSkipVerify || undefined,
        'certificate-authority-data': tls.ca ? Buffer.from(tls.ca).toString('base64') : undefined,
      };
    }
    return { apiVersion: this.#exec.apiVersion, kind: 'ExecCredential', spec };
  }

  #parse(stdout: string): ExecCredentialResult {
    const what = `exec credential plugin ${this.#exec.command}`;
    let cred: { apiVersion?: string; kind?: string; status?: Record<string, string | undefined> };
    try {
      cred = JSON.parse(stdout);
    } catch (e) {
      throw new Error(`${what} printed something that is not JSON: ${stdout.slice(0, 200)}`, { cause: e });
    }
    if (cred.kind !== 'ExecCredential' || cred.apiVersion !== this.#exec.apiVersion) {
      throw new Error(`${what} returned ${cred.apiVersion ?? '?'} ${cred.kind ?? '?'}, want ${this.#exec.apiVersion} ExecCredential`);
    }
    const status = cred.status ?? {};
    const result: ExecCredentialResult = {
      token: status.token || undefined,
      clientCertificateData: status.clientCertificateData || undefined,
      clientKeyData: status.clientKeyData || undefined,
    };
    if (!result.token && !(result.clientCertificateData && result.clientKeyData)) {
      throw new Error(`${what} returned neither a token nor a client certificate and key`);
    }
    if (status.expirationTimestamp) {
      const at = Date.parse(status.expirationTimestamp);
      if (Number.isNaN(at)) throw new Error(`${what} returned an invalid expirationTimestamp "${status.expirationTimestamp}"`);
      result.expiresAt = at;
    }
    return result;
  }
}
