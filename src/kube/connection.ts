// What the transport needs to reach one apiserver as one identity, however it was configured
// (a kubeconfig context or the in-cluster service account).

export interface ExecConfig {
  apiVersion: string;
  /** Absolute when the kubeconfig gave a relative path with a slash; a bare name is looked up on PATH. */
  command: string;
  args: string[];
  env: { name: string; value: string }[];
  interactiveMode?: string;
  provideClusterInfo: boolean;
  installHint?: string;
}

export interface TlsConfig {
  /** PEM */
  ca?: string;
  cert?: string;
  key?: string;
  insecureSkipVerify: boolean;
  serverName?: string;
}

export interface AuthConfig {
  token?: string;
  /** Re-read periodically: projected service account tokens rotate. */
  tokenFile?: string;
  username?: string;
  password?: string;
  exec?: ExecConfig;
}

export interface Impersonation {
  user: string;
  groups: string[];
  uid?: string;
  extra?: Record<string, string[]>;
}

export interface ConnectionConfig {
  /** https://host:port, no trailing slash (an optional path prefix is kept). */
  server: string;
  tls: TlsConfig;
  auth: AuthConfig;
  impersonate?: Impersonation;
  /** The kubeconfig's proxy-url (http, https or socks5): every request goes through it, TLS end to end. */
  proxyUrl?: string;
  /** The context's namespace, or the service account's: a default for callers (CLI), never applied silently. */
  namespace: string;
  /** Where this came from, for error messages: `context "kind-dev" of /home/me/.kube/config`. */
  origin: string;
}
