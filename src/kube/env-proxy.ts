// The proxy client-go takes from the environment when the kubeconfig names none: HTTPS_PROXY (or
// HTTP_PROXY for an http server) unless NO_PROXY exempts the host, with the rules of Go's
// net/http ProxyFromEnvironment: never for localhost or loopback addresses; NO_PROXY entries are
// `*`, IP addresses, CIDR ranges, or domains (a domain covers its subdomains, a leading `.` only
// them), each optionally with a port.
import { BlockList, isIP } from 'node:net';

type Env = Record<string, string | undefined>;

const fromEnv = (env: Env, name: string) => env[name.toUpperCase()] || env[name.toLowerCase()] || '';

/** The proxy URL for requests to `server`, or undefined for a direct connection. */
export function proxyFromEnvironment(server: string, env: Env = process.env): string | undefined {
  const target = new URL(server);
  const proxy = fromEnv(env, target.protocol === 'https:' ? 'https_proxy' : 'http_proxy');
  if (!proxy) return undefined;
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  if (host === 'localhost' || isLoopback(host)) return undefined;
  if (exempt(host, port, fromEnv(env, 'no_proxy'))) return undefined;
  // Go reads a proxy without a scheme as http.
  return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`).href;
}

function isLoopback(host: string): boolean {
  if (isIP(host) === 4) return host.startsWith('127.');
  return isIP(host) === 6 && host === '::1';
}

function exempt(host: string, port: string, noProxy: string): boolean {
  for (const raw of noProxy.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    if (entry.includes('/')) {
      if (inCidr(host, entry)) return true;
      continue;
    }
    const { name, entryPort } = splitPort(entry);
    if (entryPort && entryPort !== port) continue;
    if (isIP(name)) {
      if (name === host) return true;
      continue;
    }
    const domain = name.replace(/^\*?\./, '.');
    if (domain.startsWith('.') ? host.endsWith(domain) : host === domain || host.endsWith(`.${domain}`)) return true;
  }
  return false;
}

function splitPort(entry: string): { name: string; entryPort?: string } {
  const bracketed = /^\[(.+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { name: bracketed[1]!, entryPort: bracketed[2] };
  const colon = entry.lastIndexOf(':');
  if (colon > 0 && entry.indexOf(':') === colon && /^\d+$/.test(entry.slice(colon + 1))) return { name: entry.slice(0, colon), entryPort: entry.slice(colon + 1) };
  return { name: entry };
}

function inCidr(host: string, cidr: string): boolean {
  const family = isIP(host);
  const [network, bits] = cidr.split('/');
  if (!family || isIP(network!) !== family) return false;
  const list = new BlockList();
  try {
    list.addSubnet(network!, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
  } catch {
    return false; // not a CIDR Go would parse either
  }
  return list.check(host, family === 4 ? 'ipv4' : 'ipv6');
}
