import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { DEFAULT_SIM_APP_TOKEN, DEFAULT_SIM_BOT_TOKEN } from './default-tokens.js';
import { defaultWorkspace } from './default-workspace.js';
import { readBody } from './read-body.js';
import { SimCore } from './sim-core.js';
import { SseHub } from './sse-hub.js';
import type { SlackSim, SlackSimOptions } from './types.js';
import { handleUi } from './ui-routes.js';
import { handleWebApi } from './web-api-handler.js';

async function route(
  core: SimCore,
  hub: SseHub,
  tokens: { token: string; appToken: string },
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', core.baseUrl);
  const api = /^\/api\/([A-Za-z0-9_.]+)$/.exec(url.pathname);
  if (api && (req.method === 'POST' || req.method === 'GET')) {
    const answer = handleWebApi(
      {
        method: api[1] ?? '',
        headers: req.headers,
        rawBody: await readBody(req),
        query: url.searchParams,
      },
      core.apiContext(),
      {
        ...tokens,
        openSocketUrl: () => core.socketMode.openUrl(core.baseUrl),
        faults: core.faults,
        record: (call) => core.calls.push(call),
      },
    );
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
    return;
  }
  const response = /^\/response\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
  if (response && req.method === 'POST') {
    const answer = core.responseUrls.use(response[1] ?? '', await readBody(req));
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(answer.body));
    return;
  }
  if (await handleUi(core, hub, req, res, url)) return;
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('not found\n');
}

/**
 * Starts the local Slack stand-in: Slack's Web API under `/api/`, response_urls under
 * `/response/`, and a web page at `/` that shows the channel and sends signed commands and
 * clicks to the bot at `<botUrl>/slack/events`.
 */
export async function startSlackSim(options: SlackSimOptions): Promise<SlackSim> {
  const workspace = options.workspace ?? defaultWorkspace();
  const core = new SimCore({
    workspace,
    signingSecret: options.signingSecret,
    botUrl: options.botUrl,
    commands: options.commands ?? ['/aurora'],
    now: options.now ?? Date.now,
  });
  const tokens = {
    token: options.botToken ?? DEFAULT_SIM_BOT_TOKEN,
    appToken: options.appToken ?? DEFAULT_SIM_APP_TOKEN,
  };
  const hub = new SseHub();
  const unsubscribe = core.store.onChange((change) => hub.broadcast('change', change));
  const logger = options.logger;
  const server = createServer((req, res) => {
    logger?.debug({ method: req.method, url: req.url }, 'slack stand-in request');
    route(core, hub, tokens, req, res).catch((error: unknown) => {
      logger?.warn({ err: error, url: req.url }, 'slack stand-in request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('internal error\n');
    });
  });
  core.socketMode.attach(server);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  // why: a wildcard address is not something a browser or Bolt can connect to.
  const shownHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  core.baseUrl = `http://${shownHost}:${port}/`;
  return {
    url: core.baseUrl,
    apiUrl: `${core.baseUrl}api/`,
    workspace,
    setBotUrl: (url) => {
      core.botUrl = url;
    },
    sendCommand: (args) => core.sendCommand(args),
    clickButton: (args) => core.clickButton(args),
    messages: (channel) => core.store.list(channel),
    calls: () => structuredClone(core.calls),
    setFaults: (faults) => core.faults.set(faults),
    sendSigned: (args) => core.sendSigned(args),
    close: async () => {
      unsubscribe();
      hub.close();
      core.socketMode.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
