// A SOCKS5 proxy for tests (RFC 1928 CONNECT, RFC 1929 username/password when configured); it
// records the host:port targets it connected to.
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SocksProxy {
  /** socks5://127.0.0.1:<port> */
  url: string;
  targets: string[];
  close(): Promise<void>;
}

export async function startSocksProxy(auth?: { username: string; password: string }): Promise<SocksProxy> {
  const targets: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
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
        const upstream = connect(port, host, () => {
          client.write(Buffer.from([5, 0, 0, 1, 0, 0, 0, 0, 0, 0]));
          if (rest.length > 0) upstream.write(rest);
          client.pipe(upstream).pipe(client);
        });
        sockets.add(upstream);
        upstream.on('close', () => sockets.delete(upstream));
        upstream.on('error', () => {
          client.end(Buffer.from([5, 5, 0, 1, 0, 0, 0, 0, 0, 0]));
        });
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
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
