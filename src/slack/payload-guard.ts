/**
 * Bolt's HTTP receiver crashes the process on a correctly signed form body whose `payload` is
 * JSON but not an object (e.g. `payload=null`: it reads `body.ssl_check` on null in a promise
 * nobody catches), and answers 500 to block_actions without `actions` or `user`, or with a non-object `channel`. This guard sits
 * in front of it on the same server: it buffers the body (Bolt then uses the buffered copy as
 * is) and answers 400 to such payloads itself.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 1024 * 1024;

/** Pure: whether a form body carries a `payload` Bolt cannot handle (see above). */
export function hasNonObjectPayload(body: string): boolean {
  const payload = new URLSearchParams(body).get('payload');
  if (payload === null) return false;
  try {
    const parsed: unknown = JSON.parse(payload);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return true;
    // why: Bolt throws (HTTP 500) on block_actions without an actions list or a user object, or
    // with a channel that is not an object.
    const p = parsed as { type?: unknown; actions?: unknown; user?: unknown; channel?: unknown };
    const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
    return (
      p.type === 'block_actions' &&
      (!Array.isArray(p.actions) ||
        !isObject(p.user) ||
        (p.channel !== undefined && !isObject(p.channel)))
    );
  } catch {
    return false; // Bolt answers malformed JSON with 400 by itself
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function guardSlackPayloads(server: Server, path = '/slack/events'): void {
  const listeners = server.listeners('request') as ((
    req: IncomingMessage,
    res: ServerResponse,
  ) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const forward = () => {
      for (const listener of listeners) listener(req, res);
    };
    if (req.method !== 'POST' || !req.url?.startsWith(path)) return forward();
    readBody(req).then(
      (body) => {
        if (body === undefined) {
          res.writeHead(413).end();
          return;
        }
        if (hasNonObjectPayload(body.toString('utf8'))) {
          res.writeHead(400).end();
          return;
        }
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
        forward();
      },
      () => {
        if (!res.headersSent) res.writeHead(400).end();
      },
    );
  });
}
