/**
 * One MySQL connection as the probe uses it: promises that always settle, even when the
 * connection is destroyed mid-handshake or mid-query (mysql2 drops the callbacks then), and an
 * `error` listener from the first moment, so a connection dying while idle can never crash the
 * process (the seed probe's fatal flaw).
 */
import { type Connection, createConnection } from 'mysql2';
import type { Endpoint } from './types.js';

export interface ConnectionSettings {
  endpoint: Endpoint;
  user: string;
  password?: string;
}

export interface ProbeConnection {
  /** Resolves once the handshake (authentication included) has completed. */
  readonly ready: Promise<void>;
  /** True once the connection has failed or been closed; it is never reused then. */
  readonly dead: boolean;
  query<T = unknown>(sql: string, values?: unknown[]): Promise<T>;
  /** Closes the socket at once and fails every pending operation. */
  destroy(): void;
  /** Says goodbye to the server (COM_QUIT), destroying the socket if that takes over `timeoutMs`. */
  end(timeoutMs: number): Promise<void>;
}

function connectionClosed(): Error {
  return Object.assign(new Error('Connection closed by the probe'), { code: 'PROBE_CLOSED' });
}

/** Opens a connection; a new one re-resolves the host name, as a well-behaved client does. */
export function openConnection(settings: ConnectionSettings, timeoutMs: number): ProbeConnection {
  const conn: Connection = createConnection({
    host: settings.endpoint.host,
    port: settings.endpoint.port,
    user: settings.user,
    password: settings.password ?? '',
    connectTimeout: timeoutMs,
    multipleStatements: false,
  });
  let dead = false;
  let deathError: unknown;
  const pending = new Set<(error: unknown) => void>();
  const die = (error: unknown) => {
    if (dead) return;
    dead = true;
    deathError = error;
    for (const reject of pending) reject(error);
    pending.clear();
  };
  conn.on('error', die);
  conn.on('end', () => die(Object.assign(new Error('Connection lost'), { code: 'ECONNRESET' })));

  const track = <T>(run: (resolve: (v: T) => void, reject: (e: unknown) => void) => void) =>
    new Promise<T>((resolve, reject) => {
      if (dead) return reject(deathError);
      const fail = (error: unknown) => reject(error);
      pending.add(fail);
      run(
        (value) => {
          pending.delete(fail);
          resolve(value);
        },
        (error) => {
          pending.delete(fail);
          reject(error);
        },
      );
    });

  const ready = track<void>((resolve) => conn.once('connect', () => resolve()));
  ready.catch(() => {});

  const destroy = () => {
    die(connectionClosed());
    conn.destroy();
    // why: mysql2's destroy() only half-closes; a black-holed socket would linger for minutes
    (conn as unknown as { stream?: { destroy(): void } }).stream?.destroy();
  };

  return {
    ready,
    get dead() {
      return dead;
    },
    query<T>(sql: string, values: unknown[] = []) {
      return track<T>((resolve, reject) =>
        conn.query(sql, values, (error, rows) => (error ? reject(error) : resolve(rows as T))),
      );
    },
    destroy,
    end(endTimeoutMs: number) {
      if (dead) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          destroy();
          resolve();
        }, endTimeoutMs);
        conn.end(() => {
          clearTimeout(timer);
          die(connectionClosed());
          resolve();
        });
      });
    },
  };
}
