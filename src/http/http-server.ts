/** A minimal HTTP server for the health and metrics routes in a process that runs no Bolt app. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRoute } from './health-routes.js';

export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export function startHttpServer(
  routes: readonly HttpRoute[],
  port: number,
  host?: string,
): Promise<RunningServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes.find(
      (r) => r.path === path && r.method === (req.method ?? 'GET').toUpperCase(),
    );
    if (route) {
      route.handler(req, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
