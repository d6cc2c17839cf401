import type { IncomingHttpHeaders } from 'node:http';
import type { FaultPlan } from './fault-plan.js';
import type { WebApiCall } from './types.js';
import { CHAT_METHODS } from './web-api-chat.js';
import { fail, type WebApiArgs, type WebApiBody, type WebApiContext } from './web-api-context.js';
import { DIRECTORY_METHODS } from './web-api-directory.js';

const METHODS = { ...CHAT_METHODS, ...DIRECTORY_METHODS };

/** Fields the SDK sends as JSON strings inside the form; calls() shows them parsed. */
const JSON_FIELDS = ['blocks', 'attachments', 'metadata'];

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Form or JSON body plus query string, as Slack accepts them. */
export function parseApiArgs(
  headers: IncomingHttpHeaders,
  rawBody: string,
  query: URLSearchParams,
): WebApiArgs {
  const args: WebApiArgs = Object.fromEntries(query);
  const type = (headers['content-type'] ?? '').split(';')[0]?.trim();
  if (type === 'application/json' && rawBody !== '') {
    try {
      const json: unknown = JSON.parse(rawBody);
      if (typeof json === 'object' && json !== null) Object.assign(args, json);
    } catch {
      // An unparsable body carries no arguments; the method answers what is missing.
    }
  } else {
    Object.assign(args, Object.fromEntries(new URLSearchParams(rawBody)));
  }
  return args;
}

function forRecord(args: WebApiArgs): Record<string, unknown> {
  const { token: _token, ...rest } = args;
  for (const field of JSON_FIELDS) {
    const value = rest[field];
    if (typeof value !== 'string') continue;
    try {
      rest[field] = JSON.parse(value);
    } catch {
      // Kept as sent: the method reports it as malformed.
    }
  }
  return rest;
}

const json = (
  status: number,
  body: WebApiBody,
  headers: Record<string, string> = {},
): HttpAnswer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

/**
 * Answers one Web API request the way Slack does: HTTP 200 with `{ok,…}` for everything
 * except injected faults (429 with `Retry-After`, or 500), `invalid_auth` unless the bearer
 * token (or a `token` argument) matches, `unknown_method` for methods the stand-in lacks.
 */
export function handleWebApi(
  request: {
    method: string;
    headers: IncomingHttpHeaders;
    rawBody: string;
    query: URLSearchParams;
  },
  ctx: WebApiContext,
  deps: {
    token: string;
    /** The app-level token (`xapp-…`) that `apps.connections.open` takes. */
    appToken: string;
    /** A fresh single-use Socket Mode URL. */
    openSocketUrl: () => string;
    faults: FaultPlan;
    record: (call: WebApiCall) => void;
  },
): HttpAnswer {
  const args = parseApiArgs(request.headers, request.rawBody, request.query);
  const time = ctx.now();
  const record = (status: number, body: WebApiBody) =>
    deps.record({
      time,
      method: request.method,
      args: forRecord(args),
      status,
      ok: body.ok,
      ...(body.error === undefined ? {} : { error: body.error }),
    });
  const fault = deps.faults.next();
  if (fault?.kind === 'rate_limited') {
    const body = fail('ratelimited');
    record(429, body);
    return json(429, body, { 'retry-after': String(fault.retryAfterSeconds) });
  }
  if (fault?.kind === 'server_error') {
    const body = fail('internal_error');
    record(500, body);
    return json(500, body);
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const token = bearer ?? (typeof args.token === 'string' ? args.token : undefined);
  const handler = METHODS[request.method];
  // why: Socket Mode's one method takes only the app-level token, every other one only the bot's.
  const body =
    request.method === 'apps.connections.open'
      ? token === deps.appToken
        ? { ok: true, url: deps.openSocketUrl() }
        : fail(token === deps.token ? 'not_allowed_token_type' : 'invalid_auth')
      : token !== deps.token
        ? fail(token === deps.appToken ? 'not_allowed_token_type' : 'invalid_auth')
        : handler === undefined
          ? fail('unknown_method')
          : handler(args, ctx);
  record(200, body);
  return json(200, body);
}
