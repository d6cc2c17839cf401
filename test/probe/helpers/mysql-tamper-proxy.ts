/**
 * A TCP proxy in front of the real MariaDB that understands just enough of the MySQL protocol
 * to tamper with INSERTs, so tests can produce what only a real cluster event would otherwise:
 *
 * - `read-only`: answers each INSERT with error 1290 (what a demoted writer behind a stale
 *   endpoint says) without forwarding it, leaving the server's global state alone;
 * - `drop-insert-reply`: forwards each INSERT, swallows the server's reply (the commit happened)
 *   and resets the client, which then sees an error for a write that was made.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export type TamperMode = 'pass' | 'read-only' | 'drop-insert-reply';

export interface TamperProxy {
  readonly port: number;
  mode: TamperMode;
  /** INSERTs answered or cut by the proxy. */
  readonly tampered: number;
  close(): Promise<void>;
}

const COM_QUERY = 0x03;

function errPacket(sequence: number, errno: number, sqlState: string, message: string): Buffer {
  const body = Buffer.concat([
    Buffer.from([0xff, errno & 0xff, errno >> 8]),
    Buffer.from(`#${sqlState}${message}`, 'utf8'),
  ]);
  const header = Buffer.from([
    body.length & 0xff,
    (body.length >> 8) & 0xff,
    body.length >> 16,
    sequence,
  ]);
  return Buffer.concat([header, body]);
}

export async function startTamperProxy(target: {
  host: string;
  port: number;
}): Promise<TamperProxy> {
  const sockets = new Set<Socket>();
  let tampered = 0;
  const proxy = { mode: 'pass' as TamperMode };

  const server: Server = createServer({ noDelay: true }, (client) => {
    const upstream = connect(target);
    sockets.add(client).add(upstream);
    let pending = Buffer.alloc(0);
    let swallowReply = false;
    const cut = () => {
      client.resetAndDestroy();
      upstream.destroy();
    };
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    upstream.on('data', (data) => {
      if (!swallowReply) return void client.write(data);
      swallowReply = false;
      tampered += 1;
      cut();
    });
    client.on('data', (data) => {
      pending = Buffer.concat([pending, data]);
      // why: frame packets (3-byte length, 1-byte sequence); commands start a sequence at 0
      while (pending.length >= 4) {
        const length = pending.readUIntLE(0, 3);
        if (pending.length < 4 + length) break;
        const packet = pending.subarray(0, 4 + length);
        pending = pending.subarray(4 + length);
        const isInsert =
          packet[3] === 0 &&
          packet[4] === COM_QUERY &&
          /^\s*insert\b/i.test(packet.subarray(5, 40).toString('utf8'));
        if (isInsert && proxy.mode === 'read-only') {
          tampered += 1;
          client.write(
            errPacket(
              1,
              1290,
              'HY000',
              'The MariaDB server is running with the --read-only option so it cannot execute this statement',
            ),
          );
          continue;
        }
        if (isInsert && proxy.mode === 'drop-insert-reply') swallowReply = true;
        upstream.write(packet);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    get mode() {
      return proxy.mode;
    },
    set mode(next) {
      proxy.mode = next;
    },
    get tampered() {
      return tampered;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
