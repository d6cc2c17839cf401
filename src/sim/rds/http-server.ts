/**
 * The emulator's HTTP front: `POST /` is the RDS Query API; `/_sim/*` is the control API
 * (state, call log, faults, reset). Every response carries `x-amzn-RequestId`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../../logger.js';
import type { QueryRequest, QueryResponse } from './handle-query.js';
import type { CallLogEntry } from './runtime/call-log.js';
import { type FaultSpec, faultSpecSchema } from './world/fault-schema.js';
import { formatProblems } from './world/format-problems.js';

const MAX_BODY_BYTES = 1_000_000;

export interface EmulatorBackend {
  query(request: QueryRequest): Promise<QueryResponse>;
  state(): Promise<unknown>;
  calls(): CallLogEntry[];
  setFaults(faults: FaultSpec): Promise<void>;
  reset(): Promise<void>;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string, requestId: string) {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'x-amzn-RequestId': requestId,
  });
  res.end(body);
}

const json = (res: ServerResponse, status: number, value: unknown, requestId: string) =>
  send(res, status, 'application/json', `${JSON.stringify(value, null, 2)}\n`, requestId);

async function route(
  backend: EmulatorBackend,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
) {
  const path = new URL(req.url ?? '/', 'http://emulator').pathname;
  const key = `${req.method} ${path}`;
  if (key === 'GET /_sim/state') return json(res, 200, await backend.state(), requestId);
  if (key === 'GET /_sim/calls') return json(res, 200, backend.calls(), requestId);
  if (key === 'POST /_sim/reset') {
    await backend.reset();
    return json(res, 200, { ok: true }, requestId);
  }
  if (key === 'POST /_sim/faults') {
    let raw: unknown;
    try {
      raw = JSON.parse((await readBody(req)) || '{}');
    } catch {
      return json(res, 400, { error: 'body is not JSON' }, requestId);
    }
    const parsed = faultSpecSchema.safeParse(raw);
    if (!parsed.success) {
      return json(
        res,
        400,
        { error: 'invalid faults', problems: formatProblems(parsed.error.issues) },
        requestId,
      );
    }
    await backend.setFaults(parsed.data);
    return json(res, 200, { ok: true, faults: parsed.data }, requestId);
  }
  if (req.method === 'POST' && path === '/') {
    const answer = await backend.query({
      body: await readBody(req),
      authorization: req.headers.authorization,
      requestId,
    });
    return send(res, answer.status, 'text/xml', answer.xml, requestId);
  }
  return json(res, 404, { error: `no route ${key}` }, requestId);
}

export function createEmulatorServer(backend: EmulatorBackend, logger: Logger): Server {
  return createServer((req, res) => {
    const requestId = randomUUID();
    route(backend, req, res, requestId).catch((error: unknown) => {
      if (error instanceof BodyTooLarge)
        return json(res, 413, { error: 'body too large' }, requestId);
      logger.error({ err: error, url: req.url }, 'emulator request failed');
      if (!res.headersSent) json(res, 500, { error: 'internal error' }, requestId);
    });
  });
}
