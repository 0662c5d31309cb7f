// A SOCKS5 proxy for tests (RFC 1928 CONNECT, RFC 1929 username/password when configured); it
// records the host:port targets it connected to.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Tunnels } from './tunnels.ts';

export interface SocksProxy {
  /** socks5://127.0.0.1:<port> */
  url: string;
  targets: string[];
  close(): Promise<void>;
}

export async function startSocksProxy(auth?: { username: string; password: string }): Promise<SocksProxy> {
  const targets: string[] = [];
  const tunnels = new Tunnels();
  const server = createServer((client) => {
    tunnels.accept(client);
    let buffered = Buffer.alloc(0);
    let stage: 'greeting' | 'auth' | 'request' = 'greeting';
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (stage === 'greeting' && buffered.length >= 2 && buffered.length >= 2 + buffered[1]!) {
        const methods = [...buffered.subarray(2, 2 + buffered[1]!)];
        buffered = buffered.subarray(2 + buffered[1]!);
        const wanted = auth ? 2 : 0;
        client.write(Buffer.from([5, methods.includes(wanted) ? wanted : 0xff]));
        if (!methods.includes(wanted)) return void client.end();
        stage = auth ? 'auth' : 'request';
      }
      if (stage === 'auth' && buffered.length >= 2) {
        const userLength = buffered[1]!;
        if (buffered.length < 3 + userLength || buffered.length < 3 + userLength + buffered[2 + userLength]!) return;
        const user = buffered.subarray(2, 2 + userLength).toString();
        const passLength = buffered[2 + userLength]!;
        const pass = buffered.subarray(3 + userLength, 3 + userLength + passLength).toString();
        buffered = buffered.subarray(3 + userLength + passLength);
        const ok = user === auth!.username && pass === auth!.password;
        client.write(Buffer.from([1, ok ? 0 : 1]));
        if (!ok) return void client.end();
        stage = 'request';
      }
      if (stage === 'request' && buffered.length >= 5) {
        const type = buffered[3];
        const hostLength = type === 1 ? 4 : type === 3 ? 1 + buffered[4]! : 16;
        if (buffered.length < 4 + hostLength + 2) return;
        const host = type === 3 ? buffered.subarray(5, 4 + hostLength).toString() : [...buffered.subarray(4, 4 + hostLength)].join('.');
        const port = buffered.readUInt16BE(4 + hostLength);
        const rest = buffered.subarray(4 + hostLength + 2);
        client.off('data', onData);
        targets.push(`${host}:${port}`);
        tunnels.open(client, host, port, rest, { opened: Buffer.from([5, 0, 0, 1, 0, 0, 0, 0, 0, 0]), failed: Buffer.from([5, 5, 0, 1, 0, 0, 0, 0, 0, 0]) });
      }
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `socks5://127.0.0.1:${(server.address() as AddressInfo).port}`,
    targets,
    close: () =>
      new Promise((resolve) => {
        tunnels.destroyAll();
        server.close(() => resolve());
      }),
  };
}
