// ssh's ProxyCommand for a SOCKS5 proxySecretRef (see auth.ts): `node socks-connect.ts <file> <host>
// <port>` opens host:port through the proxy written in <file> (a 0600 file: the URL may carry
// credentials) and relays ssh's stdin/stdout over it. Failures go to stderr, where git reports them.
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';

const [file = '', host = '', port = ''] = process.argv.slice(2);

/** Reads exactly n bytes of the handshake from the proxy. */
function reader(socket: Socket): { read(n: number): Promise<Buffer>; rest(): Buffer } {
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
  return {
    async read(n) {
      while (buffered.length < n) {
        if (closed) throw new Error('the proxy closed the connection');
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const out = buffered.subarray(0, n);
      buffered = buffered.subarray(n);
      return out;
    },
    rest() {
      socket.off('data', onData);
      return buffered;
    },
  };
}

async function main(): Promise<void> {
  const proxy = new URL(readFileSync(file, 'utf8').trim());
  const username = decodeURIComponent(proxy.username);
  const password = decodeURIComponent(proxy.password);
  const socket = connect(Number(proxy.port || 1080), proxy.hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const input = reader(socket);
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
  process.stdout.write(input.rest());
  socket.pipe(process.stdout);
  process.stdin.pipe(socket);
  socket.on('error', () => process.exit(1));
}

main().catch((err: Error) => {
  process.stderr.write(`error: SOCKS5 proxy: ${err.message}\n`);
  process.exit(1);
});
