/**
 * A TCP proxy that can really take an endpoint down. Used by the RDS emulator's data plane
 * (every reported endpoint is one of these in front of the backing MySQL) and by the probe's
 * tests and benchmark to inject outages of known length.
 *
 * During an outage existing connections are dropped and new ones are, per mode:
 * - `refuse`: the listener is closed, so connects fail with ECONNREFUSED;
 * - `reset`: accepted and immediately reset (ECONNRESET);
 * - `blackhole`: accepted and never answered, so clients hit their own connect timeout.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export type OutageMode = 'refuse' | 'reset' | 'blackhole';
export const OUTAGE_MODES: readonly OutageMode[] = ['refuse', 'reset', 'blackhole'];

export interface ProxyTarget {
  host: string;
  port: number;
}

export interface FaultProxyOptions {
  /** Address to listen on (default 127.0.0.1). Distinct loopback addresses may share a port. */
  host?: string;
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  target: ProxyTarget;
}

export interface FaultProxyStats {
  /** Connections forwarded to the target. */
  accepted: number;
  /** Forwarded connections cut by an outage or {@link FaultProxy.dropConnections}. */
  dropped: number;
  /** Connections reset or held while down (a refusing listener never sees its attempts). */
  refusedWhileDown: number;
}

export interface FaultProxy {
  readonly host: string;
  readonly port: number;
  /** The current outage mode, or undefined while the endpoint is up. */
  readonly down: OutageMode | undefined;
  readonly stats: FaultProxyStats;
  /** Where new connections are forwarded; existing ones keep their backend. */
  setTarget(target: ProxyTarget): void;
  /** Starts an outage now; it lasts until {@link restore}. */
  disrupt(mode: OutageMode): Promise<void>;
  /** Ends an outage; the endpoint accepts connections again once this resolves. */
  restore(): Promise<void>;
  /** Drops every open connection without starting an outage (what a reboot does to clients). */
  dropConnections(): void;
  close(): Promise<void>;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
  });
}

function hardDrop(socket: Socket): void {
  if (socket.destroyed) return;
  // why: resetAndDestroy() on a socket whose write side already ended fails with EINVAL inside
  // libuv and leaks the handle, which keeps the process spinning at exit; destroy() is safe.
  if (socket.readyState !== 'opening' && !socket.writableEnded) {
    socket.resetAndDestroy();
  } else {
    socket.destroy();
  }
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const host = options.host ?? '127.0.0.1';
  let target = options.target;
  let mode: OutageMode | undefined;
  const live = new Set<Socket>();
  const held = new Set<Socket>();
  // why: `live` holds both ends of each proxied connection; stats count connections, not sockets
  const clients = new Set<Socket>();
  const stats: FaultProxyStats = { accepted: 0, dropped: 0, refusedWhileDown: 0 };

  const onConnection = (client: Socket) => {
    client.on('error', () => {});
    if (mode === 'reset' || mode === 'refuse') {
      stats.refusedWhileDown += 1;
      hardDrop(client);
      return;
    }
    if (mode === 'blackhole') {
      stats.refusedWhileDown += 1;
      held.add(client);
      client.on('close', () => held.delete(client));
      return;
    }
    stats.accepted += 1;
    const upstream = connect({ host: target.host, port: target.port });
    upstream.on('error', () => hardDrop(client));
    client.on('error', () => upstream.destroy());
    client.on('close', () => {
      upstream.destroy();
      live.delete(client);
      live.delete(upstream);
      clients.delete(client);
    });
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
    live.add(client);
    live.add(upstream);
    clients.add(client);
  };

  let server = createServer({ noDelay: true }, onConnection);
  const port = await listen(server, host, options.port ?? 0);

  const dropConnections = () => {
    for (const socket of live) {
      if (clients.has(socket)) stats.dropped += 1;
      hardDrop(socket);
    }
    live.clear();
    clients.clear();
  };
  const releaseHeld = () => {
    for (const socket of held) socket.destroy();
    held.clear();
  };
  let closed = false;
  const relisten = async () => {
    if (closed || server.listening) return;
    server = createServer({ noDelay: true }, onConnection);
    await listen(server, host, port);
  };

  return {
    host,
    port,
    get down() {
      return mode;
    },
    stats,
    setTarget(next) {
      target = next;
    },
    async disrupt(next) {
      mode = next;
      dropConnections();
      // why: connections held by an earlier black-hole are existing connections too, and a
      // listener with open connections never finishes closing
      if (next !== 'blackhole') releaseHeld();
      if (next === 'refuse') await closeServer(server);
      else await relisten();
    },
    async restore() {
      mode = undefined;
      releaseHeld();
      // why: re-listen whenever the listener is closed, not only after `refuse` itself, so an
      // outage whose mode changed from refuse to another one still ends
      await relisten();
    },
    dropConnections,
    async close() {
      closed = true;
      mode = undefined;
      dropConnections();
      releaseHeld();
      await closeServer(server);
    },
  };
}
