import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, describeError, UserError } from '../../errors.js';
import { readBody } from './read-body.js';
import { asRecord, asString } from './read-fields.js';
import { renderChannel } from './render-channel.js';
import { renderPage } from './render-page.js';
import type { SimCore } from './sim-core.js';
import type { SseHub } from './sse-hub.js';

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, body: unknown) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));

function view(core: SimCore, query: URLSearchParams) {
  const channelRef = query.get('channel') ?? undefined;
  const channel =
    core.workspace.channels.find((c) => c.id === channelRef) ?? core.channel(undefined);
  const requested = query.get('user');
  const viewer =
    core.workspace.users.find((u) => u.id === requested)?.id ?? core.workspace.users[0]?.id ?? '';
  return {
    workspace: core.workspace,
    bot: core.bot,
    channel,
    viewer,
    messages: core.store.list(channel.id),
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  // why: requiring JSON makes a cross-site form post impossible without a CORS preflight,
  // which this server never grants, so other web pages cannot act as a user here.
  if ((req.headers['content-type'] ?? '').split(';')[0]?.trim() !== 'application/json') {
    throw new UserError('sim_bad_request', 'Send JSON (content-type: application/json).');
  }
  try {
    return asRecord(JSON.parse(await readBody(req))) ?? {};
  } catch {
    throw new UserError('sim_bad_request', 'The request body is not JSON.');
  }
}

async function act(core: SimCore, path: string, input: Record<string, unknown>): Promise<unknown> {
  const user = asString(input.user) ?? '';
  const channel = asString(input.channel);
  const text = asString(input.text) ?? '';
  if (path === '/ui/message') {
    return { ts: core.postUserMessage(user, channel, text).ts };
  }
  if (path === '/ui/command') {
    return (await core.typeCommand(user, channel, text)) ?? { sent: false };
  }
  const blockId = asString(input.blockId);
  const value = asString(input.value);
  const answer = await core.clickButton({
    user,
    ts: asString(input.ts) ?? '',
    actionId: asString(input.actionId) ?? '',
    ...(channel === undefined ? {} : { channel }),
    ...(blockId === undefined ? {} : { blockId }),
    ...(value === undefined ? {} : { value }),
  });
  if (answer.status !== 200) {
    throw new AppError('sim_bot_refused', `The bot answered the click with HTTP ${answer.status}.`);
  }
  return answer;
}

/**
 * The page and what it calls: `GET /`, `GET /ui/channel` (the message list as HTML),
 * `GET /ui/events` (server-sent `change` events) and JSON `POST /ui/command|click|message`.
 * Returns false for paths that are not the page's.
 */
export async function handleUi(
  core: SimCore,
  hub: SseHub,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const path = url.pathname;
  if (req.method === 'GET' && path === '/') {
    send(
      res,
      200,
      'text/html; charset=utf-8',
      renderPage({
        ...view(core, url.searchParams),
        botUrl: core.botUrl,
        socketMode: core.socketMode.connected(),
      }),
    );
    return true;
  }
  if (req.method === 'GET' && path === '/ui/channel') {
    send(res, 200, 'text/html; charset=utf-8', renderChannel(view(core, url.searchParams)));
    return true;
  }
  if (req.method === 'GET' && path === '/ui/events') {
    hub.add(res);
    return true;
  }
  if (req.method === 'POST' && ['/ui/command', '/ui/click', '/ui/message'].includes(path)) {
    try {
      sendJson(res, 200, await act(core, path, await readJson(req)));
    } catch (error) {
      const status = error instanceof UserError ? 400 : 502;
      sendJson(res, status, { error: describeError(error).replace(/\n/g, ' ') });
    }
    return true;
  }
  if (req.method === 'GET' && path === '/healthz') {
    sendJson(res, 200, { ok: true });
    return true;
  }
  return false;
}
