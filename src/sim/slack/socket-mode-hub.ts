import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { UnavailableError } from '../../errors.js';
import type { BotAnswer } from './types.js';

/** The path Socket Mode URLs handed out by `apps.connections.open` point at. */
export const SOCKET_MODE_PATH = '/socket-mode';

/** What Slack puts in an envelope's `type` for the two kinds of request the bot takes. */
export type EnvelopeType = 'slash_commands' | 'interactive';

/** How long a URL from `apps.connections.open` may wait to be used (Slack's are short-lived). */
const TICKET_TTL_MS = 60_000;

interface Pending {
  socket: WebSocket;
  resolve: (answer: BotAnswer) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const closedBeforeAck = () =>
  new UnavailableError(
    'slack_sim_bot_unreachable',
    "The app's Socket Mode connection closed before it acknowledged.",
    { hint: 'Check the bot log; it reconnects by itself.' },
  );

/**
 * Slack's side of Socket Mode: `apps.connections.open` hands out a one-time URL, the app
 * connects to it, is greeted with `hello`, and then receives each command or click as an
 * envelope it acknowledges by sending `{ envelope_id, payload }` back. The newest open
 * connection receives the envelopes, as Slack picks one of an app's connections.
 */
export class SocketModeHub {
  readonly #wss = new WebSocketServer({ noServer: true });
  /** Unused connection tickets and when they expire (ms since the epoch). */
  readonly #tickets = new Map<string, number>();
  readonly #pending = new Map<string, Pending>();
  #sockets: WebSocket[] = [];

  /** Takes over WebSocket upgrades on {@link SOCKET_MODE_PATH} of the stand-in's server. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const ticket = url.searchParams.get('ticket') ?? '';
      const expires = this.#tickets.get(ticket);
      this.#tickets.delete(ticket);
      // why: Slack's URLs are single-use and short-lived; others are refused before the upgrade.
      if (url.pathname !== SOCKET_MODE_PATH || expires === undefined || expires < Date.now()) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\n\r\n');
        return;
      }
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws));
    });
  }

  /** A fresh single-use connection URL under `baseUrl` (the stand-in's `http://…/`). */
  openUrl(baseUrl: string): string {
    const ticket = randomBytes(12).toString('hex');
    const now = Date.now();
    for (const [old, expires] of this.#tickets) if (expires < now) this.#tickets.delete(old);
    this.#tickets.set(ticket, now + TICKET_TTL_MS);
    const url = new URL(SOCKET_MODE_PATH, baseUrl);
    url.protocol = 'ws:';
    url.searchParams.set('ticket', ticket);
    return url.toString();
  }

  /** Whether an app is connected, so requests go over the socket instead of HTTP. */
  connected(): boolean {
    return this.#sockets.some((s) => s.readyState === s.OPEN);
  }

  /**
   * Sends one envelope to the newest connection and resolves with the app's acknowledgement
   * (its `payload` is the answer, as the body of an HTTP answer would be).
   */
  send(type: EnvelopeType, payload: unknown, timeoutMs = 10_000): Promise<BotAnswer> {
    const socket = this.#sockets.findLast((s) => s.readyState === s.OPEN);
    if (!socket) {
      return Promise.reject(
        new UnavailableError('slack_sim_bot_unreachable', 'No app is connected in Socket Mode.', {
          hint: 'Start the bot with SLACK_APP_TOKEN set, pointed at the stand-in (SLACK_API_URL).',
        }),
      );
    }
    const envelopeId = randomBytes(16).toString('hex');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(envelopeId);
        reject(
          new UnavailableError(
            'slack_sim_bot_unreachable',
            `The app did not acknowledge a ${type} envelope within ${timeoutMs} ms.`,
            { hint: 'Check the bot log: an acknowledgement must come within 3 s.' },
          ),
        );
      }, timeoutMs);
      this.#pending.set(envelopeId, { socket, resolve, reject, timer });
      socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          // why: Slack takes a response payload in the acknowledgement of commands, not of clicks.
          accepts_response_payload: type === 'slash_commands',
          retry_attempt: 0,
          retry_reason: '',
        }),
      );
    });
  }

  close(): void {
    this.#failPending(() => true);
    for (const socket of this.#sockets) socket.terminate();
    this.#sockets = [];
    this.#wss.close();
  }

  #accept(ws: WebSocket): void {
    this.#sockets.push(ws);
    ws.on('close', () => {
      this.#sockets = this.#sockets.filter((s) => s !== ws);
      this.#failPending((p) => p.socket === ws);
    });
    // why: a broken frame from the app must close its connection, not crash the stand-in.
    ws.on('error', () => ws.terminate());
    ws.on('message', (data) => this.#acknowledged(String(data)));
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.#sockets.length,
        debug_info: { host: 'aurora-slack-stand-in', approximate_connection_time: 3600 },
        connection_info: { app_id: 'A0AURORA' },
      }),
    );
  }

  #failPending(match: (pending: Pending) => boolean): void {
    for (const [id, pending] of this.#pending) {
      if (!match(pending)) continue;
      this.#pending.delete(id);
      clearTimeout(pending.timer);
      pending.reject(closedBeforeAck());
    }
  }

  #acknowledged(text: string): void {
    let ack: { envelope_id?: unknown; payload?: unknown };
    try {
      ack = JSON.parse(text) as typeof ack;
    } catch {
      return;
    }
    if (typeof ack.envelope_id !== 'string') return;
    const pending = this.#pending.get(ack.envelope_id);
    if (!pending) return;
    this.#pending.delete(ack.envelope_id);
    clearTimeout(pending.timer);
    pending.resolve({ status: 200, body: ack.payload });
  }
}
