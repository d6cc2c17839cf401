import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../../src/net/fault-proxy.js';

type Outcome =
  | { kind: 'reply'; text: string }
  | { kind: 'error'; code: string }
  | { kind: 'closed' }
  | { kind: 'silent' };

interface Echo {
  server: Server;
  port: number;
  sockets: Set<Socket>;
}

/** A TCP server answering each chunk with `<tag>:<chunk>`. */
function startTaggedEcho(tag: string): Promise<Echo> {
  return new Promise((resolve) => {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('data', (data) => socket.write(`${tag}:${data.toString()}`));
    });
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, port, sockets });
    });
  });
}

function closeEcho(echo: Echo): Promise<void> {
  return new Promise((resolve) => {
    for (const socket of echo.sockets) socket.destroy();
    echo.server.close(() => resolve());
  });
}

/** What a client sees when it connects to `port` and sends `text`, waiting up to `waitMs`. */
function exchange(port: number, text: string, waitMs = 400): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (outcome: Outcome) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => done({ kind: 'silent' }), waitMs);
    socket.on('connect', () => socket.write(text));
    socket.on('data', (data) => done({ kind: 'reply', text: data.toString() }));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      done({ kind: 'error', code: error.code ?? 'unknown' }),
    );
    socket.on('close', () => done({ kind: 'closed' }));
  });
}

/** An open client connection through the proxy, already known to work. */
async function openLive(port: number): Promise<{ socket: Socket; ended: Promise<string> }> {
  const socket = connect({ host: '127.0.0.1', port });
  const ended = new Promise<string>((resolve) => {
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    socket.on('close', () => resolve('closed'));
  });
  await new Promise<void>((resolve) => {
    socket.once('data', () => resolve());
    socket.on('connect', () => socket.write('hello'));
  });
  return { socket, ended };
}

describe('fault proxy', () => {
  let echoA: Echo;
  let echoB: Echo;
  let proxy: FaultProxy;

  beforeEach(async () => {
    echoA = await startTaggedEcho('a');
    echoB = await startTaggedEcho('b');
    proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: echoA.port } });
  });

  afterEach(async () => {
    await proxy.close();
    await closeEcho(echoA);
    await closeEcho(echoB);
  });

  it('when up, then bytes are forwarded both ways', async () => {
    expect(await exchange(proxy.port, 'ping')).toEqual({ kind: 'reply', text: 'a:ping' });
    expect(proxy.down).toBeUndefined();
    expect(proxy.stats.accepted).toBe(1);
  });

  it('when refusing, then new connections are refused until restored', async () => {
    await proxy.disrupt('refuse');
    expect(proxy.down).toBe('refuse');
    expect(await exchange(proxy.port, 'ping')).toEqual({ kind: 'error', code: 'ECONNREFUSED' });
    await proxy.restore();
    expect(await exchange(proxy.port, 'ping')).toEqual({ kind: 'reply', text: 'a:ping' });
  });

  it('when resetting, then new connections are accepted and cut without an answer', async () => {
    await proxy.disrupt('reset');
    const outcome = await exchange(proxy.port, 'ping');
    expect(['error', 'closed']).toContain(outcome.kind);
    if (outcome.kind === 'error') expect(['ECONNRESET', 'EPIPE']).toContain(outcome.code);
    expect(proxy.stats.refusedWhileDown).toBe(1);
    await proxy.restore();
    expect(await exchange(proxy.port, 'ping')).toEqual({ kind: 'reply', text: 'a:ping' });
  });

  it('when black-holed, then connections are accepted but never answered, and closed on restore', async () => {
    await proxy.disrupt('blackhole');
    expect(await exchange(proxy.port, 'ping', 300)).toEqual({ kind: 'silent' });
    const held = exchange(proxy.port, 'ping', 5000);
    await new Promise((r) => setTimeout(r, 100));
    await proxy.restore();
    expect((await held).kind).toMatch(/closed|error/);
    expect(await exchange(proxy.port, 'ping')).toEqual({ kind: 'reply', text: 'a:ping' });
  });

  it('when an outage starts, then existing connections are dropped in every mode', async () => {
    for (const mode of ['refuse', 'reset', 'blackhole'] as const) {
      const live = await openLive(proxy.port);
      const droppedBefore = proxy.stats.dropped;
      await proxy.disrupt(mode);
      expect(await live.ended).toMatch(/ECONNRESET|closed/);
      expect(proxy.stats.dropped).toBe(droppedBefore + 1);
      await proxy.restore();
      live.socket.destroy();
    }
  });

  it('when connections are dropped without an outage, then new ones still work', async () => {
    const live = await openLive(proxy.port);
    proxy.dropConnections();
    expect(await live.ended).toMatch(/ECONNRESET|closed/);
    expect(proxy.down).toBeUndefined();
    expect(await exchange(proxy.port, 'ping')).toEqual({ kind: 'reply', text: 'a:ping' });
  });

  it('when the target changes, then new connections go to it and existing ones keep theirs', async () => {
    const live = await openLive(proxy.port);
    proxy.setTarget({ host: '127.0.0.1', port: echoB.port });
    expect(await exchange(proxy.port, 'ping')).toEqual({ kind: 'reply', text: 'b:ping' });
    const reply = new Promise<string>((resolve) =>
      live.socket.once('data', (d) => resolve(d.toString())),
    );
    live.socket.write('again');
    expect(await reply).toBe('a:again');
    live.socket.destroy();
  });

  it('when the mode changes during an outage, then restore still brings the endpoint back', async () => {
    await proxy.disrupt('refuse');
    await proxy.disrupt('reset');
    await proxy.restore();
    expect(await exchange(proxy.port, 'ping')).toEqual({ kind: 'reply', text: 'a:ping' });
    await proxy.disrupt('blackhole');
    const held = exchange(proxy.port, 'ping', 2000);
    await new Promise((r) => setTimeout(r, 100));
    await proxy.disrupt('refuse');
    expect((await held).kind).not.toBe('reply');
    await proxy.restore();
    expect(await exchange(proxy.port, 'ping')).toEqual({ kind: 'reply', text: 'a:ping' });
  });
});
