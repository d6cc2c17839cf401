/**
 * `/healthz`, `/readyz` and `/metrics` as Bolt custom routes, served on the same port as Slack's
 * `/slack/events` (or by {@link startHttpServer} in a worker-only process).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

export interface HttpRoute {
  path: string;
  method: string;
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/** One readiness condition; `detail` says what is wrong (or right). */
export interface ReadinessCheck {
  name: string;
  check(): Promise<{ ok: boolean; detail?: string }>;
}

export type ReadinessResult = {
  ok: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
};

/** Runs every check at once, each bounded by `timeoutMs`; a throw or timeout counts as not ready. */
export async function runReadiness(
  checks: readonly ReadinessCheck[],
  timeoutMs = 2000,
): Promise<ReadinessResult> {
  const results = await Promise.all(
    checks.map(async (c): Promise<[string, { ok: boolean; detail?: string }]> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<{ ok: boolean; detail: string }>((resolve) => {
        timer = setTimeout(
          () => resolve({ ok: false, detail: `no answer within ${timeoutMs} ms` }),
          timeoutMs,
        );
      });
      try {
        return [c.name, await Promise.race([c.check(), timeout])];
      } catch (error) {
        return [
          c.name,
          { ok: false, detail: error instanceof Error ? error.message : String(error) },
        ];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ok: results.every(([, r]) => r.ok), checks: Object.fromEntries(results) };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

export function healthRoutes(options: {
  registry: Registry;
  checks: readonly ReadinessCheck[];
  timeoutMs?: number;
}): HttpRoute[] {
  const { registry, checks } = options;
  return [
    {
      path: '/healthz',
      method: 'GET',
      handler: (_req, res) => send(res, 200, 'text/plain; charset=utf-8', 'ok\n'),
    },
    {
      path: '/readyz',
      method: 'GET',
      handler: (_req, res) => {
        void runReadiness(checks, options.timeoutMs).then((result) =>
          send(res, result.ok ? 200 : 503, 'application/json', `${JSON.stringify(result)}\n`),
        );
      },
    },
    {
      path: '/metrics',
      method: 'GET',
      handler: (_req, res) => {
        registry.metrics().then(
          (text) => send(res, 200, registry.contentType, text),
          (error: unknown) =>
            send(res, 500, 'text/plain; charset=utf-8', `metrics failed: ${String(error)}\n`),
        );
      },
    },
  ];
}
