// What the test proxies (http-proxy.ts's CONNECT, socks-proxy.ts) share once a client has named its
// target: connect to it, answer the client, relay both ways; and end every socket when the proxy closes.
import { connect, type Socket } from 'node:net';

export class Tunnels {
  readonly #sockets = new Set<Socket>();

  #track(socket: Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
  }

  /** A client connection: kept until it closes, destroyed on error. */
  accept(client: Socket): void {
    this.#track(client);
    client.on('error', () => client.destroy());
  }

  /** Connects to host:port, then answers `opened` and relays (sending `head` first), or answers `failed`. */
  open(client: Socket, host: string, port: number, head: Buffer, replies: { opened: string | Buffer; failed: string | Buffer }): void {
    const upstream = connect(port, host, () => {
      client.write(replies.opened);
      if (head.length > 0) upstream.write(head);
      client.pipe(upstream).pipe(client);
    });
    this.#track(upstream);
    upstream.on('error', () => client.end(replies.failed));
  }

  destroyAll(): void {
    for (const socket of this.#sockets) socket.destroy();
  }
}
