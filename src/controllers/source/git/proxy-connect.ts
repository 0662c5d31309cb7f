// ssh's ProxyCommand for a proxySecretRef (see auth.ts): `node proxy-connect.ts <file> <host> <port>`
// opens host:port through the proxy written in <file> (a 0600 file: the URL may carry credentials),
// with SOCKS5 (socks5://, socks5h://) or HTTP CONNECT (http://, https://), and relays ssh's
// stdin/stdout over it. Failures go to stderr, where git reports them.
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

const [file = '', host = '', port = ''] = process.argv.slice(2);

interface Reader {
  /** Exactly n bytes of the handshake. */
  read(n: number): Promise<Buffer>;
  /** Everything up to and including `delimiter`. */
  readUntil(delimiter: string): Promise<Buffer>;
  /** Stops reading; returns what arrived past the handshake. */
  rest(): Buffer;
}

function reader(socket: Socket): Reader {
  let buffered = Buffer.alloc(0);
  let wake: (() => void) | undefined;
  let closed = false;
  const onData = (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    wake?.();
  };
  socket.on('data', onData);
  socket.on('close', () => {
    closed = true;
    wake?.();
  });
  const take = async (length: () => number) => {
    for (let n = length(); n < 0 || buffered.length < n; n = length()) {
      if (closed) throw new Error('the proxy closed the connection');
      await new Promise<void>((resolve) => (wake = resolve));
    }
    const n = length();
    const out = buffered.subarray(0, n);
    buffered = buffered.subarray(n);
    return out;
  };
  return {
    read: (n) => take(() => n),
    readUntil: (delimiter) =>
      take(() => {
        const at = buffered.indexOf(delimiter);
        return at < 0 ? -1 : at + delimiter.length;
      }),
    rest() {
      socket.off('data', onData);
      return buffered;
    },
  };
}

async function socksHandshake(socket: Socket, input: Reader, username: string, password: string): Promise<void> {
  socket.write(Buffer.from(username ? [5, 2, 0, 2] : [5, 1, 0]));
  const [, method] = await input.read(2);
  if (method === 2) {
    const user = Buffer.from(username);
    const pass = Buffer.from(password);
    socket.write(Buffer.concat([Buffer.from([1, user.length]), user, Buffer.from([pass.length]), pass]));
    if ((await input.read(2))[1] !== 0) throw new Error('the proxy refused the username and password');
  } else if (method !== 0) {
    throw new Error(username ? 'the proxy accepts none of the offered authentications' : 'the proxy requires authentication');
  }
  const name = Buffer.from(host);
  const portBytes = Buffer.alloc(2);
  portBytes.writeUInt16BE(Number(port));
  socket.write(Buffer.concat([Buffer.from([5, 1, 0, 3, name.length]), name, portBytes]));
  const [, reply, , addressType] = await input.read(4);
  if (reply !== 0) throw new Error(`the proxy could not connect to ${host}:${port} (SOCKS5 reply ${reply})`);
  const addressLength = addressType === 1 ? 4 : addressType === 4 ? 16 : (await input.read(1))[0]!;
  await input.read(addressLength + 2);
}

async function connectHandshake(socket: Socket, input: Reader, username: string, password: string): Promise<void> {
  const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const credentials = username || password ? `Proxy-Authorization: Basic ${Buffer.from(`${username}:${password}`).toString('base64')}\r\n` : '';
  socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${credentials}\r\n`);
  const statusLine = (await input.readUntil('\r\n\r\n')).toString('latin1').split('\r\n')[0]!;
  if (!/^HTTP\/1\.[01] 200\b/.test(statusLine)) throw new Error(`the proxy answered '${statusLine}' to CONNECT ${target}`);
}

async function main(): Promise<void> {
  const proxy = new URL(readFileSync(file, 'utf8').trim());
  const username = decodeURIComponent(proxy.username);
  const password = decodeURIComponent(proxy.password);
  const socks = proxy.protocol === 'socks5:' || proxy.protocol === 'socks5h:';
  const proxyPort = Number(proxy.port || (socks ? 1080 : proxy.protocol === 'https:' ? 443 : 80));
  const socket = proxy.protocol === 'https:' ? connectTls({ host: proxy.hostname, port: proxyPort, servername: proxy.hostname }) : connect(proxyPort, proxy.hostname);
  await new Promise<void>((resolve, reject) => socket.once(proxy.protocol === 'https:' ? 'secureConnect' : 'connect', resolve).once('error', reject));
  const input = reader(socket);
  if (socks) await socksHandshake(socket, input, username, password);
  else await connectHandshake(socket, input, username, password);
  process.stdout.write(input.rest());
  socket.pipe(process.stdout);
  process.stdin.pipe(socket);
  socket.on('error', () => process.exit(1));
}

main().catch((err: Error) => {
  process.stderr.write(`error: proxy: ${err.message}\n`);
  process.exit(1);
});
